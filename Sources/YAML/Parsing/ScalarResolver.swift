/// Turns scalar text into a typed `Value`: plain scalars by the schema's implicit
/// rules, tagged scalars (`!!int "12"`) by their tag.
enum ScalarResolver {
    static let tagPrefix = "tag:yaml.org,2002:"

    /// A plain scalar without a tag.
    static func resolvePlain(_ text: String, schema: YAML.Schema) -> Value {
        if text.isEmpty { return .null }
        var utf8 = text
        let resolved: Value? = utf8.withUTF8 { bytes in
            switch schema {
            case .core: return resolveCore(bytes, first: bytes[0])
            case .yaml11: return resolveYAML11(bytes, first: bytes[0])
            }
        }
        return resolved ?? .string(text)
    }

    /// `!!int` for `tag:yaml.org,2002:int`; other tags as they are.
    static func shortTag(_ tag: String) -> String {
        tag.hasPrefix(tagPrefix) ? "!!" + tag.dropFirst(tagPrefix.count) : tag
    }

    /// A scalar with an explicit tag. The standard tags check and convert the
    /// text (`!!int "12"` is 12, `!!int x` an error); `!!binary` and `!!timestamp`
    /// keep the text as a string; any other tag is kept with `Value.tagged`.
    static func resolveTagged(_ tag: String, _ text: String, style: Token.Style, schema: YAML.Schema, at offset: Int) throws -> Value {
        guard tag.hasPrefix(tagPrefix) else {
            return tag == "!" ? .string(text) : .tagged(tag, .string(text))
        }
        let name = tag.dropFirst(tagPrefix.count)
        switch name {
        case "str", "binary", "timestamp":
            return .string(text)
        case "null":
            if text.isEmpty { return .null }
            if case .null = resolvePlain(text, schema: schema) { return .null }
        case "bool":
            if case .bool(let b) = resolvePlain(text, schema: schema) { return .bool(b) }
        case "int":
            switch resolvePlain(text, schema: schema) {
            case .int(let i): return .int(i)
            case .float(let d) where text.utf8.allSatisfy({ $0 != UInt8(ascii: ".") && $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }) || text.hasPrefix("0x"):
                return .float(d)  // an integer beyond Int64
            default: break
            }
        case "float":
            switch resolvePlain(text, schema: schema) {
            case .int(let i): return .float(Double(i))
            case .float(let d): return .float(d)
            default: break
            }
        case "map", "seq":
            throw ParseFailure("the tag !!\(name) cannot be used on a scalar", at: offset)
        default:
            return .tagged(tag, .string(text))
        }
        throw ParseFailure("\"\(text)\" is not a valid !!\(name)", at: offset)
    }

    // MARK: YAML 1.2 core schema (§10.3.2)

    private static func resolveCore(_ s: UnsafeBufferPointer<UInt8>, first: UInt8) -> Value? {
        switch first {
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"):
            return s.count > 4 ? nil : (eq(s, "null") || eq(s, "Null") || eq(s, "NULL") || eq(s, "~")) ? .null : nil
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return (eq(s, "true") || eq(s, "True") || eq(s, "TRUE")) ? .bool(true) : nil
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return (eq(s, "false") || eq(s, "False") || eq(s, "FALSE")) ? .bool(false) : nil
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return coreNumber(s)
        default:
            return nil
        }
    }

    static func coreNumber(_ s: UnsafeBufferPointer<UInt8>) -> Value? {
        var i = 0
        var negative = false
        if s[0] == UInt8(ascii: "-") || s[0] == UInt8(ascii: "+") {
            negative = s[0] == UInt8(ascii: "-")
            i = 1
        }
        let body = i
        if s.count - body >= 2 && s[body] == UInt8(ascii: "0") && body == 0 {
            if s[1] == UInt8(ascii: "x") { return radixInteger(s, from: 2, radix: 16, negative: false) }
            if s[1] == UInt8(ascii: "o") { return radixInteger(s, from: 2, radix: 8, negative: false) }
        }
        if s.count - body == 4 && s[body] == UInt8(ascii: ".") && (eq(s, "inf", from: body + 1) || eq(s, "Inf", from: body + 1) || eq(s, "INF", from: body + 1)) {
            return .float(negative ? -.infinity : .infinity)
        }
        if body == 0 && (eq(s, ".nan") || eq(s, ".NaN") || eq(s, ".NAN")) { return .float(.nan) }
        // [-+]?[0-9]+ is an integer.
        var j = body
        while j < s.count && Byte.isDigit(s[j]) { j += 1 }
        if j == s.count && j > body {
            return decimalInteger(s, from: body, negative: negative)
        }
        return isDecimalFloat(s, from: body) ? parseFloat(s) : nil
    }

