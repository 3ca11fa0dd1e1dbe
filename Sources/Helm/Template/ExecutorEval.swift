/// Evaluation of pipelines, commands, fields and arguments (Go's exec.go),
/// including Helm's `missingkey=zero` and the two kinds of nil.
extension Executor {
    func evalPipeline(_ dot: ExecValue, _ pipe: PipeNode) throws -> ExecValue {
        node = .pipe(pipe)
        var value: ExecValue?
        for command in pipe.commands {
            value = try evalCommand(dot, command, final: value).unwrapped
        }
        let result = value ?? .invalid
        for variable in pipe.declarations {
            if pipe.isAssign {
                try setVariable(variable.identifiers[0], result)
            } else {
                push(variable.identifiers[0], result)
            }
        }
        return result
    }

    /// One command; `final` is the previous command's value, passed as the last argument.
    func evalCommand(_ dot: ExecValue, _ command: CommandNode, final: ExecValue?) throws -> ExecValue {
        let first = command.arguments[0]
        switch first {
        case .field(_, let identifiers):
            node = .argument(first)
            return try evalFieldChain(dot, dot, first, identifiers[...], arguments: command.arguments, final: final)
        case .chain:
            return try evalChain(dot, first, arguments: command.arguments, final: final)
        case .identifier(_, let name):
            return try evalFunction(dot, name, identifier: first, command: .command(command), arguments: command.arguments, final: final)
        case .pipe(let pipe):
            try notAFunction(command.arguments, final: final)
            return try evalPipeline(dot, pipe)
        case .variable(let variable):
            return try evalVariable(dot, variable, arguments: command.arguments, final: final)
        default:
            break
        }
        node = .argument(first)
        try notAFunction(command.arguments, final: final)
        switch first {
        case .bool(_, let value): return ExecValue(.bool(value), boxed: false)
        case .dot: return dot
        case .nilValue: throw failure("nil is not a command")
        case .number(let number): return ExecValue(try idealConstant(number), boxed: false)
        case .string(_, _, let value): return ExecValue(.string(value), boxed: false)
        default: throw failure("can't evaluate command \(GoQuote.quote(first.description))")
        }
    }

    func notAFunction(_ arguments: [Argument], final: ExecValue?) throws {
        if arguments.count > 1 || final != nil {
            throw failure("can't give argument to non-function \(arguments[0].description)")
        }
    }

    /// An untyped constant where no parameter type guides it: int, float64 or complex128.
    func idealConstant(_ number: NumberNode) throws -> GoValue {
        node = .argument(.number(number))
        if let (re, im) = number.complexValue { return .complex128(re, im) }
        let text = number.text
        let isHexInt = text.count > 2 && text.hasPrefix("0") && (text.dropFirst().first == "x" || text.dropFirst().first == "X")
            && !text.contains(where: { $0 == "p" || $0 == "P" })
        let isRune = text.hasPrefix("'")
        if let f = number.floatValue, !isHexInt, !isRune, text.contains(where: { ".eEpP".contains($0) }) {
            return .float64(f)
        }
        if let i = number.intValue { return .int(Int(i)) }
        if number.uintValue != nil { throw failure("\(text) overflows int") }
        return .invalid
    }

    func evalVariable(_ dot: ExecValue, _ variable: VariableNode, arguments: [Argument]?, final: ExecValue?) throws
        -> ExecValue
    {
        node = .argument(.variable(variable))
        let value = try variableValue(variable.identifiers[0])
        if variable.identifiers.count == 1 {
            if let arguments { try notAFunction(arguments, final: final) } else if final != nil {
                try notAFunction([.variable(variable)], final: final)
            }
            return value
        }
        return try evalFieldChain(
            dot, value, .variable(variable), variable.identifiers[1...], arguments: arguments, final: final)
    }

    func evalChain(_ dot: ExecValue, _ chain: Argument, arguments: [Argument]?, final: ExecValue?) throws -> ExecValue {
        node = .argument(chain)
        guard case .chain(_, let base, let fields) = chain else { return .invalid }
        if case .nilValue = base.argument {
            throw failure("indirection through explicit nil in \(chain.description)")
        }
        let receiver = try evalArgument(dot, .untyped, base.argument)
        return try evalFieldChain(dot, receiver, chain, fields[...], arguments: arguments, final: final)
    }

    func evalFieldChain(
        _ dot: ExecValue, _ receiver: ExecValue, _ fieldNode: Argument, _ identifiers: ArraySlice<String>,
        arguments: [Argument]?, final: ExecValue?
    ) throws -> ExecValue {
        var current = receiver
        let last = identifiers.endIndex - 1
        for i in identifiers.startIndex..<last {
            current = try evalField(dot, identifiers[i], fieldNode, arguments: nil, final: nil, receiver: current)
        }
        return try evalField(dot, identifiers[last], fieldNode, arguments: arguments, final: final, receiver: current)
    }

    /// `.name` on `receiver`: a method call, a struct field or a map key.
    func evalField(
        _ dot: ExecValue, _ name: String, _ fieldNode: Argument, arguments: [Argument]?, final: ExecValue?,
        receiver: ExecValue
    ) throws -> ExecValue {
        let hasArguments = (arguments?.count ?? 0) > 1 || final != nil
        switch receiver.value {
        case .invalid:
            return .invalid
        case .missing:
            throw failure("nil pointer evaluating interface {}.\(name)")
        case .map(let map):
            if map.goTypeName == ValuesMethods.typeName, let method = ValuesMethods.method(name, on: map) {
                return try evalCall(
                    dot, name: name, parameters: method.parameters.map(ParameterKind.typed),
                    variadic: method.variadic.map(ParameterKind.typed), call: .method(method.body),
                    at: .argument(fieldNode), arguments: arguments, final: final)
            }
            if hasArguments { throw failure("\(name) is not a method but has arguments") }
            return ExecValue(map.storage[name] ?? .missing, boxed: true)
        case .object(let object):
            if let method = object.method(name) {
                return try evalCall(
                    dot, name: name, parameters: method.parameters.map(ParameterKind.typed),
                    variadic: method.variadic.map(ParameterKind.typed), call: .method(method.body),
                    at: .argument(fieldNode), arguments: arguments, final: final)
            }
            switch object.shape {
            case .map(let map):
                if hasArguments { throw failure("\(name) is not a method but has arguments") }
                return ExecValue(map.storage[name] ?? .bytes([]), boxed: false)
            case .structure:
                if let value = object.field(name) {
                    if hasArguments { throw failure("\(name) has arguments but cannot be invoked as function") }
                    return ExecValue(value, boxed: false)
                }
            case .stringList:
                break
            }
            throw failure("can't evaluate field \(name) in type \(receiver.staticTypeName)")
        default:
            throw failure("can't evaluate field \(name) in type \(receiver.staticTypeName)")
        }
    }
}
