#include "CCrypto.h"

#include <CLibraryLoader.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

// libcrypto is loaded with dlopen on first use instead of being linked, like libcurl
// in CCurl: the static binary does not depend on it, and only a render that calls a
// crypto function needs it. OpenSSL's types are opaque here; the prototypes below
// are the subset of OpenSSL 3's API this file calls (declared by hand so that no
// OpenSSL headers are needed to build).

typedef struct evp_pkey_st EVP_PKEY;
typedef struct evp_pkey_ctx_st EVP_PKEY_CTX;
typedef struct evp_md_st EVP_MD;
typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct evp_cipher_st EVP_CIPHER;
typedef struct evp_cipher_ctx_st EVP_CIPHER_CTX;
typedef struct x509_st X509;

// NIDs from OpenSSL's obj_mac.h (stable across versions).
#define NID_RSA 6
#define NID_DSA 116
#define NID_EC 408
#define NID_X25519 1034
#define NID_ED25519 1087

#define MINIMUM_VERSION 0x30000000UL
#define MINIMUM_VERSION_TEXT "3.0.0"
#define SONAME "libcrypto.so.3"

struct library {
    unsigned long (*version_num)(void);
    unsigned long (*err_get_error)(void);
    void (*err_error_string_n)(unsigned long error, char *buffer, size_t length);
    void (*err_clear_error)(void);
    int (*rand_bytes)(unsigned char *buffer, int count);
    void (*crypto_free)(void *pointer, const char *file, int line);
    const EVP_CIPHER *(*aes_256_cbc)(void);
    EVP_CIPHER_CTX *(*cipher_ctx_new)(void);
    void (*cipher_ctx_free)(EVP_CIPHER_CTX *ctx);
    int (*cipher_init_ex)(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, void *engine, const unsigned char *key,
                          const unsigned char *iv, int encrypt);
    int (*cipher_ctx_set_padding)(EVP_CIPHER_CTX *ctx, int padding);
    int (*cipher_update)(EVP_CIPHER_CTX *ctx, unsigned char *out, int *out_length, const unsigned char *in,
                         int in_length);
    int (*cipher_final_ex)(EVP_CIPHER_CTX *ctx, unsigned char *out, int *out_length);
    int (*pbe_scrypt)(const char *password, size_t password_length, const unsigned char *salt, size_t salt_length,
                      uint64_t n, uint64_t r, uint64_t p, uint64_t max_memory, unsigned char *key, size_t key_length);
    const EVP_MD *(*get_digestbyname)(const char *name);
    unsigned char *(*hmac)(const EVP_MD *md, const void *key, int key_length, const unsigned char *data,
                           size_t length, unsigned char *out, unsigned int *out_length);
    EVP_PKEY_CTX *(*pkey_ctx_new_from_name)(void *libctx, const char *name, const char *properties);
    EVP_PKEY_CTX *(*pkey_ctx_new_from_pkey)(void *libctx, EVP_PKEY *key, const char *properties);
    void (*pkey_ctx_free)(EVP_PKEY_CTX *ctx);
    int (*pkey_keygen_init)(EVP_PKEY_CTX *ctx);
    int (*pkey_paramgen_init)(EVP_PKEY_CTX *ctx);
    int (*pkey_generate)(EVP_PKEY_CTX *ctx, EVP_PKEY **key);
    int (*set_rsa_keygen_bits)(EVP_PKEY_CTX *ctx, int bits);
    int (*set_group_name)(EVP_PKEY_CTX *ctx, const char *name);
    int (*set_dsa_paramgen_bits)(EVP_PKEY_CTX *ctx, int bits);
    int (*set_dsa_paramgen_q_bits)(EVP_PKEY_CTX *ctx, int bits);
    void (*pkey_free)(EVP_PKEY *key);
    int (*pkey_get_base_id)(const EVP_PKEY *key);
    int (*pkey_get_bits)(const EVP_PKEY *key);
    int (*pkey_get_group_name)(const EVP_PKEY *key, char *name, size_t capacity, size_t *length);
    int (*pkey_get_raw_private_key)(const EVP_PKEY *key, unsigned char *out, size_t *length);
    EVP_PKEY *(*d2i_private_key)(int type, EVP_PKEY **key, const unsigned char **in, long length);
    EVP_PKEY *(*d2i_auto_private_key)(EVP_PKEY **key, const unsigned char **in, long length);
    int (*i2d_private_key)(const EVP_PKEY *key, unsigned char **out);
    int (*i2d_pubkey)(const EVP_PKEY *key, unsigned char **out);
    EVP_MD_CTX *(*md_ctx_new)(void);
    void (*md_ctx_free)(EVP_MD_CTX *ctx);
    int (*digest_sign_init)(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const EVP_MD *md, void *engine, EVP_PKEY *key);
    int (*digest_sign)(EVP_MD_CTX *ctx, unsigned char *signature, size_t *signature_length,
                       const unsigned char *data, size_t length);
    X509 *(*d2i_x509)(X509 **certificate, const unsigned char **in, long length);
    void (*x509_free)(X509 *certificate);
};

