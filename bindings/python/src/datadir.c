/* datadir.c - where the installed tables, plans and schemas are, for
 * ratel.Engine's defaults: ratel_data_dir() for this extension module's
 * file, the nearest share/ratel above it (the module installed by `make
 * install PREFIX=DIR` in DIR/lib/python3/dist-packages/ratel/, or by the
 * python3-ratel package), else the prefix baked in at build time. */
#define _GNU_SOURCE 1 /* dladdr */
#include "pyr.h"

#include <dlfcn.h>
#include <ratel_sys.h>

const char *pyr_datadir(void)
{
    /* Called with the GIL held: one caller at a time. */
    static char dir[4096];
    static int found;
    Dl_info info;

    if (!found) {
        const char *module = dladdr((void *)pyr_datadir, &info) != 0
                                 ? info.dli_fname : NULL;
        /* without its own file, the module looks beside nothing: "" */
        if (ratel_data_dir(dir, sizeof dir, module ? module : "") !=
            RATEL_OK)
            dir[0] = '\0';
        found = 1;
    }
    return dir;
}
