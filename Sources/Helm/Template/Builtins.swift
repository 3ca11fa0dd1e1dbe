/// Go's template builtins (text/template/funcs.go): and, or, not, len, index,
/// eq, ne, lt, le, gt, ge, print, printf, println, html, js, urlquery, call.
/// Sprig's `slice` replaces Go's, so Go's is not here (HELM-NOTES §1.8).
enum Builtins {
    enum Function: Equatable {
        case and, or, not, len, index, eq, ne, lt, le, gt, ge, print, printf, println, html, js, urlquery, call
    }

    struct Entry {
        let function: Function
        let parameters: [Executor.ParameterKind]
        let variadic: Executor.ParameterKind?
    }

    static func isBuiltin(_ name: String) -> Bool { lookup(name) != nil }

    static func lookup(_ name: String) -> Entry? {
        let value = Executor.ParameterKind.reflectValue
        let any = Executor.ParameterKind.typed(.any)
        switch name {
        case "and": return Entry(function: .and, parameters: [value], variadic: value)
        case "or": return Entry(function: .or, parameters: [value], variadic: value)
        case "not": return Entry(function: .not, parameters: [value], variadic: nil)
        case "len": return Entry(function: .len, parameters: [value], variadic: nil)
        case "index": return Entry(function: .index, parameters: [value], variadic: value)
        case "eq": return Entry(function: .eq, parameters: [value], variadic: value)
        case "ne": return Entry(function: .ne, parameters: [value, value], variadic: nil)
        case "lt": return Entry(function: .lt, parameters: [value, value], variadic: nil)
        case "le": return Entry(function: .le, parameters: [value, value], variadic: nil)
        case "gt": return Entry(function: .gt, parameters: [value, value], variadic: nil)
        case "ge": return Entry(function: .ge, parameters: [value, value], variadic: nil)
        case "print": return Entry(function: .print, parameters: [], variadic: any)
        case "printf": return Entry(function: .printf, parameters: [.typed(.string)], variadic: any)
        case "println": return Entry(function: .println, parameters: [], variadic: any)
        case "html": return Entry(function: .html, parameters: [], variadic: any)
        case "js": return Entry(function: .js, parameters: [], variadic: any)
        case "urlquery": return Entry(function: .urlquery, parameters: [], variadic: any)
        case "call": return Entry(function: .call, parameters: [value], variadic: value)
        default: return nil
        }
    }

    static func call(_ function: Function, _ argv: [ExecValue], calleeName: String) throws -> ExecValue {
        func result(_ value: GoValue) -> ExecValue { ExecValue(value, boxed: false) }
        switch function {
        case .and, .or:
            // Handled by the executor, which short-circuits.
            return argv.last ?? .invalid
        case .not:
            return result(.bool(!argv[0].value.isTrue))
        case .len:
            return result(.int(try length(argv[0].value)))
        case .index:
            return try index(argv[0], argv.dropFirst())
        case .eq:
            return result(.bool(try equal(argv[0].value, argv.dropFirst().map(\.value))))
        case .ne:
            return result(.bool(!(try equal(argv[0].value, [argv[1].value]))))
        case .lt:
            return result(.bool(try less(argv[0].value, argv[1].value)))
        case .le:
            return result(.bool(try lessOrEqual(argv[0].value, argv[1].value)))
        case .gt:
            return result(.bool(!(try lessOrEqual(argv[0].value, argv[1].value))))
        case .ge:
            return result(.bool(!(try less(argv[0].value, argv[1].value))))
        case .print:
            return result(.string(GoFormat.sprint(argv.map(\.value.asArgument))))
        case .printf:
            guard case .string(let format) = argv[0].value else { return result(.string("")) }
            return result(.string(GoFormat.sprintf(format, argv.dropFirst().map(\.value.asArgument))))
        case .println:
            return result(.string(GoFormat.sprintln(argv.map(\.value.asArgument))))
        case .html:
            return result(.string(WebEscaping.html(escapeArguments(argv))))
        case .js:
            return result(.string(WebEscaping.javaScript(escapeArguments(argv))))
        case .urlquery:
            return result(.string(WebEscaping.queryComponent(escapeArguments(argv))))
        case .call:
            if argv[0].value.isNil { throw TemplateFunctionError("call of nil") }
            throw TemplateFunctionError("non-function \(calleeName) of type \(argv[0].value.goTypeName)")
        }
    }

    /// The text html, js and urlquery escape: a lone string as is, otherwise
    /// `fmt.Sprint` of the arguments with nil shown as `<no value>`.
    private static func escapeArguments(_ argv: [ExecValue]) -> String {
        if argv.count == 1, case .string(let s) = argv[0].value { return s }
        return GoFormat.sprint(argv.map { $0.value.isNil ? .string("<no value>") : $0.value })
    }

    // MARK: len and index

    private static func length(_ value: GoValue) throws -> Int {
        switch value {
        case .missing: throw TemplateFunctionError("len of nil pointer")
        case .invalid: throw TemplateFunctionError("reflect: call of reflect.Value.Type on zero Value")
        case .string(let s): return s.utf8.count
        case .list(let l): return l.count
        case .stringList(let l): return l.count
        case .map(let m): return m.count
        case .bytes(let b): return b.count
        case .object(let object):
            switch object.shape {
            case .map(let m): return m.count
            case .stringList(let l): return l.count
            case .structure: throw TemplateFunctionError("len of type \(value.goTypeName)")
            }
        default: throw TemplateFunctionError("len of type \(value.goTypeName)")
        }
    }