/// Opens `soname` and fills `table`; returns 1, or 0 with the reason in `reason`.
static int open_library(const char *soname, struct library *table, char *reason, size_t capacity) {
    const clib_symbol symbols[] = {
        CLIB_SYMBOL(table->version_num, "OpenSSL_version_num"),
        CLIB_SYMBOL(table->err_get_error, "ERR_get_error"),
        CLIB_SYMBOL(table->err_error_string_n, "ERR_error_string_n"),
        CLIB_SYMBOL(table->err_clear_error, "ERR_clear_error"),
        CLIB_SYMBOL(table->rand_bytes, "RAND_bytes"),
        CLIB_SYMBOL(table->crypto_free, "CRYPTO_free"),
        CLIB_SYMBOL(table->aes_256_cbc, "EVP_aes_256_cbc"),
        CLIB_SYMBOL(table->cipher_ctx_new, "EVP_CIPHER_CTX_new"),
        CLIB_SYMBOL(table->cipher_ctx_free, "EVP_CIPHER_CTX_free"),
        CLIB_SYMBOL(table->cipher_init_ex, "EVP_CipherInit_ex"),
        CLIB_SYMBOL(table->cipher_ctx_set_padding, "EVP_CIPHER_CTX_set_padding"),
        CLIB_SYMBOL(table->cipher_update, "EVP_CipherUpdate"),
        CLIB_SYMBOL(table->cipher_final_ex, "EVP_CipherFinal_ex"),
        CLIB_SYMBOL(table->pbe_scrypt, "EVP_PBE_scrypt"),
        CLIB_SYMBOL(table->get_digestbyname, "EVP_get_digestbyname"),
        CLIB_SYMBOL(table->hmac, "HMAC"),
        CLIB_SYMBOL(table->pkey_ctx_new_from_name, "EVP_PKEY_CTX_new_from_name"),
        CLIB_SYMBOL(table->pkey_ctx_new_from_pkey, "EVP_PKEY_CTX_new_from_pkey"),
        CLIB_SYMBOL(table->pkey_ctx_free, "EVP_PKEY_CTX_free"),
        CLIB_SYMBOL(table->pkey_keygen_init, "EVP_PKEY_keygen_init"),
        CLIB_SYMBOL(table->pkey_paramgen_init, "EVP_PKEY_paramgen_init"),
        CLIB_SYMBOL(table->pkey_generate, "EVP_PKEY_generate"),
        CLIB_SYMBOL(table->set_rsa_keygen_bits, "EVP_PKEY_CTX_set_rsa_keygen_bits"),
        CLIB_SYMBOL(table->set_group_name, "EVP_PKEY_CTX_set_group_name"),
        CLIB_SYMBOL(table->set_dsa_paramgen_bits, "EVP_PKEY_CTX_set_dsa_paramgen_bits"),
        CLIB_SYMBOL(table->set_dsa_paramgen_q_bits, "EVP_PKEY_CTX_set_dsa_paramgen_q_bits"),
        CLIB_SYMBOL(table->pkey_free, "EVP_PKEY_free"),
        CLIB_SYMBOL(table->pkey_get_base_id, "EVP_PKEY_get_base_id"),
        CLIB_SYMBOL(table->pkey_get_bits, "EVP_PKEY_get_bits"),
        CLIB_SYMBOL(table->pkey_get_group_name, "EVP_PKEY_get_group_name"),
        CLIB_SYMBOL(table->pkey_get_raw_private_key, "EVP_PKEY_get_raw_private_key"),
        CLIB_SYMBOL(table->d2i_private_key, "d2i_PrivateKey"),
        CLIB_SYMBOL(table->d2i_auto_private_key, "d2i_AutoPrivateKey"),
        CLIB_SYMBOL(table->i2d_private_key, "i2d_PrivateKey"),
        CLIB_SYMBOL(table->i2d_pubkey, "i2d_PUBKEY"),
        CLIB_SYMBOL(table->md_ctx_new, "EVP_MD_CTX_new"),
        CLIB_SYMBOL(table->md_ctx_free, "EVP_MD_CTX_free"),
        CLIB_SYMBOL(table->digest_sign_init, "EVP_DigestSignInit"),
        CLIB_SYMBOL(table->digest_sign, "EVP_DigestSign"),
        CLIB_SYMBOL(table->d2i_x509, "d2i_X509"),
        CLIB_SYMBOL(table->x509_free, "X509_free"),
    };
    if (clib_open(soname, "OpenSSL 3's libcrypto", symbols, sizeof symbols / sizeof symbols[0], reason, capacity) == NULL) return 0;
    unsigned long version = table->version_num();
    if (version < MINIMUM_VERSION) {
        snprintf(reason, capacity, "%s is OpenSSL %lx, too old: %s or newer is needed", soname, version,
                 MINIMUM_VERSION_TEXT);
        return 0;
    }
    return 1;
}

