/// Function and method calls: argument counting, evaluation and conversion to
/// the declared parameter types, exactly as Go's reflect-based call does
/// (HELM-NOTES §1.2, §1.6), and error wrapping (`error calling NAME: …`).
extension Executor {
    /// What a parameter accepts.
    enum ParameterKind {
        case typed(GoParameterType)
        /// Go's builtins take `reflect.Value`: anything, both kinds of nil kept apart.
        case reflectValue
        /// No type at all (the operand a field chain starts from).
        case untyped

        var goName: String {
            switch self {
            case .typed(let type): return type.goName
            case .reflectValue: return "reflect.Value"
            case .untyped: return "<nil>"
            }
        }

        var canBeNil: Bool {
            switch self {
            case .typed(let type):
                switch type {
                case .any, .map, .list, .stringList: return true
                default: return false
                }
            case .reflectValue, .untyped: return true
            }
        }
    }

    /// Who is called.
    enum Callee {
        case function(TemplateFunction.Body)
        case method(GoMethod.Body)
        case builtin(Builtins.Function)
    }

    func evalFunction(
        _ dot: ExecValue, _ name: String, identifier: Argument, command: NodeRef, arguments: [Argument]?,
        final: ExecValue?
    ) throws -> ExecValue {
        node = .argument(identifier)
        if let function = set.functions[name] {
            return try evalCall(
                dot, name: name, parameters: function.parameters.map(ParameterKind.typed),
                variadic: function.variadic.map(ParameterKind.typed), call: .function(function.body), at: command,
                arguments: arguments, final: final)
        }
        if let builtin = Builtins.lookup(name) {
            return try evalCall(
                dot, name: name, parameters: builtin.parameters, variadic: builtin.variadic, call: .builtin(builtin.function),
                at: command, arguments: arguments, final: final)
        }
        throw failure("\(GoQuote.quote(name)) is not a defined function")
    }

    func evalCall(
        _ dot: ExecValue, name: String, parameters: [ParameterKind], variadic: ParameterKind?, call: Callee,
        at callNode: NodeRef, arguments: [Argument]?, final: ExecValue?
    ) throws -> ExecValue {
        let args: ArraySlice<Argument> = arguments.map { $0.dropFirst() } ?? []
        let numIn = args.count + (final == nil ? 0 : 1)
        let numFixed: Int
        if variadic != nil {
            numFixed = parameters.count
            if numIn < numFixed {
                throw failure("wrong number of args for \(name): want at least \(parameters.count) got \(args.count)")
            }
        } else {
            numFixed = args.count
            if numIn != parameters.count {
                throw failure("wrong number of args for \(name): want \(parameters.count) got \(numIn)")
            }
        }

        // and/or evaluate their arguments one by one and stop early.
        if case .builtin(let builtin) = call, builtin == .and || builtin == .or {
            let stopWhen = builtin == .or
            var value = ExecValue.invalid
            for argument in args {
                value = try evalArgument(dot, .reflectValue, argument)
                if value.value.isTrue == stopWhen { return value }
            }
            if let final { value = final }
            return value
        }

        var argv: [ExecValue] = []
        argv.reserveCapacity(numIn)
        var i = args.startIndex
        while i - args.startIndex < numFixed && i < args.endIndex {
            argv.append(try evalArgument(dot, parameters[i - args.startIndex], args[i]))
            i += 1
        }
        if let variadic {
            while i < args.endIndex {
                argv.append(try evalArgument(dot, variadic, args[i]))
                i += 1
            }
        }
        if let final {
            var kind = parameters.last ?? .untyped
            if let variadic { kind = numIn - 1 < numFixed ? parameters[numIn - 1] : variadic }
            argv.append(try validateType(final, kind))
        }

        do {
            switch call {
            case .function(let body):
                let result = try body(execution, argv.map(\.value.asArgument))
                return ExecValue(result, boxed: result.isNil)
            case .method(let body):
                let result = try body(argv.map(\.value.asArgument))
                return ExecValue(result, boxed: result.isNil)
            case .builtin(let builtin):
                return try Builtins.call(builtin, argv, calleeName: args.first?.description ?? "")
            }
        } catch let error as TemplateFunctionError {
            node = callNode
            let inner = error.kind == .userFailure
                ? TemplateError.userFailureStart + error.message + TemplateError.userFailureEnd : error.message
            throw failure("error calling \(name): \(inner)", wrapping: [inner])
        } catch let error as TemplateError {
            node = callNode
            throw failure("error calling \(name): \(error.goMessage)", wrapping: error.chain)
        }
    }

