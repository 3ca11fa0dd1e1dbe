#ifndef CCURL_H
#define CCURL_H

// libcurl for Swift. curl_easy_setopt and curl_easy_getinfo are variadic, which
// Swift cannot call; these non-variadic shims take each argument type once.
// libcurl itself is loaded with dlopen on first use (see shim.c).

#include <curl/curl.h>
#include <stddef.h>

typedef size_t (*ccurl_data_callback)(char *buffer, size_t size, size_t count, void *userdata);

/// Loads libcurl.so.4 and runs curl_global_init(CURL_GLOBAL_ALL), exactly once per
/// process and safely from any thread. Returns NULL when libcurl is ready, else why
/// it is not (the loader's own words, e.g. "libcurl.so.4: cannot open shared object
/// file: No such file or directory"); the text lives as long as the process.
const char *ccurl_load(void);

/// Starts `ccurl_load` on a thread of its own, so that loading overlaps with other
/// work. A process that exits meanwhile waits for the load to finish first (loading
/// libcurl and OpenSSL while exit handlers tear them down crashes).
void ccurl_load_in_background(void);

/// Opens `soname` the way `ccurl_load` opens libcurl.so.4 and checks it the same way,
/// without touching the library the process uses. Returns 1 when it would do, else 0
/// with the reason in `reason`. For tests of the failure message.
int ccurl_probe_library(const char *soname, char *reason, size_t capacity);

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/// Strings, slists, blobs and userdata pointers.
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, const void *value);
/// CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION.
CURLcode ccurl_setopt_data_callback(CURL *handle, CURLoption option, ccurl_data_callback callback);
/// Sets a blob option (CAINFO_BLOB, SSLCERT_BLOB, SSLKEY_BLOB); libcurl copies the bytes.
CURLcode ccurl_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length);

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);

/// TLS sessions shared by the easy handles of one server, so that a second connection
/// resumes the first one's session instead of a full handshake (certificate checks
/// and signatures). Safe to use from several threads; free it after its handles.
struct ccurl_session_cache;
struct ccurl_session_cache *ccurl_session_cache_new(void);
void ccurl_session_cache_free(struct ccurl_session_cache *cache);
CURLcode ccurl_setopt_session_cache(CURL *handle, struct ccurl_session_cache *cache);

#endif
