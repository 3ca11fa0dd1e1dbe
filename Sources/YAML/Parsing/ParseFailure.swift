/// An error found while parsing, located by byte offset. The public entry points
/// turn it into a `YAMLError` with line and column, which costs a pass over the
/// input and so is done only when something went wrong.
struct ParseFailure: Error {
    var message: String
    var offset: Int
    /// Another place the message mentions as `{related}` ("the '[' opened at line 3, column 5").
    var relatedOffset: Int?

    init(_ message: String, at offset: Int, related: Int? = nil) {
        self.message = message
        self.offset = offset
        self.relatedOffset = related
    }
}

/// Byte tests shared by the scanners. YAML's syntax characters are all ASCII.
enum Byte {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == space || c == tab }
    @inline(__always) static func isBreak(_ c: UInt8) -> Bool { c == lineFeed || c == carriageReturn }
    /// Blank, line break, or 0 (the scanners' end-of-input value; the input never holds NUL).
    @inline(__always) static func isBlankOrBreakOrEnd(_ c: UInt8) -> Bool {
        c == space || c == tab || c == lineFeed || c == carriageReturn || c == 0
    }
    @inline(__always) static func isFlowIndicator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
            || c == UInt8(ascii: "{") || c == UInt8(ascii: "}")
    }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        default: return nil
        }
    }
    /// `[0-9A-Za-z-]`, the characters of a tag handle's name.
    @inline(__always) static func isWordChar(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "-")
    }

    /// A byte as it should appear in a message: `'x'`, or its code for control characters.
    static func describe(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        switch c {
        case space: return "a space"
        case tab: return "a tab"
        case lineFeed, carriageReturn: return "a line break"
        case 0: return "the end of the input"
        default: return "a non-ASCII character"
        }
    }
}