    /// Evaluates one argument for a parameter of the given kind (Go's evalArg).
    func evalArgument(_ dot: ExecValue, _ kind: ParameterKind, _ argument: Argument) throws -> ExecValue {
        node = .argument(argument)
        switch argument {
        case .dot:
            return try validateType(dot, kind)
        case .nilValue:
            if kind.canBeNil { return .invalid }
            throw failure("cannot assign nil to \(kind.goName)")
        case .field(_, let identifiers):
            let value = try evalFieldChain(dot, dot, argument, identifiers[...], arguments: [argument], final: nil)
            return try validateType(value, kind)
        case .variable(let variable):
            return try validateType(try evalVariable(dot, variable, arguments: nil, final: nil), kind)
        case .pipe(let pipe):
            return try validateType(try evalPipeline(dot, pipe), kind)
        case .identifier(_, let name):
            let value = try evalFunction(
                dot, name, identifier: argument, command: .argument(argument), arguments: nil, final: nil)
            return try validateType(value, kind)
        case .chain:
            return try validateType(try evalChain(dot, argument, arguments: nil, final: nil), kind)
        case .bool(_, let value):
            switch kind {
            case .typed(.bool), .typed(.any), .reflectValue, .untyped: return ExecValue(.bool(value), boxed: false)
            default: break
            }
        case .number(let number):
            switch kind {
            case .typed(.int):
                if let i = number.intValue { return ExecValue(.int(Int(i)), boxed: false) }
                throw failure("expected integer; found \(argument.description)")
            case .typed(.int64):
                if let i = number.intValue { return ExecValue(.int64(i), boxed: false) }
                throw failure("expected integer; found \(argument.description)")
            case .typed(.uint32):
                if let u = number.uintValue { return ExecValue(.int64(Int64(UInt32(truncatingIfNeeded: u))), boxed: false) }
                throw failure("expected unsigned integer; found \(argument.description)")
            case .typed(.float64):
                if let f = number.floatValue { return ExecValue(.float64(f), boxed: false) }
                throw failure("expected float; found \(argument.description)")
            case .typed(.any), .reflectValue, .untyped:
                return ExecValue(try idealConstant(number), boxed: false)
            default: break
            }
        case .string(_, _, let value):
            switch kind {
            case .typed(.string), .typed(.any), .reflectValue, .untyped: return ExecValue(.string(value), boxed: false)
            default: break
            }
        }
        switch kind {
        case .typed(.bool): throw failure("expected bool; found \(argument.description)")
        case .typed(.int), .typed(.int64): throw failure("expected integer; found \(argument.description)")
        case .typed(.uint32): throw failure("expected unsigned integer; found \(argument.description)")
        case .typed(.float64): throw failure("expected float; found \(argument.description)")
        case .typed(.string): throw failure("expected string; found \(argument.description)")
        default: throw failure("can't handle \(argument.description) for arg of type \(kind.goName)")
        }
    }

    /// Checks (and where Go would, converts) a value for a parameter (Go's validateType).
    func validateType(_ value: ExecValue, _ kind: ParameterKind) throws -> ExecValue {
        guard case .typed(let type) = kind else { return value }
        if case .invalid = value.value {
            if kind.canBeNil { return value }
            throw failure("invalid value; expected \(type.goName)")
        }
        if type == .any { return value }
        if case .missing = value.value {
            throw failure("wrong type for value; expected \(type.goName); got interface {}")
        }
        switch (type, value.value) {
        case (.string, .string), (.int, .int), (.int64, .int64), (.float64, .float64), (.bool, .bool),
            (.map, .map), (.list, .list), (.stringList, .stringList):
            return ExecValue(value.value, boxed: false)
        case (.stringList, .object(let object)):
            if case .stringList(let items) = object.shape { return ExecValue(.stringList(items), boxed: false) }
        case (.time, .object(let object)):
            if object is GoTimeObject { return ExecValue(value.value, boxed: false) }
        case (.object(let name), .object(let object)):
            if object.goTypeName == name { return ExecValue(value.value, boxed: false) }
        default:
            break
        }
        throw failure("wrong type for value; expected \(type.goName); got \(value.value.goTypeName)")
    }
}

extension GoValue {
    /// How a function body receives the value: both kinds of nil arrive as `.missing`.
    var asArgument: GoValue {
        if case .invalid = self { return .missing }
        return self
    }
}

extension GoParameterType {
    /// Go's name of the type, as argument errors print it.
    public var goName: String {
        switch self {
        case .any: return "interface {}"
        case .string: return "string"
        case .int: return "int"
        case .int64: return "int64"
        case .float64: return "float64"
        case .bool: return "bool"
        case .map: return "map[string]interface {}"
        case .list: return "[]interface {}"
        case .stringList: return "[]string"
        case .time: return "time.Time"
        case .uint32: return "uint32"
        case .object(let name): return name
        }
    }
}
