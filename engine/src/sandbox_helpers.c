/* sandbox_helpers.c - pure helpers for plans: money as text, and dates
 * ("YYYY-MM-DD" strings) moved by days or years. Documented in
 * docs/plans.md. */
#include "sandbox_int.h"

#include <string.h>

#include "decl.h"

/* yen(n): a whole amount with thousands separators, "1,234,567". */
static int api_yen(lua_State *L)
{
    lua_Integer n;
    lua_Unsigned u;
    char out[32], *p = out + sizeof out;
    int digits = 0;
    if (!lua_isinteger(L, 1)) {
        lua_Number x = luaL_checknumber(L, 1);
        if (!lua_numbertointeger(x, &n) || (lua_Number)n != x)
            return luaL_argerror(L, 1, "a whole number of yen");
    } else {
        n = lua_tointeger(L, 1);
    }
    u = n < 0 ? 0u - (lua_Unsigned)n : (lua_Unsigned)n;
    do {
        if (digits > 0 && digits % 3 == 0)
            *--p = ',';
        *--p = (char)('0' + u % 10);
        digits++;
    } while ((u /= 10) != 0);
    if (n < 0)
        *--p = '-';
    lua_pushlstring(L, p, (size_t)(out + sizeof out - p));
    return 1;
}

static int32_t check_date(lua_State *L, int arg)
{
    size_t len;
    const char *s = luaL_checklstring(L, arg, &len);
    int32_t days;
    if (decl_date_parse(s, len, &days))
        luaL_argerror(L, arg, "expected a date YYYY-MM-DD");
    return days;
}

static void push_date(lua_State *L, int32_t days)
{
    char text[11];
    decl_date_format(days, text);
    lua_pushlstring(L, text, 10);
}

/* add_days(date, n) */
static int api_add_days(lua_State *L)
{
    int32_t d = check_date(L, 1);
    lua_Integer n = luaL_checkinteger(L, 2);
    int32_t out;
    char text[11];
    if (n < -400000 || n > 400000)
        return luaL_argerror(L, 2, "too many days");
    decl_date_format(d + (int32_t)n, text);
    if (decl_date_parse(text, 10, &out))
        return luaL_error(L, "add_days: date out of range");
    push_date(L, out);
    return 1;
}

/* 1 when year y has a 29 February. */
static int leap_year(long y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/* add_years(date, n): the same day n years away (29 Feb -> 28 Feb). */
static int api_add_years(lua_State *L)
{
    size_t len;
    const char *s = lua_tolstring(L, 1, &len);
    int isint;
    lua_Integer n;
    int32_t days;
    long y, year;
    int i;
    char text[11];
    if (!s)
        s = luaL_checklstring(L, 1, &len); /* raises */
    n = lua_tointegerx(L, 2, &isint);
    if (!isint)
        n = luaL_checkinteger(L, 2); /* raises */
    if (decl_date_parse(s, len, &days))
        return luaL_argerror(L, 1, "expected a date YYYY-MM-DD");
    if (n < -1000 || n > 1000)
        return luaL_argerror(L, 2, "too many years");
    year = y = (s[0] - '0') * 1000L + (s[1] - '0') * 100 +
               (s[2] - '0') * 10 + (s[3] - '0') + (long)n;
    if (y < 1900 || y > 2999) /* (lua_pushfstring has no %ld) */
        return luaL_error(L, "add_years: year %d out of range", (int)y);
    memcpy(text, s, 10);
    for (i = 3; i >= 0; i--, y /= 10)
        text[i] = (char)('0' + y % 10);
    if (memcmp(text + 5, "02-29", 5) == 0 && !leap_year(year))
        text[9] = '8'; /* 29 Feb in a year without one */
    lua_pushlstring(L, text, 10);
    return 1;
}

/* days_between(a, b): b - a in days. */
static int api_days_between(lua_State *L)
{
    int32_t a = check_date(L, 1), b = check_date(L, 2);
    lua_pushinteger(L, (lua_Integer)b - a);
    return 1;
}

void sbx_helpers_register(lua_State *L)
{
    static const luaL_Reg helpers[] = {
        {"yen", api_yen},
        {"add_days", api_add_days},
        {"add_years", api_add_years},
        {"days_between", api_days_between},
        {NULL, NULL}};
    luaL_setfuncs(L, helpers, 0);
}