int ccrypto_probe_library(const char *soname, char *reason, size_t capacity) {
    struct library table;
    return open_library(soname, &table, reason, capacity);
}

static struct library lib;
static char failure[512];
static int library_ready;
static pthread_once_t library_once = PTHREAD_ONCE_INIT;

static void load_library(void) {
    if (open_library(SONAME, &lib, failure, sizeof failure)) library_ready = 1;
}

static int loaded(void) {
    pthread_once(&library_once, load_library);
    return library_ready;
}

const char *ccrypto_load(void) {
    return loaded() ? NULL : failure;
}

void ccrypto_last_error(char *text, size_t capacity) {
    if (capacity == 0) return;
    text[0] = 0;
    if (!loaded()) {
        snprintf(text, capacity, "%s", failure);
        return;
    }
    unsigned long code = lib.err_get_error();
    if (code != 0) lib.err_error_string_n(code, text, capacity);
    lib.err_clear_error();
}

void ccrypto_free(void *pointer) {
    if (pointer != NULL && loaded()) lib.crypto_free(pointer, __FILE__, __LINE__);
}

int ccrypto_random(unsigned char *buffer, size_t count) {
    if (!loaded() || count > 0x7fffffff) return 0;
    return lib.rand_bytes(buffer, (int)count) == 1;
}

