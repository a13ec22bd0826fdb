/* cmd_compare_html.c - placeholder */
#include "cli.h"
int cmd_compare_html(FILE *out, const ratel_comparison *c, const char *decl)
{
    (void)out; (void)c; (void)decl;
    return -1;
}
