import YAML

/// The JSON half of `ContextNameScan`: reads `contexts[].name` from a JSON
/// kubeconfig and skips every other value without building it. Returns nil on
/// anything that is not plain JSON (the caller then parses the file in full).
struct JSONContextScanner {
    let text: UnsafeBufferPointer<UInt8>
    var position: Int

    mutating func scan() -> [String]? {
        var names: [String]?
        let complete = object { scanner, key in
            guard key == "contexts" else { return scanner.skipValue() }
            guard names == nil, let list = scanner.contextList() else { return false }
            names = list
            return true
        }
        skipWhitespace()
        return complete && position == text.count ? names ?? [] : nil
    }

    private mutating func contextList() -> [String]? {
        if literal("null") { return [] }
        guard consume(ScanByte.openBracket) else { return nil }
        var names: [String] = []
        skipWhitespace()
        if consume(ScanByte.closeBracket) { return names }
        while true {
            skipWhitespace()
            if !literal("null") {
                var name: String?
                var nameCount = 0
                let complete = object { scanner, key in
                    guard key == "name" else { return scanner.skipValue() }
                    nameCount += 1
                    if scanner.literal("null") { return true }
                    name = scanner.string()
                    return name != nil
                }
                guard complete, nameCount <= 1 else { return nil }
                if let name, !name.isEmpty { names.append(name) }
            }
            skipWhitespace()
            if consume(ScanByte.comma) { continue }
            guard consume(ScanByte.closeBracket) else { return nil }
            return names
        }
    }

    /// Steps through one object, handing each member's key to `member`, which
    /// must consume the value; false when the object or a member is not valid.
    private mutating func object(_ member: (inout JSONContextScanner, String) -> Bool) -> Bool {
        guard consume(ScanByte.openBrace) else { return false }
        skipWhitespace()
        if consume(ScanByte.closeBrace) { return true }
        while true {
            skipWhitespace()
            guard let key = string() else { return false }
            skipWhitespace()
            guard consume(ScanByte.colon) else { return false }
            skipWhitespace()
            guard member(&self, key) else { return false }
            skipWhitespace()
            if consume(ScanByte.comma) { continue }
            return consume(ScanByte.closeBrace)
        }
    }

    // MARK: Tokens

    private mutating func skipWhitespace() {
        while position < text.count {
            switch text[position] {
            case ScanByte.space, ScanByte.tab, ScanByte.newline, ScanByte.carriageReturn: position += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < text.count, text[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= text.count else { return false }
        for offset in 0..<count where text[position + offset] != word.utf8Start[offset] { return false }
        position += count
        return true
    }

    /// A string, escapes decoded (the YAML module's JSON string reader).
    private mutating func string() -> String? {
        guard consume(ScanByte.quote), case .success(let string) = JSONString.read(text, from: position) else { return nil }
        position = string.end
        return string.text
    }

    /// Steps over one value of any kind without building it.
    private mutating func skipValue() -> Bool {
        guard position < text.count else { return false }
        switch text[position] {
        case ScanByte.quote:
            return skipString()
        case ScanByte.openBrace, ScanByte.openBracket:
            var depth = 0
            while position < text.count {
                switch text[position] {
                case ScanByte.quote:
                    guard skipString() else { return false }
                    continue
                case ScanByte.openBrace, ScanByte.openBracket:
                    depth += 1
                case ScanByte.closeBrace, ScanByte.closeBracket:
                    depth -= 1
                    if depth == 0 {
                        position += 1
                        return true
                    }
                default:
                    break
                }
                position += 1
            }
            return false
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default:
            let start = position
            while position < text.count {
                switch text[position] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                     UInt8(ascii: "e"), UInt8(ascii: "E"):
                    position += 1
                default:
                    return position > start
                }
            }
            return position > start
        }
    }

    private mutating func skipString() -> Bool {
        position += 1  // the opening quote
        while position < text.count {
            let byte = text[position]
            position += 1
            if byte == ScanByte.quote { return true }
            if byte == ScanByte.backslash { position += 1 }
        }
        return false
    }
}