int ccrypto_aes256_cbc(int encrypt, const unsigned char *key, const unsigned char *iv, const unsigned char *input,
                       size_t length, unsigned char *output) {
    if (!loaded() || length % 16 != 0 || length > 0x7fffffff) return 0;
    EVP_CIPHER_CTX *ctx = lib.cipher_ctx_new();
    if (ctx == NULL) return 0;
    int written = 0, final = 0;
    int ok = lib.cipher_init_ex(ctx, lib.aes_256_cbc(), NULL, key, iv, encrypt ? 1 : 0) == 1
        && lib.cipher_ctx_set_padding(ctx, 0) == 1
        && lib.cipher_update(ctx, output, &written, input, (int)length) == 1
        && lib.cipher_final_ex(ctx, output + written, &final) == 1
        && (size_t)(written + final) == length;
    lib.cipher_ctx_free(ctx);
    return ok;
}

int ccrypto_scrypt(const unsigned char *password, size_t password_length, const unsigned char *salt,
                   size_t salt_length, uint64_t n, uint64_t r, uint64_t p, unsigned char *output, size_t output_length) {
    if (!loaded()) return 0;
    // OpenSSL refuses work above 32 MiB unless told; allow what the parameters need.
    uint64_t memory = 128 * r * (n + p + 2) + (1 << 20);
    return lib.pbe_scrypt((const char *)password, password_length, salt, salt_length, n, r, p, memory, output,
                          output_length) == 1;
}

int ccrypto_hmac_sha256(const unsigned char *key, size_t key_length, const unsigned char *data, size_t length,
                        unsigned char *output) {
    if (!loaded() || key_length > 0x7fffffff) return 0;
    const EVP_MD *md = lib.get_digestbyname("SHA256");
    unsigned int written = 0;
    return md != NULL && lib.hmac(md, key, (int)key_length, data, length, output, &written) != NULL && written == 32;
}

ccrypto_key *ccrypto_generate_key(int kind, int bits) {
    if (!loaded()) return NULL;
    EVP_PKEY *key = NULL;
    EVP_PKEY_CTX *ctx = NULL;
    switch (kind) {
    case CCRYPTO_KEY_RSA:
        ctx = lib.pkey_ctx_new_from_name(NULL, "RSA", NULL);
        if (ctx != NULL && lib.pkey_keygen_init(ctx) == 1 && lib.set_rsa_keygen_bits(ctx, bits) == 1)
            lib.pkey_generate(ctx, &key);
        break;
    case CCRYPTO_KEY_EC:
        ctx = lib.pkey_ctx_new_from_name(NULL, "EC", NULL);
        if (ctx != NULL && lib.pkey_keygen_init(ctx) == 1 && lib.set_group_name(ctx, "P-256") == 1)
            lib.pkey_generate(ctx, &key);
        break;
    case CCRYPTO_KEY_ED25519:
        ctx = lib.pkey_ctx_new_from_name(NULL, "ED25519", NULL);
        if (ctx != NULL && lib.pkey_keygen_init(ctx) == 1) lib.pkey_generate(ctx, &key);
        break;
    case CCRYPTO_KEY_DSA: {
        EVP_PKEY *parameters = NULL;
        ctx = lib.pkey_ctx_new_from_name(NULL, "DSA", NULL);
        if (ctx != NULL && lib.pkey_paramgen_init(ctx) == 1 && lib.set_dsa_paramgen_bits(ctx, 2048) == 1
            && lib.set_dsa_paramgen_q_bits(ctx, 256) == 1 && lib.pkey_generate(ctx, &parameters) == 1) {
            EVP_PKEY_CTX *keygen = lib.pkey_ctx_new_from_pkey(NULL, parameters, NULL);
            if (keygen != NULL && lib.pkey_keygen_init(keygen) == 1) lib.pkey_generate(keygen, &key);
            if (keygen != NULL) lib.pkey_ctx_free(keygen);
        }
        if (parameters != NULL) lib.pkey_free(parameters);
        break;
    }
    default:
        break;
    }
    if (ctx != NULL) lib.pkey_ctx_free(ctx);
    return (ccrypto_key *)key;
}

