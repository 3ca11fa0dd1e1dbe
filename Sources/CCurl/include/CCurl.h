#ifndef CCURL_H
#define CCURL_H

// libcurl for Swift. curl_easy_setopt and curl_easy_getinfo are variadic, which
// Swift cannot call; these non-variadic shims take each argument type once.

#include <curl/curl.h>

typedef size_t (*ccurl_data_callback)(char *buffer, size_t size, size_t count, void *userdata);
typedef int (*ccurl_xferinfo_callback)(void *userdata, curl_off_t download_total, curl_off_t downloaded,
                                       curl_off_t upload_total, curl_off_t uploaded);

/// curl_global_init(CURL_GLOBAL_ALL): call once, before the first handle.
CURLcode ccurl_global_init(void);

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/// Strings, slists, blobs and userdata pointers.
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, const void *value);
/// CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION.
CURLcode ccurl_setopt_data_callback(CURL *handle, CURLoption option, ccurl_data_callback callback);
CURLcode ccurl_setopt_xferinfo_callback(CURL *handle, ccurl_xferinfo_callback callback);
/// Sets a blob option (CAINFO_BLOB, SSLCERT_BLOB, SSLKEY_BLOB); libcurl copies the bytes.
CURLcode ccurl_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length);

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, const char **value);

#endif