    /// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` from `from` to the end.
    static func isDecimalFloat(_ s: UnsafeBufferPointer<UInt8>, from: Int) -> Bool {
        var i = from
        var intDigits = 0
        while i < s.count && Byte.isDigit(s[i]) {
            i += 1
            intDigits += 1
        }
        var fracDigits = 0
        if i < s.count && s[i] == UInt8(ascii: ".") {
            i += 1
            while i < s.count && Byte.isDigit(s[i]) {
                i += 1
                fracDigits += 1
            }
            if intDigits == 0 && fracDigits == 0 { return false }
        } else if intDigits == 0 {
            return false
        }
        if i < s.count && (s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E")) {
            i += 1
            if i < s.count && (s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+")) { i += 1 }
            let expStart = i
            while i < s.count && Byte.isDigit(s[i]) { i += 1 }
            if i == expStart { return false }
        }
        return i == s.count
    }

    // MARK: YAML 1.1 as go-yaml v2 resolves it

    private static func resolveYAML11(_ s: UnsafeBufferPointer<UInt8>, first: UInt8) -> Value? {
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "o"), UInt8(ascii: "O"),
            UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "~"):
            if (eq(s, "y") || eq(s, "Y") || eq(s, "yes") || eq(s, "Yes") || eq(s, "YES") || eq(s, "true") || eq(s, "True") || eq(s, "TRUE") || eq(s, "on") || eq(s, "On") || eq(s, "ON")) { return .bool(true) }
            if (eq(s, "n") || eq(s, "N") || eq(s, "no") || eq(s, "No") || eq(s, "NO") || eq(s, "false") || eq(s, "False") || eq(s, "FALSE") || eq(s, "off") || eq(s, "Off") || eq(s, "OFF")) { return .bool(false) }
            if (eq(s, "~") || eq(s, "null") || eq(s, "Null") || eq(s, "NULL")) { return .null }
            return nil
        case UInt8(ascii: "."):
            if (eq(s, ".nan") || eq(s, ".NaN") || eq(s, ".NAN")) { return .float(.nan) }
            if (eq(s, ".inf") || eq(s, ".Inf") || eq(s, ".INF")) { return .float(.infinity) }
            // Go's ParseFloat on the text as written (no '_' removal here).
            return isDecimalFloat(s, from: 0) ? parseFloat(s) : nil
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if (eq(s, "+.inf") || eq(s, "+.Inf") || eq(s, "+.INF")) { return .float(.infinity) }
            if (eq(s, "-.inf") || eq(s, "-.Inf") || eq(s, "-.INF")) { return .float(-.infinity) }
            if isTimestampLike(s) { return nil }
            var plain = [UInt8]()
            plain.reserveCapacity(s.count)
            for c in s where c != UInt8(ascii: "_") { plain.append(c) }
            return plain.withUnsafeBufferPointer { yaml11Number($0) }
        default:
            return nil
        }
    }

    /// Integers as Go's `strconv.ParseInt(s, 0, 64)` reads them (sign, `0x`, `0o`,
    /// `0b`, leading-zero octal, decimal), then go-yaml's float pattern.
    private static func yaml11Number(_ s: UnsafeBufferPointer<UInt8>) -> Value? {
        guard !s.isEmpty else { return nil }
        var i = 0
        var negative = false
        if s[0] == UInt8(ascii: "-") || s[0] == UInt8(ascii: "+") {
            negative = s[0] == UInt8(ascii: "-")
            i = 1
        }
        if s.count - i >= 2 && s[i] == UInt8(ascii: "0") {
            switch s[i + 1] {
            case UInt8(ascii: "x"), UInt8(ascii: "X"):
                if let v = radixInteger(s, from: i + 2, radix: 16, negative: negative, beyondUInt64: false) { return v }
            case UInt8(ascii: "o"), UInt8(ascii: "O"):
                if let v = radixInteger(s, from: i + 2, radix: 8, negative: negative, beyondUInt64: false) { return v }
            case UInt8(ascii: "b"), UInt8(ascii: "B"):
                if let v = radixInteger(s, from: i + 2, radix: 2, negative: negative, beyondUInt64: false) { return v }
            default:
                if let v = radixInteger(s, from: i + 1, radix: 8, negative: negative, beyondUInt64: false) { return v }
            }
        } else if s.count > i {
            var j = i
            while j < s.count && Byte.isDigit(s[j]) { j += 1 }
            if j == s.count { return decimalInteger(s, from: i, negative: negative) }
        }
        if isDecimalFloat(s, from: i) {
            // Go's ParseFloat fails on overflow (the text then stays a string).
            guard case .float(let d)? = parseFloat(s), d.isFinite else { return nil }
            return .float(d)
        }
        return nil
    }

    /// `YYYY-…`: go-yaml v2 keeps timestamps as strings, and such text is never a number.
    private static func isTimestampLike(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count >= 5 else { return false }
        for k in 0..<4 where !Byte.isDigit(s[k]) { return false }
        return s[4] == UInt8(ascii: "-")
    }

    // MARK: Number helpers

    /// Digits in `radix` from `from` to the end; nil when empty or invalid. Values
    /// beyond Int64 become floats (go-yaml's uint64 range and beyond end up as float64 in Helm).
    static func radixInteger(
        _ s: UnsafeBufferPointer<UInt8>, from: Int, radix: UInt64, negative: Bool, beyondUInt64: Bool = true
    ) -> Value? {
        guard from < s.count else { return nil }
        var magnitude: UInt64 = 0
        var overflow = false
        var approximate: Double = 0
        for k in from..<s.count {
            guard let digit = Byte.hexValue(s[k]).map(UInt64.init), digit < radix else { return nil }
            approximate = approximate * Double(radix) + Double(digit)
            let (m1, o1) = magnitude.multipliedReportingOverflow(by: radix)
            let (m2, o2) = m1.addingReportingOverflow(digit)
            if o1 || o2 { overflow = true }
            magnitude = m2
        }
        if !overflow {
            if negative {
                if magnitude <= UInt64(Int64.max) + 1 { return .int(magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)) }
            } else if magnitude <= UInt64(Int64.max) {
                return .int(Int64(magnitude))
            }
            return .float(negative ? -Double(magnitude) : Double(magnitude))
        }
        return beyondUInt64 ? .float(negative ? -approximate : approximate) : nil
    }

    static func decimalInteger(_ s: UnsafeBufferPointer<UInt8>, from: Int, negative: Bool) -> Value? {
        var value: Int64 = 0
        for k in from..<s.count {
            let digit = Int64(s[k] &- UInt8(ascii: "0"))
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (v, o2) = negative ? m.subtractingReportingOverflow(digit) : m.addingReportingOverflow(digit)
            if o1 || o2 { return parseFloat(s) }
            value = v
        }
        return .int(value)
    }

    static func parseFloat(_ s: UnsafeBufferPointer<UInt8>) -> Value? {
        let text = String(decoding: s, as: UTF8.self)
        if let d = Double(text) { return .float(d) }
        // Swift's parser wants digits after '.'; "1." and "1.e5" are still floats in YAML.
        var fixed = [UInt8]()
        for (k, c) in s.enumerated() {
            fixed.append(c)
            if c == UInt8(ascii: ".") && (k + 1 == s.count || !Byte.isDigit(s[k + 1])) { fixed.append(UInt8(ascii: "0")) }
        }
        return Double(String(decoding: fixed, as: UTF8.self)).map(Value.float)
    }

    /// Whether `s[from...]` is exactly `candidate`.
    @inline(__always) static func eq(_ s: UnsafeBufferPointer<UInt8>, _ candidate: StaticString, from: Int = 0) -> Bool {
        let n = candidate.utf8CodeUnitCount
        guard s.count - from == n else { return false }
        let p = candidate.utf8Start
        for k in 0..<n where p[k] != s[from + k] { return false }
        return true
    }
}
