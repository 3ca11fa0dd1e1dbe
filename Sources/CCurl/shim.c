#include "CCurl.h"

#include <CLibraryLoader.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

// libcurl is loaded with dlopen on first use instead of being linked: loading
// libcurl and its ~30 dependencies costs ~4.5 ms of CPU at every start, which
// commands that never talk to a cluster (completion above all) should not pay.
// The curl_* functions the Swift code calls are defined below as trampolines
// into the loaded library, so the call sites stay as they are.

// CURLOPT_CAINFO_BLOB, the newest option the transport relies on, came with 7.77.0.
#define MINIMUM_VERSION 0x074D00
#define MINIMUM_VERSION_TEXT "7.77.0"

struct library {
    CURLcode (*global_init)(long flags);
    curl_version_info_data *(*version_info)(CURLversion age);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    void (*easy_reset)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *string);
    void (*slist_free_all)(struct curl_slist *list);
    CURLSH *(*share_init)(void);
    CURLSHcode (*share_setopt)(CURLSH *share, CURLSHoption option, ...);
    CURLSHcode (*share_cleanup)(CURLSH *share);
};

/// Opens `soname` and fills `table`; returns 1, or 0 with the reason in `reason`.
static int open_library(const char *soname, struct library *table, char *reason, size_t capacity) {
    const clib_symbol symbols[] = {
        CLIB_SYMBOL(table->global_init, "curl_global_init"),
        CLIB_SYMBOL(table->version_info, "curl_version_info"),
        CLIB_SYMBOL(table->easy_init, "curl_easy_init"),
        CLIB_SYMBOL(table->easy_cleanup, "curl_easy_cleanup"),
        CLIB_SYMBOL(table->easy_reset, "curl_easy_reset"),
        CLIB_SYMBOL(table->easy_perform, "curl_easy_perform"),
        CLIB_SYMBOL(table->easy_strerror, "curl_easy_strerror"),
        CLIB_SYMBOL(table->easy_setopt, "curl_easy_setopt"),
        CLIB_SYMBOL(table->easy_getinfo, "curl_easy_getinfo"),
        CLIB_SYMBOL(table->slist_append, "curl_slist_append"),
        CLIB_SYMBOL(table->slist_free_all, "curl_slist_free_all"),
        CLIB_SYMBOL(table->share_init, "curl_share_init"),
        CLIB_SYMBOL(table->share_setopt, "curl_share_setopt"),
        CLIB_SYMBOL(table->share_cleanup, "curl_share_cleanup"),
    };
    if (clib_open(soname, "libcurl", symbols, sizeof symbols / sizeof symbols[0], reason, capacity) == NULL) return 0;
    curl_version_info_data *version = table->version_info(CURLVERSION_NOW);
    if (version == NULL || version->version_num < MINIMUM_VERSION) {
        snprintf(reason, capacity, "%s is libcurl %s, too old: %s or newer is needed", soname,
                 version != NULL && version->version != NULL ? version->version : "(unknown version)",
                 MINIMUM_VERSION_TEXT);
        return 0;
    }
    return 1;
}

int ccurl_probe_library(const char *soname, char *reason, size_t capacity) {
    struct library table;
    return open_library(soname, &table, reason, capacity);
}

static struct library library;
static char failure[512];
static int library_ready;
static pthread_once_t library_once = PTHREAD_ONCE_INIT;

static void load_library(void) {
    if (!open_library("libcurl.so.4", &library, failure, sizeof failure)) return;
    CURLcode code = library.global_init(CURL_GLOBAL_ALL);
    if (code != CURLE_OK) {
        snprintf(failure, sizeof failure, "curl_global_init failed: %s", library.easy_strerror(code));
        return;
    }
    library_ready = 1;
}

static int loaded(void) {
    pthread_once(&library_once, load_library);
    return library_ready;
}

const char *ccurl_load(void) {
    return loaded() ? NULL : failure;
}

// The background load: one thread, joined by an exit handler so that exit never
// tears OpenSSL down while the thread is still loading or initialising it.
static pthread_once_t background_once = PTHREAD_ONCE_INIT;
static pthread_t loader;
static atomic_int loader_running;

static void *load_on_thread(void *unused) {
    (void)unused;
    loaded();
    return NULL;
}

static void wait_for_loader(void) {
    if (atomic_exchange(&loader_running, 0)) pthread_join(loader, NULL);
}

static void start_loader(void) {
    // Registered before the thread starts, so it runs after the exit handlers
    // OpenSSL registers while it loads (they run last-registered first).
    if (atexit(wait_for_loader) != 0) return;
    if (pthread_create(&loader, NULL, load_on_thread, NULL) == 0) atomic_store(&loader_running, 1);
}

void ccurl_load_in_background(void) {
    pthread_once(&background_once, start_loader);
}

// MARK: trampolines

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
    return loaded() ? library.easy_strerror(code) : failure;
}

struct curl_slist *curl_slist_append(struct curl_slist *list, const char *string) {
    return loaded() ? library.slist_append(list, string) : NULL;
}

void curl_slist_free_all(struct curl_slist *list) {
    if (loaded()) library.slist_free_all(list);
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

// MARK: sessions shared between the handles of one server

struct ccurl_session_cache {
    CURLSH *share;
    pthread_mutex_t locks[CURL_LOCK_DATA_LAST];
};

static void share_lock(CURL *handle, curl_lock_data data, curl_lock_access access, void *user) {
    (void)handle;
    (void)access;
    pthread_mutex_lock(&((struct ccurl_session_cache *)user)->locks[data]);
}

static void share_unlock(CURL *handle, curl_lock_data data, void *user) {
    (void)handle;
    pthread_mutex_unlock(&((struct ccurl_session_cache *)user)->locks[data]);
}

struct ccurl_session_cache *ccurl_session_cache_new(void) {
    if (!loaded()) return NULL;
    struct ccurl_session_cache *cache = calloc(1, sizeof *cache);
    if (cache == NULL) return NULL;
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_init(&cache->locks[i], NULL);
    cache->share = library.share_init();
    if (cache->share == NULL
        || library.share_setopt(cache->share, CURLSHOPT_LOCKFUNC, share_lock) != CURLSHE_OK
        || library.share_setopt(cache->share, CURLSHOPT_UNLOCKFUNC, share_unlock) != CURLSHE_OK
        || library.share_setopt(cache->share, CURLSHOPT_USERDATA, cache) != CURLSHE_OK
        || library.share_setopt(cache->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) != CURLSHE_OK) {
        ccurl_session_cache_free(cache);
        return NULL;
    }
    return cache;
}

void ccurl_session_cache_free(struct ccurl_session_cache *cache) {
    if (cache == NULL) return;
    if (cache->share != NULL) library.share_cleanup(cache->share);
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_destroy(&cache->locks[i]);
    free(cache);
}

CURLcode ccurl_setopt_session_cache(CURL *handle, struct ccurl_session_cache *cache) {
    if (!loaded()) return CURLE_FAILED_INIT;
    return library.easy_setopt(handle, CURLOPT_SHARE, cache->share);
}
