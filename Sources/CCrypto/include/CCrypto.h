#ifndef CCRYPTO_H
#define CCRYPTO_H

// OpenSSL 3's libcrypto for the Helm module's Sprig crypto functions (keys,
// certificates, AES, scrypt). libcrypto.so.3 is loaded with dlopen on first use,
// so the program neither links it nor needs OpenSSL's headers to build: the few
// prototypes used are declared in shim.c. Every function below loads the library
// first; when it cannot be loaded they fail and `ccrypto_load` says why.

#include <stddef.h>
#include <stdint.h>

/// Loads libcrypto.so.3, exactly once per process and safely from any thread.
/// Returns NULL when it is ready, else why not (the loader's own words); the text
/// lives as long as the process.
const char *ccrypto_load(void);

/// Opens `soname` the way `ccrypto_load` opens libcrypto.so.3 and checks it the same
/// way, without touching the library the process uses. Returns 1 when it would do,
/// else 0 with the reason in `reason`. For tests of the failure message.
int ccrypto_probe_library(const char *soname, char *reason, size_t capacity);

/// The reason for the most recent failure on this thread (OpenSSL's error queue),
/// written to `text`; the queue is emptied.
void ccrypto_last_error(char *text, size_t capacity);

/// Fills `buffer` from OpenSSL's CSPRNG. 1 on success.
int ccrypto_random(unsigned char *buffer, size_t count);

/// AES-256-CBC without padding over whole 16-byte blocks. 1 on success.
int ccrypto_aes256_cbc(int encrypt, const unsigned char *key, const unsigned char *iv, const unsigned char *input,
                       size_t length, unsigned char *output);

/// scrypt (RFC 7914). 1 on success.
int ccrypto_scrypt(const unsigned char *password, size_t password_length, const unsigned char *salt,
                   size_t salt_length, uint64_t n, uint64_t r, uint64_t p, unsigned char *output, size_t output_length);

/// HMAC-SHA-256 into `output` (32 bytes). 1 on success.
int ccrypto_hmac_sha256(const unsigned char *key, size_t key_length, const unsigned char *data, size_t length,
                        unsigned char *output);

/// A key pair (OpenSSL's EVP_PKEY).
typedef struct ccrypto_key ccrypto_key;

enum {
    CCRYPTO_KEY_OTHER = 0,
    CCRYPTO_KEY_RSA = 1,
    CCRYPTO_KEY_EC = 2,
    CCRYPTO_KEY_ED25519 = 3,
    CCRYPTO_KEY_DSA = 4,
    CCRYPTO_KEY_X25519 = 5,
};

/// A new key: RSA with `bits`, EC on P-256, Ed25519, or DSA with a fresh 2048/256
/// parameter set. NULL on failure.
ccrypto_key *ccrypto_generate_key(int kind, int bits);
/// Parses DER: `kind` RSA is PKCS#1, EC is SEC 1, 0 is PKCS#8. NULL on failure.
ccrypto_key *ccrypto_parse_private_key(int kind, const unsigned char *der, size_t length);
void ccrypto_key_free(ccrypto_key *key);
/// One of the CCRYPTO_KEY_ kinds.
int ccrypto_key_kind(const ccrypto_key *key);
/// The size of the key in bits (an RSA key's modulus).
int ccrypto_key_bits(const ccrypto_key *key);
/// The EC curve's name (e.g. "prime256v1"); 1 on success.
int ccrypto_key_curve(const ccrypto_key *key, char *name, size_t capacity);

/// DER encodings, allocated by OpenSSL (free with `ccrypto_free`); the length, or -1.
/// The private key in its type's own format (PKCS#1, SEC 1, DSA's sequence).
long ccrypto_private_key_der(const ccrypto_key *key, unsigned char **der);
/// SubjectPublicKeyInfo.
long ccrypto_public_key_der(const ccrypto_key *key, unsigned char **der);
/// The raw private key of an Ed25519 or X25519 key (32 bytes); the length, or -1.
long ccrypto_raw_private_key(const ccrypto_key *key, unsigned char *output, size_t capacity);

/// Signs `data` with `digest` ("SHA256", …; NULL for Ed25519) into `signature`;
/// the signature's length, or -1 (also when it needs more than `capacity` bytes).
long ccrypto_sign(const ccrypto_key *key, const char *digest, const unsigned char *data, size_t length,
                  unsigned char *signature, size_t capacity);

/// 1 when OpenSSL parses `der` as an X.509 certificate.
int ccrypto_certificate_parses(const unsigned char *der, size_t length);

void ccrypto_free(void *pointer);

#endif
