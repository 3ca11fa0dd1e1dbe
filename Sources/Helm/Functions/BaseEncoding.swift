/// Base64 and Base32 with Go's standard encodings (padding required, CR and
/// LF ignored when decoding) and Go's error text, which `b64dec`/`b32dec`
/// return as their result on bad input (`illegal base64 data at input byte 0`).
enum BaseEncoding {
    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let base32Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let pad = UInt8(ascii: "=")

    static func base64Encode(_ input: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((input.count + 2) / 3 * 4)
        var i = 0
        while i < input.count {
            let n = min(3, input.count - i)
            var v = UInt32(input[i]) << 16
            if n > 1 { v |= UInt32(input[i + 1]) << 8 }
            if n > 2 { v |= UInt32(input[i + 2]) }
            for k in 0..<4 {
                out.append(k <= n ? base64Alphabet[Int(v >> UInt32(18 - 6 * k) & 63)] : pad)
            }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's StdEncoding.DecodeString; the error is the byte offset Go reports.
    static func base64Decode(_ src: [UInt8]) -> Result<[UInt8], CorruptInput> {
        var decode = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in base64Alphabet.enumerated() { decode[Int(c)] = UInt8(i) }
        var out: [UInt8] = []
        var si = 0
        func isNewline(_ c: UInt8) -> Bool { c == 10 || c == 13 }
        while true {
            var quantum = [UInt8](repeating: 0, count: 4)
            var length = 4
            var j = 0
            var finished = false
            while j < 4 {
                if si == src.count {
                    if j == 0 { return .success(out) }
                    return .failure(CorruptInput(offset: si - j, kind: "base64"))
                }
                let c = src[si]
                si += 1
                if decode[Int(c)] != 0xFF {
                    quantum[j] = decode[Int(c)]
                    j += 1
                    continue
                }
                if isNewline(c) { continue }
                if c != pad { return .failure(CorruptInput(offset: si - 1, kind: "base64")) }
                // Padding: only after two or three characters, and "==" after two.
                switch j {
                case 0, 1: return .failure(CorruptInput(offset: si - 1, kind: "base64"))
                case 2:
                    while si < src.count, isNewline(src[si]) { si += 1 }
                    if si == src.count { return .failure(CorruptInput(offset: src.count, kind: "base64")) }
                    if src[si] != pad { return .failure(CorruptInput(offset: si - 1, kind: "base64")) }
                    si += 1
                default: break
                }
                while si < src.count, isNewline(src[si]) { si += 1 }
                if si < src.count { return .failure(CorruptInput(offset: si, kind: "base64")) }
                length = j
                finished = true
                break
            }
            let v = UInt32(quantum[0]) << 18 | UInt32(quantum[1]) << 12 | UInt32(quantum[2]) << 6 | UInt32(quantum[3])
            let bytes = [UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
            out.append(contentsOf: bytes[0..<(length - 1)])
            if finished || length < 4 { return .success(out) }
        }
    }

    static func base32Encode(_ input: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < input.count {
            let n = min(5, input.count - i)
            var v: UInt64 = 0
            for k in 0..<5 { v = v << 8 | UInt64(k < n ? input[i + k] : 0) }
            let chars = [2, 4, 5, 7, 8][n - 1]  // characters carrying data for n bytes
            for k in 0..<8 {
                out.append(k < chars ? base32Alphabet[Int(v >> UInt64(35 - 5 * k) & 31)] : pad)
            }
            i += 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's base32 StdEncoding.DecodeString (newlines removed first).
    static func base32Decode(_ raw: [UInt8]) -> Result<[UInt8], CorruptInput> {
        var decode = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in base32Alphabet.enumerated() { decode[Int(c)] = UInt8(i) }
        let src = raw.filter { $0 != 10 && $0 != 13 }
        let total = src.count
        var rest = src[...]
        var out: [UInt8] = []
        var end = false
        while !rest.isEmpty && !end {
            var quantum = [UInt8](repeating: 0, count: 8)
            var length = 8
            var j = 0
            while j < 8 {
                guard let c = rest.first else {
                    return .failure(CorruptInput(offset: total - rest.count - j, kind: "base32"))
                }
                rest = rest.dropFirst()
                if c == pad && j >= 2 && rest.count < 8 {
                    if rest.count + j < 7 { return .failure(CorruptInput(offset: total, kind: "base32")) }
                    for k in 0..<(7 - j) where rest.count > k && rest[rest.startIndex + k] != pad {
                        return .failure(CorruptInput(offset: total - rest.count + k - 1, kind: "base32"))
                    }
                    length = j
                    end = true
                    if [1, 3, 6].contains(length) {
                        return .failure(CorruptInput(offset: total - rest.count - 1, kind: "base32"))
                    }
                    break
                }
                quantum[j] = decode[Int(c)]
                if quantum[j] == 0xFF { return .failure(CorruptInput(offset: total - rest.count - 1, kind: "base32")) }
                j += 1
            }
            var v: UInt64 = 0
            for q in quantum { v = v << 5 | UInt64(q) }
            let bytes = (0..<5).map { UInt8(truncatingIfNeeded: v >> UInt64(32 - 8 * $0)) }
            let count = [0, 0, 1, 0, 2, 3, 0, 4, 5][length]
            out.append(contentsOf: bytes[0..<count])
        }
        return .success(out)
    }

    struct CorruptInput: Error {
        var offset: Int
        var kind: String
        var message: String { "illegal \(kind) data at input byte \(offset)" }
    }
}
