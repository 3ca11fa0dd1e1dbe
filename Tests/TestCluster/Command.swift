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
    /// Runs `executable` (a path, or a name looked up on PATH) with `arguments`.
    /// `environment` replaces the whole environment when given; `addingEnvironment` is merged into ours.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           addingEnvironment: [String: String] = [:], input: Data? = nil,
                           directory: String? = nil) throws -> CommandResult {
        let path = executable.contains("/") ? executable : (ServerProcess.findExecutable(executable) ?? executable)
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("kubectl-mesh-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
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
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                             stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// The path of `name` on PATH, or nil.
    public static func find(_ name: String) -> String? {
        ServerProcess.findExecutable(name)
    }
}
