/// A value as Go's text/template sees it while Helm renders a chart.
///
/// Go keeps apart what YAML's `Value` does not need to: `int` (template
/// literals, `len`) from `int64` (`--set`, Sprig math) from `float64` (every
/// number read from YAML or JSON), `[]interface{}` from `[]string`, and two
/// kinds of nil (HELM-NOTES §1.6). Maps are Go maps: shared by reference, so
/// `set`, `unset` and `mergeOverwrite` mutate them in place, which Istio's
/// `zzz_profile.yaml` relies on.
///
/// Function bodies never receive `.invalid`: the engine hands them `.missing`
/// for every nil argument, as Go's reflect call does.
public enum GoValue {
    /// A nil `interface{}`: a missing map key, a YAML null (HELM-NOTES "nil₁").
    case missing
    /// The invalid reflect.Value a parenthesised pipeline yields for nil ("nil₂"):
    /// field access on it is not an error.
    case invalid
    case bool(Bool)
    /// Go `int` (64-bit here).
    case int(Int)
    case int64(Int64)
    case float64(Double)
    /// `complex128`: only template constants such as `1i` or `1+2i` produce it.
    case complex128(Double, Double)
    case string(String)
    /// `[]interface{}`.
    case list([GoValue])
    /// `[]string` (what `splitList`, `keys`, `sortAlpha` return).
    case stringList([String])
    /// `map[string]interface{}`.
    case map(GoMap)
    /// `[]byte` (`.Files.GetBytes`); prints as `[104 105]`.
    case bytes([UInt8])
    /// A Helm built-in with fields and methods (`.Files`, `.Capabilities`, …).
    case object(any GoObject)
}

/// A Go `map[string]interface{}`: one shared, mutable storage.
/// Iteration order is not meaningful; `range`, `toJson` and `toYaml` sort keys.
public final class GoMap {
    public var storage: [String: GoValue]
    /// Go's name of the map's type: `map[string]interface {}`, or `common.Values`
    /// for Helm's top-level data and `.Values` (what `typeOf` prints).
    public var goTypeName: String

    public init(_ storage: [String: GoValue] = [:], goTypeName: String = GoMap.plainTypeName) {
        self.storage = storage
        self.goTypeName = goTypeName
    }

    public static let plainTypeName = "map[string]interface {}"

    public subscript(key: String) -> GoValue? {
        get { storage[key] }
        set { storage[key] = newValue }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    /// Keys in Go's bytewise order, the order `range` visits them.
    public var sortedKeys: [String] { storage.keys.sorted(by: goStringLess) }
}

/// Go's string order: bytewise on UTF-8.
@inlinable public func goStringLess(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// A Helm built-in object reached with `.Name` fields and called methods
/// (`.Files`, `.Capabilities`, `.Capabilities.APIVersions`, …).
public protocol GoObject: AnyObject {
    /// Go's type name, used by `typeOf` and in error messages (e.g. `engine.files`).
    var goTypeName: String { get }
    /// What the object is underneath: it decides printing, `range`, `len`,
    /// `index` and truthiness.
    var shape: GoObjectShape { get }
    /// The value of field (or map key) `name`, or nil when there is no such field.
    func field(_ name: String) -> GoValue?
    /// Method `name` as a function whose arguments the engine checks like any
    /// other call; nil when there is no such method.
    func method(_ name: String) -> GoMethod?
    /// For a struct: its field names in declaration order (unexported ones
    /// too), which `%+v` and `%#v` print. Empty means the names are unknown.
    var fieldNames: [String] { get }
}

extension GoObject {
    public var fieldNames: [String] { [] }
}

/// The Go kind behind a `GoObject`.
public enum GoObjectShape {
    /// A map type (`engine.files` is `map[string][]byte`).
    case map(GoMap)
    /// A `[]string` type (`common.VersionSet`).
    case stringList([String])
    /// A struct, or a pointer to one: fields in declaration order, printed `{a b}`.
    /// `stringer` is what `{{ x }}` prints when the type has a String method.
    case structure(fields: [GoValue], stringer: String?)
}

extension GoValue {
    /// Go's template truth (`if`, `with`, `and`, `or`, `not`, Sprig's `empty`):
    /// false for nil, false, 0, "" and empty collections.
    public var isTrue: Bool {
        switch self {
        case .missing, .invalid: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .int64(let i): return i != 0
        case .float64(let d): return d != 0
        case .complex128(let re, let im): return re != 0 || im != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .stringList(let l): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        case .bytes(let b): return !b.isEmpty
        case .object(let o):
            switch o.shape {
            case .map(let m): return !m.isEmpty
            case .stringList(let l): return !l.isEmpty
            case .structure: return true
            }
        }
    }

    /// True for both kinds of nil.
    public var isNil: Bool {
        switch self {
        case .missing, .invalid: return true
        default: return false
        }
    }

    /// Go's type name as `%T` and `typeOf` print it; `<nil>` for nil.
    public var goTypeName: String {
        switch self {
        case .missing, .invalid: return "<nil>"
        case .bool: return "bool"
        case .int: return "int"
        case .int64: return "int64"
        case .float64: return "float64"
        case .complex128: return "complex128"
        case .string: return "string"
        case .list: return "[]interface {}"
        case .stringList: return "[]string"
        case .map(let m): return m.goTypeName
        case .bytes: return "[]uint8"
        case .object(let o): return o.goTypeName
        }
    }

    /// Go's reflect kind name as Sprig's `kindOf` prints it; `invalid` for nil.
    public var goKindName: String {
        switch self {
        case .missing, .invalid: return "invalid"
        case .bool: return "bool"
        case .int: return "int"
        case .int64: return "int64"
        case .float64: return "float64"
        case .complex128: return "complex128"
        case .string: return "string"
        case .list, .stringList, .bytes: return "slice"
        case .map: return "map"
        case .object(let o):
            switch o.shape {
            case .map: return "map"
            case .stringList: return "slice"
            case .structure: return o.goTypeName.hasPrefix("*") ? "ptr" : "struct"
            }
        }
    }
}
