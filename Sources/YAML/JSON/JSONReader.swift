/// Strict RFC 8259 JSON reading into `Value`.
///
/// Integers (no fraction, no exponent) become `.int`, or `.float` when they do
/// not fit in Int64; every number with `.` or `e` becomes `.float`. Object keys
/// keep document order. Errors are `YAMLError`s with line and column.
public enum JSON {
    /// The one JSON value in `text` (surrounding whitespace allowed).
    /// Duplicate object keys are an error unless `duplicateKeys` is `.lastWins`
    /// (what Go's encoding/json and most readers do).
    public static func parse(_ text: String, duplicateKeys: YAML.DuplicateKeys = .reject) throws(YAMLError) -> Value {
        var text = text
        return try text.withUTF8 { input in read(input, duplicateKeys: duplicateKeys, many: false) }.get().first ?? .null
    }

    /// `parse` for UTF-8 bytes.
    public static func parse(_ bytes: [UInt8], duplicateKeys: YAML.DuplicateKeys = .reject) throws(YAMLError) -> Value {
        try bytes.withUnsafeBufferPointer { input in read(input, duplicateKeys: duplicateKeys, many: false) }.get().first ?? .null
    }

    /// A sequence of whitespace-separated JSON values (JSON Lines and the like).
    static func parseSequence(_ text: String, duplicateKeys: YAML.DuplicateKeys = .reject) throws(YAMLError) -> [Value] {
        var text = text
        return try text.withUTF8 { input in read(input, duplicateKeys: duplicateKeys, many: true) }.get()
    }

    private static func read(_ input: UnsafeBufferPointer<UInt8>, duplicateKeys: YAML.DuplicateKeys, many: Bool) -> Result<[Value], YAMLError> {
        var reader = JSONReader(input, duplicateKeys: duplicateKeys)
        do {
            var values: [Value] = []
            reader.skipWhitespace()
            if many {
                while reader.pos < input.count {
                    values.append(try reader.readValue())
                    reader.skipWhitespace()
                }
            } else {
                values.append(try reader.readValue())
                reader.skipWhitespace()
                if reader.pos < input.count {
                    throw ParseFailure("unexpected \(Byte.describe(input[reader.pos])) after the JSON value", at: reader.pos)
                }
            }
            return .success(values)
        } catch let failure as ParseFailure {
            return .failure(LineIndex(input).error(failure))
        } catch {
            return .failure(YAMLError(message: "\(error)", line: 1, column: 1))
        }
    }
}

/// The recursive-descent reader behind `JSON.parse`.
struct JSONReader {
    let input: UnsafeBufferPointer<UInt8>
    let duplicateKeys: YAML.DuplicateKeys
    var pos = 0
    var depth = 0
    static let maxDepth = 512

    init(_ input: UnsafeBufferPointer<UInt8>, duplicateKeys: YAML.DuplicateKeys) {
        self.input = input
        self.duplicateKeys = duplicateKeys
    }

    @inline(__always) func at(_ i: Int) -> UInt8 { i < input.count ? input[i] : 0 }

    mutating func skipWhitespace() {
        while pos < input.count {
            let c = input[pos]
            guard c == Byte.space || c == Byte.tab || c == Byte.lineFeed || c == Byte.carriageReturn else { return }
            pos += 1
        }
    }

