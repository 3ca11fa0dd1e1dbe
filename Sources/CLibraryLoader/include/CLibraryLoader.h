#ifndef CLIBRARYLOADER_H
#define CLIBRARYLOADER_H

#include <stddef.h>

// Loading a shared library at first use instead of linking it (CCurl's libcurl,
// CCrypto's libcrypto): open it, resolve every symbol a table needs, and say why
// not when something is missing.

/// One symbol to resolve: where its address goes, and its name in the library.
typedef struct {
    void **slot;
    const char *name;
} clib_symbol;

/// `{slot, name}` for a function-pointer field: CLIB_SYMBOL(table->easy_init, "curl_easy_init").
#define CLIB_SYMBOL(field, symbol) {(void **)&(field), (symbol)}

/// Opens `soname` (RTLD_NOW | RTLD_LOCAL) and fills every slot of `symbols`.
/// Returns the handle, or NULL with the reason in `reason`: dlopen's message, or
/// "SONAME does not define SYMBOL (it is not WHAT)".
void *clib_open(const char *soname, const char *what, const clib_symbol *symbols, size_t count,
                char *reason, size_t capacity);

#endif
