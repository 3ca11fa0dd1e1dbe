import Foundation

/// The outcome of running a command to completion.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var succeeded: Bool { status == 0 }
}

/// Runs external commands (kubectl, curl, the built plugin) for tests and waits for them.
///
/// Output goes through temporary files, so a chatty command cannot block on a full pipe.
public enum Command {
    /// Runs `executable` (a path, or a name looked up on PATH) with `arguments` and waits for it.
    /// `environment` replaces the whole environment when given; `addingEnvironment` is merged into ours.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           addingEnvironment: [String: String] = [:], input: Data? = nil,
                           directory: String? = nil) throws -> CommandResult {
        try start(executable, arguments, environment: environment, addingEnvironment: addingEnvironment,
                  input: input, directory: directory).wait()
    }

    /// Starts a command and returns at once; ``RunningCommand/wait()`` collects its result.
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                             addingEnvironment: [String: String] = [:], input: Data? = nil,
                             directory: String? = nil) throws -> RunningCommand {
        let path = executable.contains("/") ? executable : (ServerProcess.findExecutable(executable) ?? executable)
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("kubectl-mesh-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let out = scratch.appendingPathComponent("stdout")
        let err = scratch.appendingPathComponent("stderr")
        let inPath = scratch.appendingPathComponent("stdin")
        try (input ?? Data()).write(to: inPath)
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = environment ?? ProcessInfo.processInfo.environment
        env.merge(addingEnvironment) { _, new in new }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let stdin = try FileHandle(forReadingFrom: inPath)
        let stdout = try FileHandle(forWritingTo: out)
        let stderr = try FileHandle(forWritingTo: err)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            for handle in [stdin, stdout, stderr] { try? handle.close() }
            try? FileManager.default.removeItem(at: scratch)
            throw error
        }
        for handle in [stdin, stdout, stderr] { try? handle.close() }
        return RunningCommand(process: process, scratch: scratch)
    }

    /// The path of `name` on PATH, or nil.
    public static func find(_ name: String) -> String? {
        ServerProcess.findExecutable(name)
    }
}

/// A command started with ``Command/start(_:_:environment:addingEnvironment:input:directory:)``.
/// Waiting (or deinitialising) reaps it; ``terminate()`` stops it early.
public final class RunningCommand: @unchecked Sendable {
    private let process: Process
    private let scratch: URL
    private let lock = NSLock()
    private var result: CommandResult?

    init(process: Process, scratch: URL) {
        self.process = process
        self.scratch = scratch
    }

    public var isRunning: Bool { process.isRunning }

    /// Sends SIGTERM if it still runs.
    public func terminate() {
        if process.isRunning { process.terminate() }
    }

    /// Waits for the command to end and returns its status and output.
    public func wait() -> CommandResult {
        lock.lock()
        defer { lock.unlock() }
        if let result { return result }
        process.waitUntilExit()
        let finished = CommandResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: scratch.appendingPathComponent("stdout"), encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: scratch.appendingPathComponent("stderr"), encoding: .utf8)) ?? "")
        try? FileManager.default.removeItem(at: scratch)
        result = finished
        return finished
    }

    deinit {
        terminate()
        _ = wait()
    }
}
