import CCrypto

/// OpenSSL 3's libcrypto, loaded on first use (see Sources/CCrypto): random bytes,
/// AES-256-CBC, scrypt, HMAC-SHA-256, and key pairs that generate, parse, encode and
/// sign. Every failure is a `CryptoFailure` that says what failed; none carries key
/// material.
enum LibCrypto {
    /// Loads the library, or says which library is missing and how to get it.
    static func load() throws(CryptoFailure) {
        if let reason = ccrypto_load() { throw CryptoFailure(missingLibraryMessage(String(cString: reason))) }
    }

    /// What a crypto function reports when libcrypto cannot be loaded for `reason`.
    static func missingLibraryMessage(_ reason: String) -> String {
        "OpenSSL 3's libcrypto (libcrypto.so.3) could not be loaded: \(reason); "
            + "hint: install libssl3 (Debian, Ubuntu) or openssl-libs (Fedora, RHEL)"
    }

    /// Whether `soname` would do as libcrypto: nil when it would, else why not.
    /// Checks without touching the library the process uses.
    static func probe(_ soname: String) -> String? {
        var reason = [CChar](repeating: 0, count: 512)
        if ccrypto_probe_library(soname, &reason, reason.count) == 1 { return nil }
        return String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// OpenSSL's reason for the last failure, for `what` failed.
    static func failure(_ what: String) -> CryptoFailure {
        var text = [CChar](repeating: 0, count: 256)
        ccrypto_last_error(&text, text.count)
        let reason = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return CryptoFailure(reason.isEmpty ? "\(what) failed in OpenSSL" : "\(what) failed in OpenSSL: \(reason)")
    }

    static func random(_ count: Int) throws(CryptoFailure) -> [UInt8] {
        try load()
        var bytes = [UInt8](repeating: 0, count: count)
        guard ccrypto_random(&bytes, count) == 1 else { throw failure("drawing random bytes") }
        return bytes
    }

    /// AES-256-CBC over whole blocks, no padding (`key` is 32 bytes, `iv` 16).
    static func aes256CBC(encrypt: Bool, key: [UInt8], iv: [UInt8], _ input: [UInt8]) throws(CryptoFailure) -> [UInt8] {
        try load()
        var output = [UInt8](repeating: 0, count: input.count)
        guard ccrypto_aes256_cbc(encrypt ? 1 : 0, key, iv, input, input.count, &output) == 1 else {
            throw failure(encrypt ? "AES encryption" : "AES decryption")
        }
        return output
    }

    static func scrypt(
        password: [UInt8], salt: [UInt8], n: UInt64, r: UInt64, p: UInt64, length: Int
    ) throws(CryptoFailure) -> [UInt8] {
        try load()
        var output = [UInt8](repeating: 0, count: length)
        guard ccrypto_scrypt(password, password.count, salt, salt.count, n, r, p, &output, length) == 1 else {
            throw failure("scrypt")
        }
        return output
    }

    static func hmacSHA256(key: [UInt8], _ data: [UInt8]) throws(CryptoFailure) -> [UInt8] {
        try load()
        var output = [UInt8](repeating: 0, count: 32)
        guard ccrypto_hmac_sha256(key, key.count, data, data.count, &output) == 1 else { throw failure("HMAC-SHA-256") }
        return output
    }

    /// 1 when OpenSSL reads `der` as exactly one X.509 certificate.
    static func certificateParses(_ der: [UInt8]) throws(CryptoFailure) -> Bool {
        try load()
        return ccrypto_certificate_parses(der, der.count) == 1
    }
}

/// A libcrypto failure, or libcrypto missing.
struct CryptoFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// A key pair held by libcrypto (an EVP_PKEY).
final class CryptoKey {
    enum Kind { case rsa, ec, ed25519, dsa, x25519, other }

    private let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { ccrypto_key_free(pointer) }

