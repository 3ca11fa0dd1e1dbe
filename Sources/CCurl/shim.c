#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>

// libcurl is loaded with dlopen on first use instead of being linked: loading
// libcurl and its ~30 dependencies costs ~4.5 ms of CPU at every start, which
// commands that never talk to a cluster (completion above all) should not pay.
// The curl_* functions the Swift code calls are defined below as trampolines
// into the loaded library, so the call sites stay as they are.

static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    void (*easy_reset)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *string);
    void (*slist_free_all)(struct curl_slist *list);
} library;
static int library_loaded;
static pthread_once_t library_once = PTHREAD_ONCE_INIT;

static void load_library(void) {
    void *handle = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) handle = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) return;
#define LOAD(field, symbol) \
    if ((*(void **)&library.field = dlsym(handle, symbol)) == NULL) return;
    LOAD(global_init, "curl_global_init")
    LOAD(easy_init, "curl_easy_init")
    LOAD(easy_cleanup, "curl_easy_cleanup")
    LOAD(easy_reset, "curl_easy_reset")
    LOAD(easy_perform, "curl_easy_perform")
    LOAD(easy_strerror, "curl_easy_strerror")
    LOAD(easy_setopt, "curl_easy_setopt")
    LOAD(easy_getinfo, "curl_easy_getinfo")
    LOAD(slist_append, "curl_slist_append")
    LOAD(slist_free_all, "curl_slist_free_all")
#undef LOAD
    library_loaded = 1;
}

static int loaded(void) {
    pthread_once(&library_once, load_library);
    return library_loaded;
}

CURLcode curl_global_init(long flags) {
    return loaded() ? library.global_init(flags) : CURLE_FAILED_INIT;
}

CURL *curl_easy_init(void) {
    return loaded() ? library.easy_init() : NULL;
}

void curl_easy_cleanup(CURL *handle) {
    if (loaded()) library.easy_cleanup(handle);
}

void curl_easy_reset(CURL *handle) {
    if (loaded()) library.easy_reset(handle);
}

CURLcode curl_easy_perform(CURL *handle) {
    return loaded() ? library.easy_perform(handle) : CURLE_FAILED_INIT;
}

const char *curl_easy_strerror(CURLcode code) {
    return loaded() ? library.easy_strerror(code) : "libcurl.so.4 could not be loaded (install libcurl4)";
}

struct curl_slist *curl_slist_append(struct curl_slist *list, const char *string) {
    return loaded() ? library.slist_append(list, string) : NULL;
}

void curl_slist_free_all(struct curl_slist *list) {
    if (loaded()) library.slist_free_all(list);
}

CURLcode ccurl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    if (!loaded()) return CURLE_FAILED_INIT;
    return library.easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    if (!loaded()) return CURLE_FAILED_INIT;
    return library.easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    if (!loaded()) return CURLE_FAILED_INIT;
    return library.easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_data_callback(CURL *handle, CURLoption option, ccurl_data_callback callback) {
    if (!loaded()) return CURLE_FAILED_INIT;
    return library.easy_setopt(handle, option, callback);
}

CURLcode ccurl_setopt_xferinfo_callback(CURL *handle, ccurl_xferinfo_callback callback) {
    if (!loaded()) return CURLE_FAILED_INIT;
    return library.easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

CURLcode ccurl_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length) {
    struct curl_blob blob;
    blob.data = (void *)data;
    blob.len = length;
    blob.flags = CURL_BLOB_COPY;
    if (!loaded()) return CURLE_FAILED_INIT;
    return library.easy_setopt(handle, option, &blob);
}

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    if (!loaded()) return CURLE_FAILED_INIT;
    return library.easy_getinfo(handle, info, value);
}

CURLcode ccurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    if (!loaded()) return CURLE_FAILED_INIT;
    return library.easy_getinfo(handle, info, value);
}

CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    if (!loaded()) return CURLE_FAILED_INIT;
    return library.easy_getinfo(handle, info, value);
}
