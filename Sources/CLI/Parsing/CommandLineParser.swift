import Kube

/// Parses a command line against the command table: `COMMAND [flags] [args]`,
/// flags before or after the command (a command's own flags too, as kubectl
/// takes `kubectl -n NS get pods`), `--flag value`, `--flag=value`, `-f value`,
/// `-fvalue`, clustered switches (`-hq`), repeated flags, and `--` to end flags.
struct CommandLineParser {
    /// What the command line asks for.
    enum Outcome: Equatable {
        case run(ParsedArguments)
        /// `-h`/`--help` anywhere before `--`, or no command at all; nil is the program's own help.
        case help(CommandSpec?)
    }

    let commands: [CommandSpec]

    private var visibleNames: [String] { commands.filter { !$0.hidden }.map(\.name) }

    func parse(_ tokens: [String]) throws(UsageError) -> Outcome {
        let (command, commandIndex) = try locateCommand(tokens)
        let flags = command?.allFlags ?? GlobalFlags.all
        var values: [String: [String]] = [:]
        var positionals: [String] = []
        var wantsHelp = false
        // The first problem found; reported unless the line also asks for help.
        var firstError: UsageError?
        func fail(_ error: UsageError) { if firstError == nil { firstError = error } }

        var index = 0
        var flagsEnded = false
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if index - 1 == commandIndex { continue }
            if flagsEnded || token == "-" || !token.hasPrefix("-") {
                positionals.append(token)
                continue
            }
            if token == "--" {
                flagsEnded = true
                continue
            }
            if token.hasPrefix("--") {
                let body = token.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inlineValue = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
                guard let flag = flags.first(where: { $0.name == name }) else {
                    fail(UsageError(
                        "unknown flag \"--\(name)\"\(scopeDescription(command))"
                            + UsageError.suggestion(for: "--\(name)", among: flags.map { "--\($0.name)" }),
                        command: command?.name))
                    continue
                }
                if flag == GlobalFlags.help {
                    wantsHelp = true
                    continue
                }
                if let value = inlineValue ?? (flag.takesValue ? nextValue(tokens, &index, skipping: commandIndex) : "true") {
                    record(flag, value, spelled: "--\(name)", into: &values, command: command, fail: fail)
                } else {
                    fail(UsageError("flag \"--\(name)\" needs a value (\(flag.placeholder ?? "VALUE"))",
                                    command: command?.name))
                }
                continue
            }
            // One or more short flags: -o json, -ojson, -o=json, -h.
            var rest = Substring(token.dropFirst())
            while let letter = rest.first {
                rest = rest.dropFirst()
                guard let flag = flags.first(where: { $0.short == letter }) else {
                    let shorts = flags.compactMap { $0.short.map { "-\($0)" } }
                    fail(UsageError(
                        "unknown shorthand flag \"-\(letter)\" in \"\(token)\"\(scopeDescription(command))"
                            + UsageError.suggestion(for: "-\(letter)", among: shorts, caseOnly: true),
                        command: command?.name))
                    break
                }
                if flag == GlobalFlags.help {
                    wantsHelp = true
                    continue
                }
                guard flag.takesValue else {
                    record(flag, "true", spelled: "-\(letter)", into: &values, command: command, fail: fail)
                    continue
                }
                let attached = rest.hasPrefix("=") ? String(rest.dropFirst()) : String(rest)
                if let value = attached.isEmpty ? nextValue(tokens, &index, skipping: commandIndex) : attached {
                    record(flag, value, spelled: "-\(letter)", into: &values, command: command, fail: fail)
                } else {
                    fail(UsageError("flag \"-\(letter)\" needs a value (\(flag.placeholder ?? "VALUE"))",
                                    command: command?.name))
                }
                break
            }
        }

