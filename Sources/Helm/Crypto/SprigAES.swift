import YAML

/// Sprig's `encryptAES`/`decryptAES`: AES-256-CBC whose key is the password's
/// bytes cut or zero-padded to 32, PKCS#7 padding, a random IV written before the
/// ciphertext, standard base64 around both. Decryption checks nothing beyond what
/// Go's slicing enforces, so malformed input fails with Go's runtime messages.
enum SprigAES {
    static func key(_ password: String) -> [UInt8] {
        var key = Array(password.utf8.prefix(32))
        key += [UInt8](repeating: 0, count: 32 - key.count)
        return key
    }

    static func encrypt(password: String, _ plaintext: String) throws(CryptoFailure) -> String {
        if plaintext.isEmpty { return "" }
        var content = Array(plaintext.utf8)
        let padding = 16 - content.count % 16
        content += [UInt8](repeating: UInt8(padding), count: padding)
        let iv = try LibCrypto.random(16)
        return Base64.encode(iv + (try LibCrypto.aes256CBC(encrypt: true, key: key(password), iv: iv, content)))
    }

    static func decrypt(password: String, _ text: String) throws(CryptoFailure) -> String {
        if text.isEmpty { return "" }
        let crypt: [UInt8]
        do {
            crypt = try Base64.decode(text)
        } catch {
            throw CryptoFailure(error.message)
        }
        // Go's DecodeString allocates DecodedLen of the input: that is the slice's capacity.
        let capacity = text.utf8.count / 4 * 3
        if capacity < 16 { throw CryptoFailure("runtime error: slice bounds out of range [:16] with capacity \(capacity)") }
        if crypt.count < 16 { throw CryptoFailure("runtime error: slice bounds out of range [16:\(crypt.count)]") }
        let body = Array(crypt[16...])
        if body.count % 16 != 0 { throw CryptoFailure("crypto/cipher: input not full blocks") }
        if body.isEmpty { throw CryptoFailure("runtime error: index out of range [-1]") }
        let decrypted = try LibCrypto.aes256CBC(encrypt: false, key: key(password), iv: Array(crypt[..<16]), body)
        let end = decrypted.count - Int(decrypted[decrypted.count - 1])
        if end < 0 { throw CryptoFailure("runtime error: slice bounds out of range [:\(end)]") }
        return String(decoding: decrypted[..<end], as: UTF8.self)
    }
}
