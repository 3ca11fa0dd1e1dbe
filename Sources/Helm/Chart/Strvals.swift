/// Helm's `--set` syntax (pkg/strvals): `a.b=1,c[0]=x,d={a,b}` parsed left to
/// right into an existing map (HELM-NOTES §2.2).
///
/// A backslash makes the next character literal; `{x,y}` is a list; with
/// `--set` the words true/false/null and decimal integers that fit in int64
/// are typed (`007`, `1.5`, `0x10` stay strings), with `--set-string`
/// everything is a string; `--set-file` reads each value as a path; `--set-json`
/// reads each value as JSON; `--set-literal` takes the whole rest as one string.
struct Strvals {
    enum Mode {
        case typed
        case string
        /// Each value is a file path; the closure returns the file's text.
        case file((String) throws -> String)
        /// Each value is JSON; the closure decodes one JSON value at the start of
        /// its argument and returns it with the number of UTF-8 bytes it used.
        case json((String) throws -> (GoValue, Int))
        case literal
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Helm's limits.
    static let maximumIndex = 65536
    static let maximumNesting = 30

    private var input: [Unicode.Scalar]
    private var position = 0
    private let mode: Mode

    /// Parses `text` into `destination` (which it mutates, like Helm's ParseInto).
    static func parse(_ text: String, into destination: GoMap, mode: Mode) throws {
        var parser = Strvals(input: Array(text.unicodeScalars), mode: mode)
        while true {
            do {
                try parser.key(destination, nesting: 0)
            } catch EndOfInput.reached {
                return
            }
        }
    }

    private init(input: [Unicode.Scalar], mode: Mode) {
        self.input = input
        self.mode = mode
    }

    private enum EndOfInput: Error {
        case reached
    }

    private var isLiteral: Bool {
        if case .literal = mode { return true }
        return false
    }

    /// Reads up to one of `stop`; a backslash escapes the next character
    /// (except in literal mode). Returns the text, the stop character (nil at the end).
    private mutating func runes(until stop: Set<Unicode.Scalar>) -> ([Unicode.Scalar], Unicode.Scalar?) {
        var value: [Unicode.Scalar] = []
        while position < input.count {
            let r = input[position]
            position += 1
            if stop.contains(r) { return (value, r) }
            if r == "\\" && !isLiteral {
                guard position < input.count else { return (value, nil) }
                value.append(input[position])
                position += 1
                continue
            }
            value.append(r)
        }
        return (value, nil)
    }

    private static func text(_ scalars: [Unicode.Scalar]) -> String {
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars)
        return s
    }

    /// Go's panic text for a failed type assertion, as Helm reports it.
    private static func conversionFailure(_ value: GoValue, expected: String) -> Failure {
        let actual = value.isNil ? "nil" : value.goTypeName
        return Failure(message: "unable to parse key: interface conversion: interface {} is \(actual), not \(expected)")
    }

    private mutating func key(_ data: GoMap, nesting: Int) throws {
        let stop: Set<Unicode.Scalar> = isLiteral ? ["=", "[", "."] : ["=", "[", ",", "."]
        let (k, last) = runes(until: stop)
        let name = Strvals.text(k)
        guard let last else {
            if k.isEmpty { throw EndOfInput.reached }
            throw Failure(message: "key \(GoQuote.quote(name)) has no value")
        }
        switch last {
        case "[":
            let index = try keyIndex()
            var list: [GoValue] = []
            if let existing = data[name] {
                guard case .list(let items) = existing else { throw Strvals.conversionFailure(existing, expected: "[]interface {}") }
                list = items
            }
            do {
                list = try listItem(list, index, nesting: nesting)
            } catch {
                if !name.isEmpty { data[name] = .list(list) }
                throw error
            }
            if !name.isEmpty { data[name] = .list(list) }
        case "=":
            try assignment(name, data)
        case ",":
            if !name.isEmpty { data[name] = .string("") }
            throw Failure(message: "key \(GoQuote.quote(name)) has no value (cannot end with ,)")
        default:  // "."
            let level = nesting + 1
            if level > Strvals.maximumNesting {
                throw Failure(message: "value name nested level is greater than maximum supported nested level of \(Strvals.maximumNesting)")
            }
            var inner = GoMap()
            if let existing = data[name] {
                guard case .map(let map) = existing else { throw Strvals.conversionFailure(existing, expected: "map[string]interface {}") }
                inner = map
            }
            var failure: Error?
            do { try key(inner, nesting: level) } catch { failure = error }
            if failure == nil && inner.isEmpty { throw Failure(message: "key map \(GoQuote.quote(name)) has no value") }
            if !inner.isEmpty && !name.isEmpty { data[name] = .map(inner) }
            if let failure { throw failure }
        }
    }

    /// `key=value` for each mode.
    private mutating func assignment(_ name: String, _ data: GoMap) throws {
        func set(_ value: GoValue) { if !name.isEmpty { data[name] = value } }
        switch mode {
        case .literal:
            set(.string(Strvals.text(Array(input[position...]))))
            position = input.count
        case .json(let decode):
            if try emptyValue() {
                set(.missing)
                return
            }
            let (value, consumed) = try decodeJSON(decode)
            set(value)
            _ = consumed
            _ = try emptyValue()
        default:
            switch try valueList() {
            case .list(let list):
                set(.list(list))
            case .endOfInput:
                set(.string(""))
                throw EndOfInput.reached
            case .notAList:
                let (raw, _) = runes(until: [","])
                set(try typedValue(raw))
            }
        }
    }

