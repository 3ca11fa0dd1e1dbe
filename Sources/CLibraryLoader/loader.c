#include "CLibraryLoader.h"

#include <dlfcn.h>
#include <stdio.h>

void *clib_open(const char *soname, const char *what, const clib_symbol *symbols, size_t count,
                char *reason, size_t capacity) {
    void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *why = dlerror();
        snprintf(reason, capacity, "%s", why != NULL ? why : soname);
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        if ((*symbols[i].slot = dlsym(handle, symbols[i].name)) == NULL) {
            snprintf(reason, capacity, "%s does not define %s (it is not %s)", soname, symbols[i].name, what);
            return NULL;
        }
    }
    return handle;
}
