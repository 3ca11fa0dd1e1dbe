/// bcrypt (Provos and Mazières, 1999) as Go's golang.org/x/crypto/bcrypt
/// makes it for Sprig's `bcrypt` and `htpasswd`: the `$2a$` form, the
/// password's trailing NUL included in the key, 2^cost rounds of the
/// expensive Blowfish key schedule, 64 encryptions of
/// `OrpheanBeholderScryDoubt`, and 23 of its 24 bytes kept.
enum Bcrypt {
    /// x/crypto's DefaultCost, which Sprig uses.
    static let defaultCost = 10

    struct PasswordTooLong: Error {}

    /// The modular-crypt hash of `password` with a 16-byte `salt`:
    /// `$2a$10$` + 22 characters of salt + 31 of hash.
    static func hash(_ password: [UInt8], cost: Int = defaultCost, salt: [UInt8]) throws -> String {
        if password.count > 72 { throw PasswordTooLong() }
        precondition(salt.count == 16 && (4...31).contains(cost), "bcrypt needs a 16-byte salt and a cost of 4 to 31")
        var key = password
        key.append(0)
        var cipher = Blowfish()
        cipher.expand(key: key, salt: salt)
        for _ in 0..<(1 << cost) {
            cipher.expand(key: key)
            cipher.expand(key: salt)
        }
        var text = Array("OrpheanBeholderScryDoubt".utf8)
        for block in stride(from: 0, to: 24, by: 8) {
            var l = word(text, block), r = word(text, block + 4)
            for _ in 0..<64 { (l, r) = cipher.encrypt(l, r) }
            for k in 0..<4 {
                text[block + k] = UInt8(truncatingIfNeeded: l >> (24 - 8 * k))
                text[block + 4 + k] = UInt8(truncatingIfNeeded: r >> (24 - 8 * k))
            }
        }
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2a$" + costText + "$" + encode(salt) + encode(Array(text[0..<23]))
    }

    private static func word(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[at + $1]) }
    }

    private static let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// bcrypt's base64: its own alphabet, standard bit order, no padding.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let chunk = Array(bytes[i..<min(i + 3, bytes.count)])
            let b0 = chunk[0], b1 = chunk.count > 1 ? chunk[1] : 0, b2 = chunk.count > 2 ? chunk[2] : 0
            let sextets = [b0 >> 2, (b0 & 0x03) << 4 | b1 >> 4, (b1 & 0x0F) << 2 | b2 >> 6, b2 & 0x3F]
            for s in sextets.prefix(chunk.count + 1) { out.append(alphabet[Int(s)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The Blowfish cipher state bcrypt's key schedule works on.
struct Blowfish {
    /// P-array (18 words) followed by the four S-boxes (256 words each).
    private var state: [UInt32] = BlowfishTables.piWords

    /// Blowfish's round function.
    @inline(__always)
    private static func f(_ s: UnsafeMutableBufferPointer<UInt32>, _ x: UInt32) -> UInt32 {
        ((s[18 + Int(x >> 24)] &+ s[274 + Int((x >> 16) & 0xFF)]) ^ s[530 + Int((x >> 8) & 0xFF)]) &+ s[786 + Int(x & 0xFF)]
    }

    @inline(__always)
    private static func encrypt(_ s: UnsafeMutableBufferPointer<UInt32>, _ l: UInt32, _ r: UInt32) -> (UInt32, UInt32) {
        var xl = l ^ s[0]
        var xr = r
        var i = 1
        while i < 17 {
            xr ^= f(s, xl) ^ s[i]
            xl ^= f(s, xr) ^ s[i + 1]
            i += 2
        }
        return (xr ^ s[17], xl)
    }

    /// One block (left and right halves, big-endian words).
    mutating func encrypt(_ l: UInt32, _ r: UInt32) -> (UInt32, UInt32) {
        state.withUnsafeMutableBufferPointer { Self.encrypt($0, l, r) }
    }

    /// The next 32 bits of `data`, read cyclically.
    @inline(__always)
    private static func nextWord(_ data: [UInt8], _ j: inout Int) -> UInt32 {
        var word: UInt32 = 0
        for _ in 0..<4 {
            word = word << 8 | UInt32(data[j])
            j += 1
            if j >= data.count { j = 0 }
        }
        return word
    }

    /// Blowfish's key expansion, with the salt mixed into each block as
    /// eksblowfish does (an empty salt is the plain expansion).
    mutating func expand(key: [UInt8], salt: [UInt8] = []) {
        state.withUnsafeMutableBufferPointer { s in
            var j = 0
            for i in 0..<18 { s[i] ^= Self.nextWord(key, &j) }
            j = 0
            var l: UInt32 = 0, r: UInt32 = 0
            var i = 0
            while i < s.count {
                if !salt.isEmpty {
                    l ^= Self.nextWord(salt, &j)
                    r ^= Self.nextWord(salt, &j)
                }
                (l, r) = Self.encrypt(s, l, r)
                s[i] = l
                s[i + 1] = r
                i += 2
            }
        }
    }
}
