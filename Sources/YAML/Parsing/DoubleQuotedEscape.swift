/// The escape sequences of a YAML double-quoted scalar (YAML 1.2 §5.7), read
/// straight from the bytes. The parser and the kubeconfig context scan both
/// decode escapes with it; an escaped line break is left to the caller, since
/// what it means depends on the lines around it.
public enum DoubleQuotedEscape {
    public enum Decoded: Equatable, Sendable {
        /// The character, and how many bytes the escape takes, backslash included.
        case character(Unicode.Scalar, length: Int)
        /// `\` before a line break: the lines are joined.
        case lineBreak
        /// `\x`, `\u` or `\U` without its 2, 4 or 8 hexadecimal digits.
        case missingHexDigits(Int)
        /// Hexadecimal digits that name no Unicode character (a surrogate, beyond U+10FFFF).
        case notACharacter
        /// A backslash before anything else.
        case unknown(UInt8)
    }

    /// Decodes the escape whose backslash is at `backslash`; bytes at `end` and after are not read.
    public static func decode(_ input: UnsafeBufferPointer<UInt8>, at backslash: Int, end: Int) -> Decoded {
        let escape = backslash + 1 < end ? input[backslash + 1] : 0
        let value: UInt32
        switch escape {
        case UInt8(ascii: "0"): value = 0
        case UInt8(ascii: "a"): value = 7
        case UInt8(ascii: "b"): value = 8
        case UInt8(ascii: "t"), Byte.tab: value = 9
        case UInt8(ascii: "n"): value = 10
        case UInt8(ascii: "v"): value = 11
        case UInt8(ascii: "f"): value = 12
        case UInt8(ascii: "r"): value = 13
        case UInt8(ascii: "e"): value = 0x1B
        case Byte.space: value = 0x20
        case UInt8(ascii: "\""): value = 0x22
        case UInt8(ascii: "/"): value = 0x2F
        case UInt8(ascii: "\\"): value = 0x5C
        case UInt8(ascii: "N"): value = 0x85
        case UInt8(ascii: "_"): value = 0xA0
        case UInt8(ascii: "L"): value = 0x2028
        case UInt8(ascii: "P"): value = 0x2029
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
            var number: UInt32 = 0
            for index in (backslash + 2)..<(backslash + 2 + digits) {
                guard index < end, let digit = Byte.hexValue(input[index]) else { return .missingHexDigits(digits) }
                number = number << 4 | digit
            }
            guard let scalar = Unicode.Scalar(number) else { return .notACharacter }
            return .character(scalar, length: 2 + digits)
        case Byte.lineFeed, Byte.carriageReturn:
            return .lineBreak
        default:
            return .unknown(escape)
        }
        // Every fixed escape names a character (none is a surrogate).
        guard let scalar = Unicode.Scalar(value) else { return .notACharacter }
        return .character(scalar, length: 2)
    }
}
