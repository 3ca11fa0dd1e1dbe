import YAML

/// Shorthands for the function table: declaring a function, reading its
/// arguments (already checked and converted by the engine to the declared Go
/// types), and Go's conversions that many Sprig functions share.
enum Fn {
    typealias Body = @Sendable (_ arguments: [GoValue]) throws -> GoValue

    /// A function that needs nothing from the engine.
    static func make(
        _ name: String, _ parameters: [GoParameterType], variadic: GoParameterType? = nil, _ body: @escaping Body
    ) -> TemplateFunction {
        TemplateFunction(name, parameters, variadic: variadic) { _, arguments in try body(arguments) }
    }

    static func fail(_ message: String) -> TemplateFunctionError {
        TemplateFunctionError(message)
    }

    /// What Go reports when reflection is asked about a nil interface.
    static let nilDereference = TemplateFunctionError("runtime error: invalid memory address or nil pointer dereference")

    // MARK: Arguments

    static func string(_ v: GoValue) throws -> String {
        if case .string(let s) = v { return s }
        throw fail("wrong type for value; expected string; got \(v.goTypeName)")
    }

    static func int(_ v: GoValue) throws -> Int {
        switch v {
        case .int(let i): return i
        case .int64(let i): return Int(i)
        default: throw fail("wrong type for value; expected int; got \(v.goTypeName)")
        }
    }

    static func bool(_ v: GoValue) throws -> Bool {
        if case .bool(let b) = v { return b }
        throw fail("wrong type for value; expected bool; got \(v.goTypeName)")
    }

    /// A `map[string]interface{}` argument; nil for a nil map (nil₂ passed to a map parameter).
    static func map(_ v: GoValue) throws -> GoMap? {
        switch v {
        case .map(let m): return m
        case .missing, .invalid: return nil
        default: throw fail("wrong type for value; expected map[string]interface {}; got \(v.goTypeName)")
        }
    }

    /// A map that is about to be written to: Go panics on a nil map.
    static func writableMap(_ v: GoValue) throws -> GoMap {
        guard let m = try map(v) else { throw fail("assignment to entry in nil map") }
        return m
    }

    /// The elements of a Go slice or array, or nil when `v` is not one.
    static func elements(_ v: GoValue) -> [GoValue]? {
        switch v {
        case .list(let items): return items
        case .stringList(let items): return items.map { .string($0) }
        case .bytes(let bytes): return bytes.map { .int(Int($0)) }
        default: return nil
        }
    }

    /// Sprig's list functions start with `reflect.TypeOf(list).Kind()`, which
    /// panics on nil; otherwise they report the kind they cannot handle.
    static func listElements(_ v: GoValue, orFail message: (String) -> String) throws -> [GoValue] {
        if v.isNil { throw nilDereference }
        guard let items = elements(v) else { throw fail(message(v.goKindName)) }
        return items
    }

    // MARK: spf13/cast conversions (int, int64, float64 and Sprig's math)

    /// cast.ToInt64: floats truncate, strings parse with Go's base prefixes after a
    /// trailing `.0…` is trimmed, bools are 0/1, anything unusable is 0.
    static func toInt64(_ v: GoValue) -> Int64 {
        switch v {
        case .int(let i): return Int64(i)
        case .int64(let i): return i
        case .float64(let d): return goTruncate(d)
        case .string(let s): return GoSyntax.parseInt(trimZeroDecimal(s)) ?? 0
        case .bool(let b): return b ? 1 : 0
        default: return 0
        }
    }

    /// cast.ToFloat64: strings through strconv.ParseFloat, bools 0/1, else 0.
    static func toFloat64(_ v: GoValue) -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .int64(let i): return Double(i)
        case .float64(let d): return d
        case .string(let s): return GoSyntax.parseFloat(s) ?? 0
        case .bool(let b): return b ? 1 : 0
        default: return 0
        }
    }

    /// Go's float64 → int64 conversion on amd64: out of range and NaN give the minimum.
    static func goTruncate(_ d: Double) -> Int64 {
        guard d.isFinite, d > -9223372036854775809.0, d < 9223372036854775808.0 else { return .min }
        return Int64(d)
    }

    /// cast's trimZeroDecimal: `12.00` → `12`, `12.01` unchanged.
    static func trimZeroDecimal(_ s: String) -> String {
        let bytes = Array(s.utf8)
        var foundZero = false
        var i = bytes.count
        while i > 0 {
            switch bytes[i - 1] {
            case UInt8(ascii: "."):
                if foundZero { return String(decoding: bytes[0..<(i - 1)], as: UTF8.self) }
            case UInt8(ascii: "0"):
                foundZero = true
            default:
                return s
            }
            i -= 1
        }
        return s
    }
}

extension Fn {
    /// Sprig's `strval`: strings and byte slices as text, everything else `%v`.
    static func strval(_ v: GoValue) -> String {
        switch v {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        default: return GoFormat.string(v)
        }
    }
}