    private static func index(_ item: ExecValue, _ indexes: ArraySlice<ExecValue>) throws -> ExecValue {
        var current = item
        if current.value.isNil { throw TemplateFunctionError("index of untyped nil") }
        for indexValue in indexes {
            let key = indexValue.value
            switch current.value {
            case .missing, .invalid:
                throw TemplateFunctionError("index of nil pointer")
            case .list(let items):
                current = ExecValue(items[try position(key, count: items.count, kind: "slice")], boxed: true)
            case .stringList(let items):
                current = ExecValue(.string(items[try position(key, count: items.count, kind: "slice")]), boxed: false)
            case .bytes(let items):
                current = ExecValue(.int(Int(items[try position(key, count: items.count, kind: "slice")])), boxed: false)
            case .string(let s):
                let bytes = Array(s.utf8)
                current = ExecValue(.int(Int(bytes[try position(key, count: bytes.count, kind: "string")])), boxed: false)
            case .map(let map):
                current = ExecValue(map.storage[try mapKey(key)] ?? .missing, boxed: true)
            case .object(let object):
                switch object.shape {
                case .map(let map):
                    current = ExecValue(map.storage[try mapKey(key)] ?? .bytes([]), boxed: false)
                case .stringList(let items):
                    current = ExecValue(.string(items[try position(key, count: items.count, kind: "slice")]), boxed: false)
                case .structure:
                    throw TemplateFunctionError("can't index item of type \(current.value.goTypeName)")
                }
            default:
                throw TemplateFunctionError("can't index item of type \(current.value.goTypeName)")
            }
        }
        return current
    }

    private static func position(_ key: GoValue, count: Int, kind: String) throws -> Int {
        let x: Int
        switch key {
        case .int(let i): x = i
        case .int64(let i): x = Int(i)
        case .missing, .invalid: throw TemplateFunctionError("cannot index slice/array with nil")
        default: throw TemplateFunctionError("cannot index slice/array with type \(key.goTypeName)")
        }
        if x < 0 || x > count { throw TemplateFunctionError("index out of range: \(x)") }
        if x == count { throw TemplateFunctionError("reflect: \(kind) index out of range") }
        return x
    }

    private static func mapKey(_ key: GoValue) throws -> String {
        switch key {
        case .string(let s): return s
        case .missing, .invalid: throw TemplateFunctionError("value is nil; should be of type string")
        default: throw TemplateFunctionError("value has type \(key.goTypeName); should be string")
        }
    }

    // MARK: Comparison

    private enum BasicKind: Equatable {
        case invalid, bool, int, float, complex, string
    }

    private static func basicKind(_ value: GoValue) -> BasicKind {
        switch value {
        case .bool: return .bool
        case .int, .int64: return .int
        case .float64: return .float
        case .complex128: return .complex
        case .string: return .string
        default: return .invalid
        }
    }

    private static func integer(_ value: GoValue) -> Int64 {
        switch value {
        case .int(let i): return Int64(i)
        case .int64(let i): return i
        default: return 0
        }
    }

    /// `eq a b c…`: true when `a` equals any of the others.
    private static func equal(_ first: GoValue, _ others: [GoValue]) throws -> Bool {
        if others.isEmpty { throw TemplateFunctionError("missing argument for comparison") }
        let k1 = basicKind(first)
        for other in others {
            let k2 = basicKind(other)
            var truth = false
            if k1 != k2 {
                if !first.isNil && !other.isNil {
                    throw TemplateFunctionError(
                        "incompatible types for comparison: \(first.goTypeName) and \(other.goTypeName)")
                }
            } else {
                switch (first, other) {
                case (.bool(let a), .bool(let b)): truth = a == b
                case (.float64(let a), .float64(let b)): truth = a == b
                case (.complex128(let a, let b), .complex128(let c, let d)): truth = a == c && b == d
                case (.string(let a), .string(let b)): truth = a == b
                default:
                    if k1 == .int {
                        truth = integer(first) == integer(other)
                    } else {
                        truth = try equalNonBasic(first, other)
                    }
                }
            }
            if truth { return true }
        }
        return false
    }

    /// Maps, slices, objects and nil: nil equals only nil; maps and slices cannot be compared.
    private static func equalNonBasic(_ a: GoValue, _ b: GoValue) throws -> Bool {
        if a.isNil || b.isNil { return a.isNil == b.isNil }
        if a.goKindName != b.goKindName {
            throw TemplateFunctionError(
                "non-comparable types \(GoFormat.sprintf("%s", [a])): \(a.goTypeName), \(b.goTypeName): \(GoFormat.string(b))")
        }
        if let timeA = a.goTime, let timeB = b.goTime { return timeA.isIdentical(to: timeB) }
        switch b {
        case .object(let objectB):
            if case .object(let objectA) = a, case .structure = objectB.shape { return objectA === objectB }
        default: break
        }
        throw TemplateFunctionError("non-comparable type \(GoFormat.sprintf("%s", [b])): \(b.goTypeName)")
    }

    private static func less(_ a: GoValue, _ b: GoValue) throws -> Bool {
        let k1 = basicKind(a)
        let k2 = basicKind(b)
        if k1 == .invalid || k2 == .invalid { throw TemplateFunctionError("invalid type for comparison") }
        if k1 != k2 {
            throw TemplateFunctionError("incompatible types for comparison: \(a.goTypeName) and \(b.goTypeName)")
        }
        switch (a, b) {
        case (.float64(let x), .float64(let y)): return x < y
        case (.string(let x), .string(let y)): return goStringLess(x, y)
        default:
            if k1 == .int { return integer(a) < integer(b) }
            throw TemplateFunctionError("invalid type for comparison")
        }
    }

    private static func lessOrEqual(_ a: GoValue, _ b: GoValue) throws -> Bool {
        if try less(a, b) { return true }
        return try equal(a, [b])
    }
}
