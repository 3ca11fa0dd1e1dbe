import YAML

/// Type conversions and reflection (HELM-NOTES §3.5, §3.6): spf13/cast's
/// `int`/`int64`/`float64`, `atoi`, `toDecimal`, `kindOf`, `typeOf`,
/// `deepEqual` and their `Is` forms.
enum ConversionFunctions {
    static let all: [TemplateFunction] = [
        Fn.make("int", [.any]) { .int(Int(Fn.toInt64($0[0]))) },
        Fn.make("int64", [.any]) { .int64(Fn.toInt64($0[0])) },
        Fn.make("float64", [.any]) { .float64(Fn.toFloat64($0[0])) },
        // strconv.Atoi: decimal only, errors give 0.
        Fn.make("atoi", [.string]) { a in
            let s = try Fn.string(a[0])
            return .int(isDecimal(s) ? Int(GoSyntax.parseInt(s) ?? 0) : 0)
        },
        // strconv.ParseInt(fmt.Sprint(v), 8, 64), errors give 0.
        Fn.make("toDecimal", [.any]) { a in .int64(parseOctal(GoFormat.string(a[0])) ?? 0) },
        Fn.make("kindOf", [.any]) { .string($0[0].goKindName) },
        Fn.make("kindIs", [.string, .any]) { a in .bool(try Fn.string(a[0]) == a[1].goKindName) },
        Fn.make("typeOf", [.any]) { .string($0[0].goTypeName) },
        Fn.make("typeIs", [.string, .any]) { a in .bool(try Fn.string(a[0]) == a[1].goTypeName) },
        Fn.make("typeIsLike", [.string, .any]) { a in
            let target = try Fn.string(a[0])
            return .bool(target == a[1].goTypeName || "*" + target == a[1].goTypeName)
        },
        Fn.make("deepEqual", [.any, .any]) { a in .bool(GoValue.deepEqual(a[0], a[1])) },
    ]

    /// Atoi's syntax: optional sign, then decimal digits only.
    private static func isDecimal(_ s: String) -> Bool {
        var bytes = Substring(s).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    private static func parseOctal(_ s: String) -> Int64? {
        var bytes = Substring(s).utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var value: UInt64 = 0
        for b in bytes {
            guard b >= 48 && b <= 55 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 8)
            let (v, o2) = m.addingReportingOverflow(UInt64(b - 48))
            if o1 || o2 { return nil }
            value = v
        }
        if negative { return value <= UInt64(1) << 63 ? Int64(truncatingIfNeeded: 0 &- value) : nil }
        return value < UInt64(1) << 63 ? Int64(value) : nil
    }
}
