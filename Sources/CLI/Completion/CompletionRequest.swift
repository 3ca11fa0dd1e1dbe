import Kube

/// One `__complete` request in cobra's protocol, which kubectl speaks: the
/// words typed so far, the last one being the word under the cursor (possibly
/// empty). The answer is one candidate per line (`candidate<TAB>description`)
/// and a last line `:N`, N a `CompletionDirective`.
///
/// Everything is decided from the command table; contexts come from the
/// kubeconfig that the line being completed names, read by the fast
/// `KubeconfigContextNames` scan. Nothing here touches the network.
struct CompletionRequest {
    static let command = "__complete"
    static let commandWithoutDescriptions = "__completeNoDesc"

    var arguments: [String]
    var descriptions: Bool

    struct Candidate: Equatable {
        var value: String
        var help: String = ""
    }

    struct Answer: Equatable {
        var candidates: [Candidate]
        var directive: CompletionDirective

        func protocolText(descriptions: Bool) -> String {
            var text = ""
            for candidate in candidates {
                text += candidate.value
                if descriptions, !candidate.help.isEmpty { text += "\t" + candidate.help }
                text += "\n"
            }
            return text + ":\(directive.rawValue)\n"
        }
    }

    /// What the words before the cursor say: the command, flags already given,
    /// how many arguments, a flag waiting for its value, the `--kubeconfig` named,
    /// and the contexts the line already names (`--primary`, `--remote`, …) and
    /// assigns (`--cluster-name CTX=…`).
    private struct LineState {
        var command: CommandSpec?
        var given: Set<String> = []
        var argumentCount = 0
        var pendingFlag: FlagSpec?
        var flagsEnded = false
        var kubeconfigPath: String?
        var lineContexts = LineContexts()

        var flags: [FlagSpec] { command?.allFlags ?? GlobalFlags.all }

        mutating func take(_ flag: FlagSpec, value: String?) {
            given.insert(flag.name)
            if let value {
                if flag == GlobalFlags.kubeconfig { kubeconfigPath = value }
                lineContexts.take(flag, value: value)
            } else if flag.takesValue {
                pendingFlag = flag
            }
        }
    }

    func answer(invocation: Invocation) -> Answer {
        let current = arguments.last ?? ""
        let typed = Array(arguments.dropLast())
        var state = LineState()
        // The command is found as the parser finds it, so flags before it count as its own.
        guard let (command, commandIndex) = try? CommandLineParser(commands: CommandTable.specs).locateCommand(typed) else {
            return Answer(candidates: [], directive: .noFileCompletion)  // an unknown command: nothing to offer
        }
        state.command = command
        for (index, word) in typed.enumerated() where index != commandIndex {
            if let flag = state.pendingFlag {
                state.pendingFlag = nil
                state.take(flag, value: word)
                continue
            }
            if state.flagsEnded || word == "-" || !word.hasPrefix("-") {
                state.argumentCount += 1
                continue
            }
            if word == "--" {
                state.flagsEnded = true
                continue
            }
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inline = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
                if let flag = state.flags.first(where: { $0.name == name }) { state.take(flag, value: inline) }
                continue
            }
            var rest = word.dropFirst()
            while let letter = rest.first {
                rest = rest.dropFirst()
                guard let flag = state.flags.first(where: { $0.short == letter }) else { break }
                if flag.takesValue {
                    let attached = rest.hasPrefix("=") ? String(rest.dropFirst()) : String(rest)
                    state.take(flag, value: attached.isEmpty ? nil : attached)
                    break
                }
                state.take(flag, value: nil)
            }
        }

        var values = ValueCompletion(invocation: invocation, kubeconfigPath: state.kubeconfigPath)
        if let flag = state.pendingFlag {
            values.lineContexts = state.lineContexts.completing(flag)
            return values.complete(current, kind: flag.kind)
        }
        if !state.flagsEnded, current.hasPrefix("--"), let equals = current.firstIndex(of: "=") {
            let name = String(current[current.index(current.startIndex, offsetBy: 2)..<equals])
            guard let flag = state.flags.first(where: { $0.name == name }), flag.takesValue else {
                return Answer(candidates: [], directive: .noFileCompletion)
            }
            values.lineContexts = state.lineContexts.completing(flag)
            return values.complete(String(current[current.index(after: equals)...]), kind: flag.kind,
                                   candidatePrefix: String(current[...equals]))
        }
        if !state.flagsEnded, current.hasPrefix("-") {
            return flagNames(matching: current, state: state)
        }
        guard let command = state.command else { return values.complete(current, kind: .command) }
        let arguments = command.arguments
        if state.argumentCount < arguments.count || arguments.last?.arity == .variadic {
            let argument = arguments[min(state.argumentCount, arguments.count - 1)]
            return values.complete(current, kind: argument.kind)
        }
        if current.isEmpty, !state.flagsEnded { return flagNames(matching: current, state: state) }
        return Answer(candidates: [], directive: .noFileCompletion)
    }

    /// `--flag` names not given yet (repeatable ones always), with their help.
    private func flagNames(matching prefix: String, state: LineState) -> Answer {
        var candidates: [Candidate] = []
        for flag in state.flags where flag.repeatable || !state.given.contains(flag.name) {
            if ("--" + flag.name).hasPrefix(prefix) { candidates.append(Candidate(value: "--" + flag.name, help: flag.help)) }
            if prefix == "-", let short = flag.short {
                candidates.append(Candidate(value: "-\(short)", help: flag.help))
            }
        }
        return Answer(candidates: candidates, directive: .noFileCompletion)
    }
}