    private mutating func decodeJSON(_ decode: (String) throws -> (GoValue, Int)) throws -> (GoValue, Int) {
        let rest = Strvals.text(Array(input[position...]))
        let (value, consumedBytes) = try decode(rest)
        // Advance by the scalars that make up the consumed bytes.
        var bytes = 0
        while bytes < consumedBytes && position < input.count {
            bytes += String(input[position]).utf8.count
            position += 1
        }
        return (value, consumedBytes)
    }

    /// Skips white space; true at the end or after a comma (an empty value).
    private mutating func emptyValue() throws -> Bool {
        while position < input.count {
            let r = input[position]
            position += 1
            if r == "," { return true }
            if !r.properties.isWhitespace {
                position -= 1
                return false
            }
        }
        return true
    }

    private func typedValue(_ raw: [Unicode.Scalar]) throws -> GoValue {
        let value = Strvals.text(raw)
        switch mode {
        case .string:
            return .string(value)
        case .file(let read):
            do { return .string(try read(value)) } catch let error as Failure { throw error } catch {
                throw Failure(message: "\(error)")
            }
        default:
            let lower = value.lowercased()
            if lower == "true" { return .bool(true) }
            if lower == "false" { return .bool(false) }
            if lower == "null" { return .missing }
            if value == "0" { return .int64(0) }
            if let first = value.unicodeScalars.first, first != "0", let i = Strvals.parseDecimalInt64(value) {
                return .int64(i)
            }
            return .string(value)
        }
    }

    /// `strconv.ParseInt(s, 10, 64)`: optional sign, decimal digits only.
    static func parseDecimalInt64(_ s: String) -> Int64? {
        var body = Substring(s)
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let magnitude = UInt64(body) else { return nil }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(bitPattern: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    private enum ListResult {
        case list([GoValue])
        case endOfInput
        case notAList
    }

    /// `{a,b,c}`; typed item by item.
    private mutating func valueList() throws -> ListResult {
        guard position < input.count else { return .endOfInput }
        if input[position] != "{" { return .notAList }
        position += 1
        var list: [GoValue] = []
        while true {
            let (item, last) = runes(until: [",", "}"])
            guard let last else { throw Failure(message: "list must terminate with '}'") }
            if last == "}" {
                if position < input.count && input[position] == "," { position += 1 }
                list.append(try typedValue(item))
                return .list(list)
            }
            list.append(try typedValue(item))
        }
    }

    private mutating func keyIndex() throws -> Int {
        let (raw, last) = runes(until: ["]"])
        let text = Strvals.text(raw)
        guard last != nil else { throw EndOfInput.reached }
        guard let index = Strvals.atoi(text) else {
            throw Failure(message: "error parsing index: strconv.Atoi: parsing \(GoQuote.quote(text)): invalid syntax")
        }
        return index
    }

    /// `strconv.Atoi`.
    static func atoi(_ s: String) -> Int? {
        guard let value = parseDecimalInt64(s) else { return nil }
        return Int(value)
    }

    private static func setIndex(_ list: [GoValue], _ index: Int, _ value: GoValue) throws -> [GoValue] {
        if index < 0 { throw Failure(message: "negative \(index) index not allowed") }
        if index > maximumIndex {
            throw Failure(message: "index of \(index) is greater than maximum supported index of \(maximumIndex)")
        }
        var result = list
        if result.count <= index { result.append(contentsOf: repeatElement(GoValue.missing, count: index + 1 - result.count)) }
        result[index] = value
        return result
    }

    private mutating func listItem(_ list: [GoValue], _ index: Int, nesting: Int) throws -> [GoValue] {
        if index < 0 { throw Failure(message: "negative \(index) index not allowed") }
        let (k, last) = runes(until: ["[", ".", "="])
        if !k.isEmpty {
            // Go formats the []rune with %q: each rune quoted.
            var quoted: [UInt8] = []
            for (i, r) in k.enumerated() {
                if i > 0 { quoted.append(UInt8(ascii: " ")) }
                GoQuote.appendQuotedRune(UInt64(r.value), asciiOnly: false, to: &quoted)
            }
            throw Failure(message: "unexpected data at end of array index: [\(String(decoding: quoted, as: UTF8.self))]")
        }
        guard let last else { throw EndOfInput.reached }
        switch last {
        case "=":
            switch mode {
            case .literal:
                let value = Strvals.text(Array(input[position...]))
                position = input.count
                return try Strvals.setIndex(list, index, .string(value))
            case .json(let decode):
                if try emptyValue() { return try Strvals.setIndex(list, index, .missing) }
                let (value, _) = try decodeJSON(decode)
                let result = try Strvals.setIndex(list, index, value)
                _ = try emptyValue()
                return result
            default:
                switch try valueList() {
                case .list(let items): return try Strvals.setIndex(list, index, .list(items))
                case .endOfInput: return try Strvals.setIndex(list, index, .string(""))
                case .notAList:
                    let (raw, _) = runes(until: [","])
                    return try Strvals.setIndex(list, index, try typedValue(raw))
                }
            }
        case "[":
            let next = try keyIndex()
            var current: [GoValue] = []
            if list.count > index, !list[index].isNil {
                guard case .list(let items) = list[index] else {
                    throw Strvals.conversionFailure(list[index], expected: "[]interface {}")
                }
                current = items
            }
            let inner = try listItem(current, next, nesting: nesting)
            return try Strvals.setIndex(list, index, .list(inner))
        default:  // "."
            var working = list
            var inner = GoMap()
            if working.count > index {
                if case .map(let map) = working[index] {
                    inner = map
                } else {
                    working[index] = .map(inner)
                }
            }
            try key(inner, nesting: nesting)
            return try Strvals.setIndex(working, index, .map(inner))
        }
    }
}