    /// RSA with `bits`, ECDSA on P-256, Ed25519, or DSA with fresh L=2048, N=256 parameters.
    static func generate(_ kind: Kind, bits: Int = 0) throws(CryptoFailure) -> CryptoKey {
        try LibCrypto.load()
        let code: Int32
        switch kind {
        case .rsa: code = Int32(CCRYPTO_KEY_RSA)
        case .ec: code = Int32(CCRYPTO_KEY_EC)
        case .ed25519: code = Int32(CCRYPTO_KEY_ED25519)
        case .dsa: code = Int32(CCRYPTO_KEY_DSA)
        case .x25519, .other: throw CryptoFailure("cannot generate this kind of key")
        }
        guard let pointer = ccrypto_generate_key(code, Int32(bits)) else { throw LibCrypto.failure("key generation") }
        return CryptoKey(pointer)
    }

    /// A key from DER: PKCS#1 (`.rsa`), SEC 1 (`.ec`) or PKCS#8 (nil).
    static func parse(_ der: [UInt8], as kind: Kind?) throws(CryptoFailure) -> CryptoKey {
        try LibCrypto.load()
        let code: Int32
        switch kind {
        case .rsa: code = Int32(CCRYPTO_KEY_RSA)
        case .ec: code = Int32(CCRYPTO_KEY_EC)
        default: code = 0
        }
        guard let pointer = ccrypto_parse_private_key(code, der, der.count) else {
            throw LibCrypto.failure("reading the private key")
        }
        return CryptoKey(pointer)
    }

    var kind: Kind {
        switch Int(ccrypto_key_kind(pointer)) {
        case Int(CCRYPTO_KEY_RSA): return .rsa
        case Int(CCRYPTO_KEY_EC): return .ec
        case Int(CCRYPTO_KEY_ED25519): return .ed25519
        case Int(CCRYPTO_KEY_DSA): return .dsa
        case Int(CCRYPTO_KEY_X25519): return .x25519
        default: return .other
        }
    }

    var bits: Int { Int(ccrypto_key_bits(pointer)) }

    /// OpenSSL's name of an EC key's curve (`prime256v1`, `secp384r1`, …).
    var curve: String? {
        var name = [CChar](repeating: 0, count: 64)
        guard ccrypto_key_curve(pointer, &name, name.count) == 1 else { return nil }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The private key in its type's own DER format (PKCS#1, SEC 1, DSA's sequence).
    func privateKeyDER() throws(CryptoFailure) -> [UInt8] {
        var der: UnsafeMutablePointer<UInt8>?
        let length = ccrypto_private_key_der(pointer, &der)
        defer { ccrypto_free(der) }
        guard length > 0, let der else { throw LibCrypto.failure("encoding the private key") }
        return Array(UnsafeBufferPointer(start: der, count: length))
    }

    /// The SubjectPublicKeyInfo DER.
    func publicKeyInfo() throws(CryptoFailure) -> [UInt8] {
        var der: UnsafeMutablePointer<UInt8>?
        let length = ccrypto_public_key_der(pointer, &der)
        defer { ccrypto_free(der) }
        guard length > 0, let der else { throw LibCrypto.failure("encoding the public key") }
        return Array(UnsafeBufferPointer(start: der, count: length))
    }

    /// The raw 32-byte private key of an Ed25519 or X25519 key.
    func rawPrivateKey() throws(CryptoFailure) -> [UInt8] {
        var raw = [UInt8](repeating: 0, count: 64)
        let length = ccrypto_raw_private_key(pointer, &raw, raw.count)
        guard length > 0 else { throw LibCrypto.failure("reading the private key") }
        return Array(raw.prefix(length))
    }

    /// A signature over `data` with `digest` (`SHA256`, …; nil for Ed25519).
    func sign(_ data: [UInt8], digest: String?) throws(CryptoFailure) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: 2048)
        let length = ccrypto_sign(pointer, digest, data, data.count, &signature, signature.count)
        guard length > 0 else { throw LibCrypto.failure("signing the certificate") }
        return Array(signature.prefix(length))
    }
}