    mutating func readValue() throws -> Value {
        guard pos < input.count else { throw ParseFailure("expected a JSON value, found the end of the input", at: pos) }
        switch input[pos] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw ParseFailure("expected a JSON value, found \(Byte.describe(input[pos]))", at: pos)
        }
    }

    private mutating func expectWord(_ word: StaticString) throws {
        let start = pos
        for k in 0..<word.utf8CodeUnitCount {
            guard at(pos + k) == word.utf8Start[k] else {
                throw ParseFailure("invalid literal; expected \(word)", at: start)
            }
        }
        pos += word.utf8CodeUnitCount
    }

    private mutating func enter() throws {
        depth += 1
        if depth > JSONReader.maxDepth {
            throw ParseFailure("JSON nested more than \(JSONReader.maxDepth) levels deep", at: pos)
        }
    }

    private mutating func readObject() throws -> Value {
        try enter()
        defer { depth -= 1 }
        let open = pos
        pos += 1
        var mapping = Mapping()
        skipWhitespace()
        if at(pos) == UInt8(ascii: "}") {
            pos += 1
            return .mapping(mapping)
        }
        while true {
            skipWhitespace()
            guard at(pos) == UInt8(ascii: "\"") else {
                throw ParseFailure(
                    pos < input.count ? "expected a string key in the object, found \(Byte.describe(input[pos]))"
                        : "the object opened at {related} is never closed",
                    at: pos, related: open)
            }
            let keyStart = pos
            let key = Value.string(try readString())
            skipWhitespace()
            guard at(pos) == UInt8(ascii: ":") else {
                throw ParseFailure("expected ':' after the object key, found \(Byte.describe(at(pos)))", at: pos)
            }
            pos += 1
            skipWhitespace()
            let value = try readValue()
            switch duplicateKeys {
            case .reject:
                if !mapping.insertNew(key, value) {
                    throw ParseFailure("duplicate key \(MappingBuilder.describe(key)) in this object", at: keyStart)
                }
            case .lastWins:
                mapping.set(key, value)
            }
            skipWhitespace()
            let c = at(pos)
            pos += 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "}") { return .mapping(mapping) }
            pos -= 1
            throw ParseFailure(
                pos < input.count ? "expected ',' or '}' in the object opened at {related}, found \(Byte.describe(c))"
                    : "the object opened at {related} is never closed",
                at: pos, related: open)
        }
    }

    private mutating func readArray() throws -> Value {
        try enter()
        defer { depth -= 1 }
        let open = pos
        pos += 1
        var items: [Value] = []
        skipWhitespace()
        if at(pos) == UInt8(ascii: "]") {
            pos += 1
            return .sequence(items)
        }
        while true {
            skipWhitespace()
            items.append(try readValue())
            skipWhitespace()
            let c = at(pos)
            pos += 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "]") { return .sequence(items) }
            pos -= 1
            throw ParseFailure(
                pos < input.count ? "expected ',' or ']' in the array opened at {related}, found \(Byte.describe(c))"
                    : "the array opened at {related} is never closed",
                at: pos, related: open)
        }
    }

    private mutating func readString() throws -> String {
        let open = pos
        switch JSONString.read(input, from: pos + 1) {
        case .success(let string):
            pos = string.end
            return string.text
        case .failure(let problem):
            throw ParseFailure(problem.message, at: problem.offset ?? open)
        }
    }

    private mutating func readNumber() throws -> Value {
        let start = pos
        if at(pos) == UInt8(ascii: "-") { pos += 1 }
        if at(pos) == UInt8(ascii: "0") {
            pos += 1
            if Byte.isDigit(at(pos)) { throw ParseFailure("numbers in JSON cannot have leading zeros", at: start) }
        } else if Byte.isDigit(at(pos)) {
            while Byte.isDigit(at(pos)) { pos += 1 }
        } else {
            throw ParseFailure("expected digits in the number", at: start)
        }
        var integral = true
        if at(pos) == UInt8(ascii: ".") {
            integral = false
            pos += 1
            guard Byte.isDigit(at(pos)) else { throw ParseFailure("expected digits after '.' in the number", at: start) }
            while Byte.isDigit(at(pos)) { pos += 1 }
        }
        if at(pos) == UInt8(ascii: "e") || at(pos) == UInt8(ascii: "E") {
            integral = false
            pos += 1
            if at(pos) == UInt8(ascii: "+") || at(pos) == UInt8(ascii: "-") { pos += 1 }
            guard Byte.isDigit(at(pos)) else { throw ParseFailure("expected digits in the exponent of the number", at: start) }
            while Byte.isDigit(at(pos)) { pos += 1 }
        }
        let text = UnsafeBufferPointer(rebasing: input[start..<pos])
        if integral {
            let negative = text[0] == UInt8(ascii: "-")
            if let value = ScalarResolver.decimalInteger(text, from: negative ? 1 : 0, negative: negative) { return value }
        }
        guard let value = ScalarResolver.parseFloat(text) else {
            throw ParseFailure("invalid number", at: start)
        }
        if case .float(let d) = value, !d.isFinite {
            throw ParseFailure("the number is too large", at: start)
        }
        return value
    }
}
