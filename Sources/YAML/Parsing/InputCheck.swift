/// Checks, before scanning, that the input is UTF-8 made only of characters
/// YAML allows (§5.1: no control characters but tab and line breaks, no C1
/// controls but NEL, no U+FFFE/U+FFFF). The scanners can then treat a 0 byte
/// as the end of the input and never look at UTF-8 structure again.
enum InputCheck {
    static func validate(_ input: UnsafeBufferPointer<UInt8>) throws {
        guard let base = input.baseAddress else { return }
        let n = input.count
        var i = 0
        let raw = UnsafeRawPointer(base)
        while i < n {
            if i + 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                let ones: UInt64 = 0x0101_0101_0101_0101
                let belowSpace = (word &- 0x2020_2020_2020_2020) & ~word & high
                let delete = word ^ 0x7F7F_7F7F_7F7F_7F7F
                let hasDelete = (delete &- ones) & ~delete & high
                if word & high == 0 && belowSpace == 0 && hasDelete == 0 {
                    i += 8
                    continue
                }
            }
            let c = base[i]
            if c < 0x80 {
                if (c < 0x20 && c != Byte.tab && c != Byte.lineFeed && c != Byte.carriageReturn) || c == 0x7F {
                    throw ParseFailure("the control character U+\(hex(UInt32(c))) is not allowed in YAML; escape it in a double-quoted string", at: i)
                }
                i += 1
                continue
            }
            let (scalar, length) = try decode(input, at: i)
            if (scalar >= 0x80 && scalar <= 0x9F && scalar != 0x85) || scalar == 0xFFFE || scalar == 0xFFFF {
                throw ParseFailure("the character U+\(hex(scalar)) is not allowed in YAML; escape it in a double-quoted string", at: i)
            }
            i += length
        }
    }

    /// Decodes one multi-byte UTF-8 sequence, rejecting malformed, overlong and surrogate forms.
    private static func decode(_ s: UnsafeBufferPointer<UInt8>, at i: Int) throws -> (UInt32, Int) {
        let lead = s[i]
        let length: Int
        var scalar: UInt32
        var minimum: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; scalar = UInt32(lead & 0x1F); minimum = 0x80
        case 0xE0...0xEF: length = 3; scalar = UInt32(lead & 0x0F); minimum = 0x800
        case 0xF0...0xF4: length = 4; scalar = UInt32(lead & 0x07); minimum = 0x10000
        default: throw ParseFailure("the input is not valid UTF-8", at: i)
        }
        guard i + length <= s.count else { throw ParseFailure("the input is not valid UTF-8", at: i) }
        for k in 1..<length {
            let c = s[i + k]
            guard c & 0xC0 == 0x80 else { throw ParseFailure("the input is not valid UTF-8", at: i) }
            scalar = scalar << 6 | UInt32(c & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) {
            throw ParseFailure("the input is not valid UTF-8", at: i)
        }
        return (scalar, length)
    }

    private static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// UTF-16 and UTF-32 input (found by byte order mark, or by the zero bytes
    /// around a first ASCII character as YAML 1.2 §5.2 describes) as UTF-8; nil
    /// when the input already is UTF-8.
    static func transcodedToUTF8(_ bytes: [UInt8]) -> [UInt8]? {
        let b = bytes + [1, 1, 1, 1]  // padding so the checks below need no bounds tests
        enum Encoding { case utf16(bigEndian: Bool), utf32(bigEndian: Bool) }
        let encoding: Encoding
        var skip = 0
        if b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF { encoding = .utf32(bigEndian: true); skip = 4 }
        else if b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0 && bytes.count >= 4 { encoding = .utf32(bigEndian: false); skip = 4 }
        else if b[0] == 0xFE && b[1] == 0xFF { encoding = .utf16(bigEndian: true); skip = 2 }
        else if b[0] == 0xFF && b[1] == 0xFE { encoding = .utf16(bigEndian: false); skip = 2 }
        else if b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0 && bytes.count >= 4 { encoding = .utf32(bigEndian: true) }
        else if b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0 && bytes.count >= 4 { encoding = .utf32(bigEndian: false) }
        else if b[0] == 0 && b[1] != 0 && bytes.count >= 2 { encoding = .utf16(bigEndian: true) }
        else if b[0] != 0 && b[1] == 0 && bytes.count >= 2 { encoding = .utf16(bigEndian: false) }
        else { return nil }

        var scalars = String.UnicodeScalarView()
        switch encoding {
        case .utf16(let bigEndian):
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = skip
            while i + 1 < bytes.count {
                units.append(bigEndian ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]) : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i]))
                i += 2
            }
            for result in UTF16.decode(units) { scalars.append(result) }
        case .utf32(let bigEndian):
            var i = skip
            while i + 3 < bytes.count {
                let v = bigEndian
                    ? UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
                    : UInt32(bytes[i + 3]) << 24 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i])
                scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
                i += 4
            }
        }
        return Array(String(scalars).utf8)
    }
}

extension UTF16 {
    /// Decodes UTF-16 code units; unpaired surrogates become U+FFFD.
    static func decode(_ units: [UInt16]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): result.append(s)
            case .emptyInput: break loop
            case .error: result.append("\u{FFFD}")
            }
        }
        return result
    }
}
