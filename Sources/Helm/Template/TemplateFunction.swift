/// The contract between the template engine and the function library
/// (Go builtins, Sprig, Helm's own functions).
///
/// Each function declares its Go parameter types; the engine checks and converts
/// arguments exactly as Go's reflect-based call does (untyped constants convert,
/// a float64 value does not fit an `int` parameter, nil₁ fails a map parameter
/// while nil₂ passes as a nil map — HELM-NOTES §1.6) before `body` runs.

/// A Go parameter type as it matters for argument checking.
public enum GoParameterType: Sendable, Equatable {
    /// `interface{}`: anything, both kinds of nil included.
    case any
    case string
    case int
    case int64
    case float64
    case bool
    /// `map[string]interface{}`.
    case map
    /// `[]interface{}`.
    case list
    /// `[]string`.
    case stringList
    /// Go's `time.Time` (a `GoTimeObject`).
    case time
    /// `uint32`: only a non-negative number constant fits (Go's SetUint keeps its
    /// low 32 bits); the body receives it as `.int64`.
    case uint32
    /// A struct type such as `sprig.certificate`: a `GoObject` whose `goTypeName` is this.
    case object(String)
}

/// What a function body can ask of the engine that runs it.
public protocol TemplateRuntime: AnyObject {
    /// Helm's `include`: runs the named template with `data` as dot and `$` and
    /// returns its output (`<no value>` kept). Counts nesting (more than 1000
    /// levels of one name is an error) and throws the engine's error, which the
    /// engine then reports as `error calling include: …`.
    func include(_ name: String, _ data: GoValue) throws -> String
    /// Helm's `tpl`: parses `text` in a clone of the current template set (its
    /// `define`s stay local), runs it with `data`, removes `<no value>`.
    func tpl(_ text: String, _ data: GoValue) throws -> String
    /// Remembers pure work on text for the rest of the render (Istio's base chart
    /// parses each CRD with fromYaml twice): the value `compute` gave for `key`
    /// before, or what it gives now. Stored values are shared; copy maps before
    /// handing them to templates, which may change them.
    func memoized<T>(_ key: String, _ compute: () -> T) -> T
    /// The clock, local time zone and randomness the render reads.
    var environment: TemplateEnvironment { get }
}

extension TemplateRuntime {
    /// Without a memory: computes every time.
    public func memoized<T>(_ key: String, _ compute: () -> T) -> T { compute() }
    /// The real clock, zone and random numbers.
    public var environment: TemplateEnvironment { .system() }
}

/// An error a function reports; the engine wraps it as Go does
/// (`error calling NAME: MESSAGE`), except for `fail`/`required`, which Helm
/// reports as `execution error at (FILE:LINE:COL): MESSAGE`.
public struct TemplateFunctionError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// An ordinary error returned by the function.
        case call
        /// `fail` and `required`: the user's message, shown verbatim.
        case userFailure
    }
    public var kind: Kind
    public var message: String
    public init(_ message: String, kind: Kind = .call) {
        self.kind = kind
        self.message = message
    }
}

/// A method of a `GoObject` (`.Files.Get`, `.Capabilities.APIVersions.Has`):
/// declared parameter types, checked by the engine like a function's.
public struct GoMethod {
    public typealias Body = (_ arguments: [GoValue]) throws -> GoValue

    public var parameters: [GoParameterType]
    public var variadic: GoParameterType?
    public var body: Body

    public init(_ parameters: [GoParameterType], variadic: GoParameterType? = nil, body: @escaping Body) {
        self.parameters = parameters
        self.variadic = variadic
        self.body = body
    }
}

/// One entry of the function table.
public struct TemplateFunction: Sendable {
    public typealias Body = @Sendable (_ runtime: any TemplateRuntime, _ arguments: [GoValue]) throws -> GoValue

    public var name: String
    /// Fixed parameters, in order.
    public var parameters: [GoParameterType]
    /// Type of the trailing variadic parameter (`...T`), if any.
    public var variadic: GoParameterType?
    public var body: Body

    public init(
        _ name: String, _ parameters: [GoParameterType], variadic: GoParameterType? = nil, body: @escaping Body
    ) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.body = body
    }
}
