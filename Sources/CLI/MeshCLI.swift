import Kube

/// The program: turns a command line into a command run and an exit status.
/// `main.swift` calls `MeshCLI.main`; tests call `run` with their own invocation.
public enum MeshCLI {
    /// The plugin's version.
    public static let version = "0.1.0"

    /// Exit statuses: 0 success, 1 a failure while running, 2 a wrong command line.
    public enum ExitStatus: Int32 {
        case success = 0
        case failure = 1
        case usage = 2
    }

    /// Runs `arguments` (without the program name). When `programName` is
    /// `kubectl_complete-mesh` the arguments are a completion request, as kubectl sends them.
    public static func run(arguments: [String], programName: String = ProgramName.executable,
                           invocation: Invocation) -> ExitStatus {
        var arguments = arguments
        if baseName(programName) == ProgramName.pluginCompleter {
            arguments.insert(CompletionRequest.command, at: 0)
        }
        // Completion is the hot path: answer it before anything else is set up.
        if let first = arguments.first,
           first == CompletionRequest.command || first == CompletionRequest.commandWithoutDescriptions {
            let request = CompletionRequest(arguments: Array(arguments.dropFirst()),
                                            descriptions: first == CompletionRequest.command)
            invocation.output.write(request.answer(invocation: invocation).protocolText(descriptions: request.descriptions))
            invocation.output.flush()
            return .success
        }
        let status = execute(arguments, invocation: invocation)
        invocation.output.flush()
        invocation.errorOutput.flush()
        return status
    }

    private static func execute(_ arguments: [String], invocation: Invocation) -> ExitStatus {
        let parser = CommandLineParser(commands: CommandTable.specs)
        do {
            switch try parser.parse(arguments) {
            case .help(let spec):
                invocation.output.write(spec.map(HelpRenderer.commandHelp) ?? HelpRenderer.programHelp())
                return .success
            case .run(let parsed):
                guard let type = CommandTable.command(named: parsed.command.name) else { return .failure }
                let command = try type.init(arguments: parsed, invocation: invocation)
                try command.validate()
                try command.run(invocation: invocation)
                return .success
            }
        } catch let error as UsageError {
            invocation.errorOutput.line("error: \(error.message)")
            invocation.errorOutput.line("hint: \(error.hint)")
            return .usage
        } catch let error as any ReportableError {
            invocation.errorOutput.line("error: \(error.message)")
            if let hint = error.hint { invocation.errorOutput.line("hint: \(hint)") }
            return .failure
        } catch {
            invocation.errorOutput.line("error: \(error)")
            return .failure
        }
    }

    private static func baseName(_ path: String) -> Substring {
        path.split(separator: "/").last ?? Substring(path)
    }
}
