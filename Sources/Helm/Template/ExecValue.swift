/// A value during execution, with what Go's reflect.Value would also know:
/// whether its static type is `interface{}` ("boxed": it came out of a map or
/// a `[]interface{}`). Go's messages depend on it (`can't evaluate field x in
/// type interface {}` versus `… in type string`), and a boxed nil is nil₁
/// while an unboxed one is nil₂ (HELM-NOTES §1.6).
struct ExecValue {
    var value: GoValue
    var boxed: Bool

    init(_ value: GoValue, boxed: Bool) {
        self.value = value
        self.boxed = boxed
    }

    /// What a pipeline stage leaves behind: Go digs into `interface{}` values,
    /// so a nil interface becomes the invalid value (nil₂).
    var unwrapped: ExecValue {
        if case .missing = value { return ExecValue(.invalid, boxed: false) }
        return ExecValue(value, boxed: false)
    }

    static var invalid: ExecValue { ExecValue(.invalid, boxed: false) }

    /// Go's type name of the value's static type, as error messages print it.
    var staticTypeName: String {
        if boxed { return "interface {}" }
        return value.goTypeName
    }
}

/// The node an execution error is reported at (Go's `state.node`).
enum NodeRef {
    case none
    case argument(Argument)
    case command(CommandNode)
    case pipe(PipeNode)
    case template(TemplateCallNode)
    case action(ActionNode)

    var position: Int {
        switch self {
        case .none: return 0
        case .argument(let a): return a.position
        case .command(let c): return c.position
        case .pipe(let p): return p.position
        case .template(let t): return t.position
        case .action(let a): return a.position
        }
    }

    /// Go's `Node.String()`.
    var description: String {
        switch self {
        case .none: return ""
        case .argument(let a): return a.description
        case .command(let c): return c.description
        case .pipe(let p): return p.description
        case .template(let t):
            if let pipe = t.pipe { return "{{template \(GoQuote.quote(t.name)) \(pipe.description)}}" }
            return "{{template \(GoQuote.quote(t.name))}}"
        case .action(let a): return "{{" + a.pipe.description + "}}"
        }
    }
}

/// `break` and `continue` travel up to their `range` as thrown signals.
enum LoopSignal: Error {
    case breakLoop
    case continueLoop
}
