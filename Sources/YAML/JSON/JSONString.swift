/// One JSON string, read straight from the bytes (RFC 8259: the escapes
/// `\" \\ \/ \b \f \n \r \t \uXXXX` with surrogate pairs, no raw control
/// characters, valid UTF-8). The JSON reader and the kubeconfig context scan
/// both read strings with it.
public enum JSONString {
    /// Why the bytes are not a JSON string; `offset` is where the problem starts.
    public struct Problem: Error, Equatable, Sendable {
        public var message: String
        /// Byte offset of the problem; nil when it is the string as a whole (never
        /// closed, not UTF-8): report it at the opening quote.
        public var offset: Int?

        public init(message: String, offset: Int?) {
            self.message = message
            self.offset = offset
        }
    }

    /// Reads the string whose content starts at `start` (just after its opening
    /// quote); returns the text and the offset just after its closing quote.
    public static func read(_ input: UnsafeBufferPointer<UInt8>, from start: Int)
        -> Result<(text: String, end: Int), Problem>
    {
        var position = start
        // Fast path: no escapes, so the text is the bytes themselves.
        while position < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                guard let text = validated(UnsafeBufferPointer(rebasing: input[start..<position])) else {
                    return .failure(Problem(message: "the string is not valid UTF-8", offset: nil))
                }
                return .success((text, position + 1))
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            position += 1
        }
        var bytes = Array(UnsafeBufferPointer(rebasing: input[start..<position]))
        func hex4(at index: Int) -> UInt32? {
            guard index + 4 <= input.count else { return nil }
            var value: UInt32 = 0
            for offset in 0..<4 {
                guard let digit = Byte.hexValue(input[index + offset]) else { return nil }
                value = value << 4 | digit
            }
            return value
        }
        while true {
            guard position < input.count else {
                return .failure(Problem(message: "this string is never closed; expected '\"'", offset: nil))
            }
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    return .failure(Problem(message: "the string is not valid UTF-8", offset: nil))
                }
                return .success((text, position + 1))
            }
            if byte < 0x20 {
                let code = (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                return .failure(Problem(message: "control characters must be escaped in JSON strings (found U+00\(code))",
                                        offset: position))
            }
            if byte != UInt8(ascii: "\\") {
                bytes.append(byte)
                position += 1
                continue
            }
            let escapeStart = position
            let escape = position + 1 < input.count ? input[position + 1] : 0
            position += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escape)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                guard var unit = hex4(at: position) else {
                    return .failure(Problem(message: "\\u must be followed by four hexadecimal digits", offset: escapeStart))
                }
                position += 4
                if unit >= 0xD800 && unit < 0xDC00 {
                    // A high surrogate must be followed by an escaped low surrogate.
                    guard position + 1 < input.count, input[position] == UInt8(ascii: "\\"),
                          input[position + 1] == UInt8(ascii: "u") else {
                        return .failure(Problem(message: "unpaired surrogate in \\u escape", offset: escapeStart))
                    }
                    guard let low = hex4(at: position + 2) else {
                        return .failure(Problem(message: "\\u must be followed by four hexadecimal digits", offset: escapeStart))
                    }
                    guard low >= 0xDC00 && low < 0xE000 else {
                        return .failure(Problem(message: "unpaired surrogate in \\u escape", offset: escapeStart))
                    }
                    position += 6
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(unit) else {
                    return .failure(Problem(message: "unpaired surrogate in \\u escape", offset: escapeStart))
                }
                appendUTF8(scalar, to: &bytes)
            default:
                return .failure(Problem(message: "invalid escape sequence in a JSON string", offset: escapeStart))
            }
        }
    }

    /// The bytes as a String when they are valid UTF-8 (ASCII checked cheaply first).
    private static func validated(_ slice: UnsafeBufferPointer<UInt8>) -> String? {
        if !slice.contains(where: { $0 >= 0x80 }) { return String(decoding: slice, as: UTF8.self) }
        return String(validating: slice, as: UTF8.self)
    }
}