        if wantsHelp { return .help(command) }
        if let firstError { throw firstError }
        guard let command else { return .help(nil) }
        try checkArguments(positionals, of: command)
        return .run(ParsedArguments(command: command, values: values, positionals: positionals))
    }

    /// The command word and its position: the first word that is neither a flag
    /// nor a flag's value. A flag before the command may be any command's, so
    /// whether it takes a value is decided by the flag of that name (or, for a
    /// misspelled one, the closest name) anywhere in the table, as kubectl decides.
    /// Words after `--` are arguments; the command may still come first among them.
    func locateCommand(_ tokens: [String]) throws(UsageError) -> (CommandSpec?, Int?) {
        let everyFlag = GlobalFlags.all + commands.flatMap(\.flags)
        var index = 0
        var flagsEnded = false
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if token == "--", !flagsEnded {
                flagsEnded = true
                continue
            }
            if flagsEnded || token == "-" || !token.hasPrefix("-") {
                guard let found = commands.first(where: { $0.name == token && !$0.hidden }) else {
                    throw UsageError(
                        "unknown command \"\(token)\" for \"\(ProgramName.display)\""
                            + UsageError.suggestion(for: token, among: visibleNames), command: nil)
                }
                return (found, index - 1)
            }
            if token.hasPrefix("--") {
                let body = token.dropFirst(2)
                guard !body.contains("=") else { continue }
                let name = String(body)
                let known = everyFlag.first { $0.name == name }
                    ?? Spelling.closest(to: name, among: everyFlag.map(\.name)).flatMap { closest in
                        everyFlag.first { $0.name == closest }
                    }
                if known?.takesValue ?? true { index += 1 }
                continue
            }
            // A cluster of short flags takes the next word only when its last letter wants a value.
            var rest = token.dropFirst()
            while let letter = rest.first {
                rest = rest.dropFirst()
                guard let flag = everyFlag.first(where: { $0.short == letter }), !flag.takesValue else {
                    if rest.isEmpty { index += 1 }
                    break
                }
            }
        }
        return (nil, nil)
    }

    /// The word after a flag, its value (never the command word).
    private func nextValue(_ tokens: [String], _ index: inout Int, skipping commandIndex: Int?) -> String? {
        guard index < tokens.count, index != commandIndex else { return nil }
        defer { index += 1 }
        return tokens[index]
    }

    private func scopeDescription(_ command: CommandSpec?) -> String {
        " for \"\(ProgramName.display)\(command.map { " " + $0.name } ?? "")\""
    }

    /// Stores one flag value after checking it against the flag's kind and repeatability.
    private func record(_ flag: FlagSpec, _ value: String, spelled: String, into values: inout [String: [String]],
                        command: CommandSpec?, fail: (UsageError) -> Void) {
        let commandName = command?.name
        if flag.takesValue {
            if let problem = Self.problem(with: value, of: flag.kind) {
                fail(UsageError("invalid value \"\(value)\" for \(spelled): \(problem)", command: commandName))
                return
            }
        } else if value != "true" && value != "false" {
            fail(UsageError("invalid value \"\(value)\" for \(spelled): it is a switch, use \(spelled) or --\(flag.name)=false",
                            command: commandName))
            return
        }
        if let earlier = values[flag.name]?.last, !flag.repeatable, flag.takesValue {
            fail(UsageError("flag --\(flag.name) given twice (\"\(earlier)\" and \"\(value)\"); it takes one value",
                            command: commandName))
            return
        }
        values[flag.name, default: []].append(value)
    }

    /// Why `value` is not a valid value of `kind`, or nil when it is.
    static func problem(with value: String, of kind: ValueKind) -> String? {
        switch kind {
        case .choice(let choices):
            let allowed = choices.map(\.value)
            if allowed.contains(value) { return nil }
            return "expected one of \(allowed.joined(separator: ", "))"
                + UsageError.suggestion(for: value, among: allowed)
        case .contextAssignment(let inner):
            guard let pair = ParsedArguments.splitAssignment(value) else {
                return "expected CONTEXT=VALUE"
            }
            return problem(with: pair.value, of: inner)
        case .text, .context, .file, .directory, .command:
            return nil
        }
    }

    private func checkArguments(_ positionals: [String], of command: CommandSpec) throws(UsageError) {
        let specs = command.arguments
        for (position, spec) in specs.enumerated() where spec.arity == .required && position >= positionals.count {
            throw UsageError("\"\(ProgramName.display) \(command.name)\" needs \(spec.name)", command: command.name)
        }
        if specs.last?.arity != .variadic, positionals.count > specs.count {
            throw UsageError("unexpected argument \"\(positionals[specs.count])\" for \"\(ProgramName.display) \(command.name)\"",
                             command: command.name)
        }
        for (position, value) in positionals.enumerated() {
            let spec = specs[min(position, specs.count - 1)]
            if case .command = spec.kind {
                if !visibleNames.contains(value) {
                    throw UsageError("unknown command \"\(value)\"" + UsageError.suggestion(for: value, among: visibleNames),
                                     command: command.name)
                }
            } else if let problem = Self.problem(with: value, of: spec.kind) {
                throw UsageError("invalid \(spec.name) \"\(value)\": \(problem)", command: command.name)
            }
        }
    }
}
