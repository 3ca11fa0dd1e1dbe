/// Reads only the context names out of a kubeconfig's text, for shell
/// completion, without parsing the rest (a 1,000-context kubeconfig is mostly
/// base64 certificate data that completion never needs).
///
/// The scan follows the shapes kubeconfigs are written in: block YAML as
/// kubectl writes it, and JSON. It returns nil as soon as it meets anything it
/// does not follow exactly (anchors, aliases, tags, flow collections holding the
/// contexts, multi-line names, several documents, …); the caller then parses the
/// file in full. So the names it returns are the names a full parse gives.
enum ContextNameScan {
    static func names(in text: UnsafeBufferPointer<UInt8>) -> [String]? {
        var start = 0
        if text.count >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF { start = 3 }
        // The first significant byte tells JSON from block YAML.
        var index = start
        while index < text.count {
            let byte = text[index]
            if byte == ScanByte.space || byte == ScanByte.tab || byte == ScanByte.newline || byte == ScanByte.carriageReturn {
                index += 1
            } else if byte == ScanByte.hash {
                while index < text.count, text[index] != ScanByte.newline { index += 1 }
            } else {
                break
            }
        }
        if index < text.count, text[index] == ScanByte.openBrace {
            var scanner = JSONContextScanner(text: text, position: index)
            return scanner.scan()
        }
        var scanner = BlockContextScanner(text: text, position: start)
        return scanner.scan()
    }
}

/// The bytes the scans look for.
enum ScanByte {
    static let space: UInt8 = UInt8(ascii: " ")
    static let tab: UInt8 = UInt8(ascii: "\t")
    static let newline: UInt8 = UInt8(ascii: "\n")
    static let carriageReturn: UInt8 = UInt8(ascii: "\r")
    static let hash: UInt8 = UInt8(ascii: "#")
    static let colon: UInt8 = UInt8(ascii: ":")
    static let dash: UInt8 = UInt8(ascii: "-")
    static let quote: UInt8 = UInt8(ascii: "\"")
    static let apostrophe: UInt8 = UInt8(ascii: "'")
    static let backslash: UInt8 = UInt8(ascii: "\\")
    static let openBrace: UInt8 = UInt8(ascii: "{")
    static let closeBrace: UInt8 = UInt8(ascii: "}")
    static let openBracket: UInt8 = UInt8(ascii: "[")
    static let closeBracket: UInt8 = UInt8(ascii: "]")
    static let comma: UInt8 = UInt8(ascii: ",")
}