ccrypto_key *ccrypto_parse_private_key(int kind, const unsigned char *der, size_t length) {
    if (!loaded() || length > 0x7fffffff) return NULL;
    const unsigned char *cursor = der;
    switch (kind) {
    case CCRYPTO_KEY_RSA: return (ccrypto_key *)lib.d2i_private_key(NID_RSA, NULL, &cursor, (long)length);
    case CCRYPTO_KEY_EC: return (ccrypto_key *)lib.d2i_private_key(NID_EC, NULL, &cursor, (long)length);
    case 0: return (ccrypto_key *)lib.d2i_auto_private_key(NULL, &cursor, (long)length);
    default: return NULL;
    }
}

void ccrypto_key_free(ccrypto_key *key) {
    if (key != NULL && loaded()) lib.pkey_free((EVP_PKEY *)key);
}

int ccrypto_key_kind(const ccrypto_key *key) {
    if (!loaded()) return CCRYPTO_KEY_OTHER;
    switch (lib.pkey_get_base_id((const EVP_PKEY *)key)) {
    case NID_RSA: return CCRYPTO_KEY_RSA;
    case NID_EC: return CCRYPTO_KEY_EC;
    case NID_ED25519: return CCRYPTO_KEY_ED25519;
    case NID_DSA: return CCRYPTO_KEY_DSA;
    case NID_X25519: return CCRYPTO_KEY_X25519;
    default: return CCRYPTO_KEY_OTHER;
    }
}

int ccrypto_key_bits(const ccrypto_key *key) {
    return loaded() ? lib.pkey_get_bits((const EVP_PKEY *)key) : 0;
}

int ccrypto_key_curve(const ccrypto_key *key, char *name, size_t capacity) {
    size_t length = 0;
    return loaded() && lib.pkey_get_group_name((const EVP_PKEY *)key, name, capacity, &length) == 1;
}

long ccrypto_private_key_der(const ccrypto_key *key, unsigned char **der) {
    if (!loaded()) return -1;
    *der = NULL;
    int length = lib.i2d_private_key((const EVP_PKEY *)key, der);
    return length > 0 ? length : -1;
}

long ccrypto_public_key_der(const ccrypto_key *key, unsigned char **der) {
    if (!loaded()) return -1;
    *der = NULL;
    int length = lib.i2d_pubkey((const EVP_PKEY *)key, der);
    return length > 0 ? length : -1;
}

long ccrypto_raw_private_key(const ccrypto_key *key, unsigned char *output, size_t capacity) {
    size_t length = capacity;
    if (!loaded() || lib.pkey_get_raw_private_key((const EVP_PKEY *)key, output, &length) != 1) return -1;
    return (long)length;
}

long ccrypto_sign(const ccrypto_key *key, const char *digest, const unsigned char *data, size_t length,
                  unsigned char *signature, size_t capacity) {
    if (!loaded()) return -1;
    const EVP_MD *md = NULL;
    if (digest != NULL && (md = lib.get_digestbyname(digest)) == NULL) return -1;
    EVP_MD_CTX *ctx = lib.md_ctx_new();
    if (ctx == NULL) return -1;
    long result = -1;
    size_t size = 0;
    if (lib.digest_sign_init(ctx, NULL, md, NULL, (EVP_PKEY *)key) == 1
        && lib.digest_sign(ctx, NULL, &size, data, length) == 1 && size <= capacity) {
        size = capacity;
        if (lib.digest_sign(ctx, signature, &size, data, length) == 1) result = (long)size;
    }
    lib.md_ctx_free(ctx);
    return result;
}

int ccrypto_certificate_parses(const unsigned char *der, size_t length) {
    if (!loaded() || length > 0x7fffffff) return 0;
    const unsigned char *cursor = der;
    X509 *certificate = lib.d2i_x509(NULL, &cursor, (long)length);
    if (certificate == NULL) return 0;
    lib.x509_free(certificate);
    return cursor == der + length;
}