/// Candidates for one value of a given kind.
struct ValueCompletion {
    let invocation: Invocation
    /// The `--kubeconfig` on the line being completed, as typed.
    let kubeconfigPath: String?
    /// The contexts the rest of the line names, as they bear on this value.
    var lineContexts = LineContexts()

    init(invocation: Invocation, kubeconfigPath: String?) {
        self.invocation = invocation
        self.kubeconfigPath = kubeconfigPath
    }

    func complete(_ prefix: String, kind: ValueKind, candidatePrefix: String = "") -> CompletionRequest.Answer {
        typealias Candidate = CompletionRequest.Candidate
        func answer(_ candidates: [Candidate], _ directive: CompletionDirective) -> CompletionRequest.Answer {
            CompletionRequest.Answer(
                candidates: candidates.filter { $0.value.hasPrefix(prefix) }
                    .map { Candidate(value: candidatePrefix + $0.value, help: $0.help) },
                directive: directive)
        }
        switch kind {
        case .text:
            return answer([], .noFileCompletion)
        case .context:
            // A context the line already names (the primary, a remote) is not offered again.
            let names = contextNames().filter { !lineContexts.named.contains($0) }
            return answer(names.map { Candidate(value: $0) }, .noFileCompletion)
        case .file(let extensions):
            if extensions.isEmpty { return CompletionRequest.Answer(candidates: [], directive: []) }
            return CompletionRequest.Answer(candidates: extensions.map { Candidate(value: $0) }, directive: .filterFileExtensions)
        case .directory:
            return CompletionRequest.Answer(candidates: [], directive: .filterDirectories)
        case .choice(let choices):
            return answer(choices.map { Candidate(value: $0.value, help: $0.help) }, .noFileCompletion)
        case .command:
            return answer(CommandTable.visibleSpecs.map { Candidate(value: $0.name, help: $0.summary) }, .noFileCompletion)
        case .contextAssignment(let inner):
            guard let equals = prefix.firstIndex(of: "=") else {
                // The contexts of this run when the line names them, each once per flag.
                let names = contextNames().filter {
                    !lineContexts.assigned.contains($0) && (lineContexts.named.isEmpty || lineContexts.named.contains($0))
                }
                return answer(names.map { Candidate(value: $0 + "=") }, [.noSpace, .noFileCompletion])
            }
            let key = String(prefix[...equals])
            return ValueCompletion(invocation: invocation, kubeconfigPath: kubeconfigPath)
                .complete(String(prefix[prefix.index(after: equals)...]), kind: inner, candidatePrefix: candidatePrefix + key)
        }
    }

    /// Context names of the kubeconfig the line names: its `--kubeconfig`, else
    /// `$KUBECONFIG`, else `~/.kube/config`. The shell has not expanded `~` yet.
    private func contextNames() -> [String] {
        var path = kubeconfigPath
        if let typed = path, typed == "~" || typed.hasPrefix("~/"), let home = invocation.homeDirectory {
            path = home + typed.dropFirst()
        }
        return KubeconfigContextNames.read(from: invocation.kubeconfigSources(explicitPath: path))
    }
}

/// The contexts a command line names: the values of its context flags
/// (`--primary`, `--remote`, …) and, per `CONTEXT=VALUE` flag, the contexts it
/// already assigns. Completion leaves them out where giving one again would be
/// refused (a remote that is the primary, a second name for one cluster).
struct LineContexts: Equatable {
    /// Values of context flags, other than `--context` (kubectl's own choice of context).
    var named: Set<String> = []
    /// Contexts already assigned by the flag being completed.
    var assigned: Set<String> = []
    private var assignedByFlag: [String: Set<String>] = [:]

    mutating func take(_ flag: FlagSpec, value: String) {
        switch flag.kind {
        case .context where flag != GlobalFlags.context:
            named.insert(value)
        case .contextAssignment:
            if let equals = value.firstIndex(of: "=") {
                assignedByFlag[flag.name, default: []].insert(String(value[..<equals]))
            }
        default:
            break
        }
    }

    /// What bears on a value of `flag`.
    func completing(_ flag: FlagSpec) -> LineContexts {
        var view = LineContexts()
        view.named = named
        view.assigned = assignedByFlag[flag.name] ?? []
        return view
    }
}
