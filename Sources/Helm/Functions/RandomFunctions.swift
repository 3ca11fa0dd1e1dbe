import YAML

/// Sprig's random functions, drawing from the render's
/// `TemplateEnvironment.random` (the system's cryptographic generator unless
/// a test passes another):
/// - `randAlpha`, `randAlphaNum`, `randAscii`, `randNumeric` N: N characters
///   drawn uniformly from `a-zA-Z`, `a-zA-Z0-9`, the printable ASCII
///   characters 32–126, or `0-9` (Masterminds/goutils' sets); `""` for N ≤ 0;
/// - `randBytes` N: base64 of N random bytes (a negative N is Go's
///   makeslice panic);
/// - `randInt MIN MAX`: an int in `[MIN, MAX)`, Go's `invalid argument to
///   Intn` panic when MAX ≤ MIN;
/// - `shuffle S`: S's code points in random order (huandu/xstrings);
/// - `uuidv4`: a random RFC 4122 version 4 UUID, lowercase.
enum RandomFunctions {
    static let all: [TemplateFunction] = [
        randomString("randAlpha", alphabet: letters),
        randomString("randAlphaNum", alphabet: letters + digits),
        randomString("randAscii", alphabet: (32...126).map { Unicode.Scalar(UInt8($0)) }),
        randomString("randNumeric", alphabet: digits),
        TemplateFunction("randBytes", [.int]) { runtime, a in
            let count = try Fn.int(a[0])
            if count < 0 { throw Fn.fail("runtime error: makeslice: len out of range") }
            return .string(Base64.encode(bytes(count, runtime.environment)))
        },
        TemplateFunction("randInt", [.int, .int]) { runtime, a in
            let low = try Fn.int(a[0])
            let span = try Fn.int(a[1]) &- low
            if span <= 0 { throw Fn.fail("invalid argument to Intn") }
            return .int(Int(runtime.environment.random(below: UInt64(span))) &+ low)
        },
        TemplateFunction("shuffle", [.string]) { runtime, a in
            var scalars = Array(try Fn.string(a[0]).unicodeScalars)
            var i = scalars.count - 1
            while i > 0 {
                let j = Int(runtime.environment.random(below: UInt64(i + 1)))
                scalars.swapAt(i, j)
                i -= 1
            }
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars)
            return .string(String(out))
        },
        TemplateFunction("uuidv4", []) { runtime, _ in .string(uuidV4(bytes(16, runtime.environment))) },
    ]

    static let letters: [Unicode.Scalar] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars)
    static let digits: [Unicode.Scalar] = Array("0123456789".unicodeScalars)

    private static func randomString(_ name: String, alphabet: [Unicode.Scalar]) -> TemplateFunction {
        TemplateFunction(name, [.int]) { runtime, a in
            let count = try Fn.int(a[0])
            guard count > 0 else { return .string("") }
            var out = String.UnicodeScalarView()
            for _ in 0..<count {
                out.append(alphabet[Int(runtime.environment.random(below: UInt64(alphabet.count)))])
            }
            return .string(String(out))
        }
    }

    /// `count` random bytes.
    static func bytes(_ count: Int, _ environment: TemplateEnvironment) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            var word = environment.random()
            for _ in 0..<min(8, count - out.count) {
                out.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return out
    }

    /// RFC 4122 §4.4: version 4 in the high nibble of byte 6, variant 10 in byte 8.
    static func uuidV4(_ random: [UInt8]) -> String {
        var b = random
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        let hex = b.map { byte -> String in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }
}
