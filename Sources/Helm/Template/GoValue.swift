/// A value as Go's text/template sees it while Helm renders a chart.
///
/// Go keeps apart what YAML's `Value` does not need to: `int` (template
/// literals, `len`) from `int64` (`--set`, Sprig math) from `float64` (every
/// number read from YAML or JSON), `[]interface{}` from `[]string`, and two
/// kinds of nil (HELM-NOTES §1.6). Maps are Go maps: shared by reference, so
/// `set`, `unset` and `mergeOverwrite` mutate them in place, which Istio's
/// `zzz_profile.yaml` relies on.
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

    public init(_ storage: [String: GoValue] = [:]) {
        self.storage = storage
    }

    public subscript(key: String) -> GoValue? {
        get { storage[key] }
        set { storage[key] = newValue }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    /// Keys in Go's bytewise order, the order `range` visits them.
    public var sortedKeys: [String] { storage.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
}

/// A Helm built-in object reached with `.Name` fields and called methods.
public protocol GoObject: AnyObject {
    /// Go's type name, used by `typeOf` and in error messages (e.g. `chart.Files`).
    var goTypeName: String { get }
    /// The value of field `name`, or nil when the object has no such field or method.
    func field(_ name: String) -> GoValue?
    /// Calls method `name` with `arguments`; nil when there is no such method.
    func callMethod(_ name: String, _ arguments: [GoValue]) throws -> GoValue?
    /// How `{{ . }}` / `%v` prints the object.
    var printed: String { get }
}
