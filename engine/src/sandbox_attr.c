/* sandbox_attr.c - attribute(name, value): a named figure or word the
 * plan hands to the programs around its quotes (a scheme's tier and the
 * parts of a member's fee, read by scheme.c), kept on the quote beside
 * the worksheet. An attribute changes no premium. */
#include "sandbox_int.h"

#include <math.h>
#include <string.h>

#define ATTR_MAX_NAME 64
#define ATTR_MAX_TEXT 512
#define ATTR_MAX_INTEGER 1e15

/* Names are lower-case words of letters, digits and '_' joined by '.':
 * "scheme.top_up". */
static int attr_name_ok(const char *s, size_t len)
{
    size_t i;
    if (len == 0 || len > ATTR_MAX_NAME || s[0] < 'a' || s[0] > 'z' ||
        s[len - 1] == '.')
        return 0;
    for (i = 0; i < len; i++) {
        char c = s[i];
        int word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '_';
        if (!word && !(c == '.' && s[i - 1] != '.'))
            return 0;
    }
    return 1;
}

/* attribute(name, value): value a string, or a whole number (an integer,
 * or a float holding one: round_amount()'s result) of at most 10^15. */
static int api_attribute(lua_State *L)
{
    sbx *s = sbx_of(L);
    size_t nlen, tlen = 0;
    const char *name, *text = NULL;
    int64_t integer = 0;
    int rc;

    sbx_require_quote(L, "attribute");
    sbx_no_block(L, "attribute");
    if (s->in_shared)
        return luaL_error(L, "attribute() cannot be called in shared(d): "
                          "it may only look tables up and compute");
    name = luaL_checklstring(L, 1, &nlen);
    if (!attr_name_ok(name, nlen))
        return luaL_argerror(L, 1, "a name of lower-case words of letters, "
                                   "digits and '_' joined by '.' (at most "
                                   "64 bytes)");
    if (lua_type(L, 2) == LUA_TSTRING) {
        text = sbx_check_text(L, 2, &tlen, ATTR_MAX_TEXT, "an attribute");
    } else if (lua_isinteger(L, 2)) {
        integer = (int64_t)lua_tointeger(L, 2);
    } else if (lua_type(L, 2) == LUA_TNUMBER) {
        double v = lua_tonumber(L, 2);
        if (!(v == floor(v)) || fabs(v) > ATTR_MAX_INTEGER)
            return luaL_error(L, "attribute '%s': %f is not a whole number "
                              "of at most 10^15 (round it first)", name, v);
        integer = (int64_t)v;
    } else {
        return luaL_argerror(L, 2, "a string or a whole number");
    }
    if (lua_isinteger(L, 2) && (integer > (int64_t)ATTR_MAX_INTEGER ||
                                integer < -(int64_t)ATTR_MAX_INTEGER))
        return luaL_error(L, "attribute '%s': beyond 10^15", name);
    rc = res_set_attr(s->res, name, nlen, text, tlen, integer);
    if (rc == -2)
        return luaL_error(L, "more than %d attributes", RES_MAX_ATTRS);
    if (rc != 0) {
        lua_pushliteral(L, "not enough memory");
        return lua_error(L);
    }
    return 0;
}

void sbx_attr_register(lua_State *L)
{
    lua_pushcfunction(L, api_attribute);
    lua_setfield(L, -2, "attribute");
}
