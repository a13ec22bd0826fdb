/* measure_jsonc.c - the json-c candidate of measure.c, apart because
 * json-c's and jansson's headers declare the same names. */
#include <stddef.h>

#include <json-c/json.h>

size_t jsonc_parse(const char *json, size_t n);

/* Parses json (n bytes) into a json-c tree and frees it; 1 if it parsed. */
size_t jsonc_parse(const char *json, size_t n)
{
    json_tokener *tok = json_tokener_new();
    json_object *o = json_tokener_parse_ex(tok, json, (int)n);
    size_t ok = o != NULL;
    json_object_put(o);
    json_tokener_free(tok);
    return ok;
}
