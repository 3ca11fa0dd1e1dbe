import Foundation

/// Base64 as Secret data and ApplySet IDs spell it (Foundation's codec).
enum Base64Text {
    /// Standard alphabet with padding, as Secret `data` carries it.
    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    /// URL-safe alphabet without padding (Go's `base64.RawURLEncoding`), for ApplySet IDs.
    static func encodeRawURL(_ bytes: [UInt8]) -> String {
        var text = encode(bytes)
        while text.hasSuffix("=") { text.removeLast() }
        return String(text.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }

    /// The bytes, or nil when the text is not standard base64.
    static func decode(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text, options: .ignoreUnknownCharacters).map { Array($0) }
    }
}
