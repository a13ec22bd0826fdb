/* datadir.c - where the installed tables, plans and schemas are, for the
 * defaults of --tables and --plans: ratel_data_dir() for this binary
 * ($ORIGIN/../share/ratel after `make install PREFIX=DIR`, else the
 * prefix baked in at build time). */
#include "cli.h"
#include "ratel_sys.h"

const char *cli_datadir(void)
{
    /* The tool's main thread asks before it starts any other. */
    static char dir[4096];
    static int found;

    if (!found) {
        if (ratel_data_dir(dir, sizeof dir, NULL) != RATEL_OK)
            dir[0] = '\0';
        found = 1;
    }
    return dir;
}
