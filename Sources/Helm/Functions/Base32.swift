/// Base32 with Go's standard encoding (padding required, CR and LF ignored
/// when decoding) and Go's error text, which `b32dec` returns as its result on
/// bad input (`illegal base32 data at input byte 0`). Base64 is the YAML
/// module's `Base64`, shared by every module.
enum Base32 {
    private static let base32Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let pad = UInt8(ascii: "=")

    static func encode(_ input: [UInt8]) -> String {
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
    static func decode(_ raw: [UInt8]) -> Result<[UInt8], CorruptInput> {
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
                    return .failure(CorruptInput(offset: total - rest.count - j))
                }
                rest = rest.dropFirst()
                if c == pad && j >= 2 && rest.count < 8 {
                    if rest.count + j < 7 { return .failure(CorruptInput(offset: total)) }
                    for k in 0..<(7 - j) where rest.count > k && rest[rest.startIndex + k] != pad {
                        return .failure(CorruptInput(offset: total - rest.count + k - 1))
                    }
                    length = j
                    end = true
                    if [1, 3, 6].contains(length) {
                        return .failure(CorruptInput(offset: total - rest.count - 1))
                    }
                    break
                }
                quantum[j] = decode[Int(c)]
                if quantum[j] == 0xFF { return .failure(CorruptInput(offset: total - rest.count - 1)) }
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
        var message: String { "illegal base32 data at input byte \(offset)" }
    }
}
