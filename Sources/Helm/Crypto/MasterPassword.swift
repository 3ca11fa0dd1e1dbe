/// Sprig's `derivePassword`: the Master Password algorithm (v3). A key comes
/// from scrypt(password, "com.lyndir.masterpassword" ‖ len(user) ‖ user,
/// N=32768, r=8, p=2, 64 bytes); HMAC-SHA-256 of the seed ‖ len(site) ‖ site ‖
/// counter (lengths and counter big-endian uint32) picks a template of the
/// password type and then each character.
enum MasterPassword {
    private static let seed = Array("com.lyndir.masterpassword".utf8)

    static let templates: [String: [String]] = [
        "maximum": ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        "long": [
            "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno",
            "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno",
            "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno",
            "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno",
        ],
        "medium": ["CvcnoCvc", "CvcCvcno"],
        "short": ["Cvcn"],
        "basic": ["aaanaaan", "aannaaan", "aaannaaa"],
        "pin": ["nnnn"],
    ]

    static let characters: [UInt8: [UInt8]] = [
        UInt8(ascii: "V"): Array("AEIOU".utf8),
        UInt8(ascii: "C"): Array("BCDFGHJKLMNPQRSTVWXYZ".utf8),
        UInt8(ascii: "v"): Array("aeiou".utf8),
        UInt8(ascii: "c"): Array("bcdfghjklmnpqrstvwxyz".utf8),
        UInt8(ascii: "A"): Array("AEIOUBCDFGHJKLMNPQRSTVWXYZ".utf8),
        UInt8(ascii: "a"): Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz".utf8),
        UInt8(ascii: "n"): Array("0123456789".utf8),
        UInt8(ascii: "o"): Array("@&%?,=[]_:-+*$#!'^~;()/.".utf8),
        UInt8(ascii: "x"): Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()".utf8),
    ]

    /// The password, or Sprig's message for an unknown type.
    static func derive(counter: UInt32, type: String, password: String, user: String, site: String) throws(CryptoFailure) -> String {
        guard let choices = templates[type] else { return "cannot find password template \(type)" }
        let userBytes = Array(user.utf8)
        let siteBytes = Array(site.utf8)
        let key = try LibCrypto.scrypt(
            password: Array(password.utf8), salt: seed + bigEndian(UInt32(truncatingIfNeeded: userBytes.count)) + userBytes,
            n: 32768, r: 8, p: 2, length: 64)
        let message = seed + bigEndian(UInt32(truncatingIfNeeded: siteBytes.count)) + siteBytes + bigEndian(counter)
        let digest = try LibCrypto.hmacSHA256(key: key, message)
        let template = Array(choices[Int(digest[0]) % choices.count].utf8)
        var out: [UInt8] = []
        for (i, kind) in template.enumerated() {
            guard let pool = characters[kind] else { continue }
            out.append(pool[Int(digest[i + 1]) % pool.count])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }
}
