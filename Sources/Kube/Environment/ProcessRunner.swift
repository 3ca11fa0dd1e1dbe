import Foundation
import Synchronization

/// One program run: what to start and how it meets the terminal.
public struct ProcessInvocation: Sendable, Equatable {
    /// Absolute path of the executable.
    public var executable: String
    public var arguments: [String]
    /// The complete environment of the child (nothing is inherited implicitly).
    public var environment: [String: String]
    /// When true the child shares this process's standard input and standard
    /// error (an interactive exec plugin prompts there); otherwise stdin is
    /// empty and stderr is captured.
    public var interactive: Bool

    public init(executable: String, arguments: [String], environment: [String: String], interactive: Bool) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.interactive = interactive
    }
}

/// What a finished program left behind.
public struct ProcessOutput: Sendable, Equatable {
    public var exitCode: Int32
    public var standardOutput: [UInt8]
    /// Empty when the run was interactive (stderr went to the terminal).
    public var standardError: [UInt8]

    public init(exitCode: Int32, standardOutput: [UInt8], standardError: [UInt8]) {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// Starts programs (exec credential plugins). Injected so tests can observe or replace it.
public protocol ProcessRunner: Sendable {
    func run(_ invocation: ProcessInvocation) throws -> ProcessOutput
}

/// Runs programs with Foundation's `Process`.
public struct SystemProcessRunner: ProcessRunner {
    public init() {}

    public func run(_ invocation: ProcessInvocation) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: invocation.executable)
        process.arguments = invocation.arguments
        process.environment = invocation.environment
        let stdout = Pipe()
        process.standardOutput = stdout
        let stderr = Pipe()
        if invocation.interactive {
            process.standardInput = FileHandle.standardInput
            process.standardError = FileHandle.standardError
        } else {
            process.standardInput = FileHandle.nullDevice
            process.standardError = stderr
        }
        try process.run()
        // Drain stderr on a thread of its own (not Dispatch's pool, which may be busy
        // with blocked work) so a chatty plugin cannot block on a full pipe.
        let errorBytes = CapturedBytes()
        let drained = DispatchSemaphore(value: 0)
        if invocation.interactive {
            drained.signal()
        } else {
            let reader = stderr.fileHandleForReading
            Thread.detachNewThread {
                errorBytes.set(Array(reader.readDataToEndOfFile()))
                drained.signal()
            }
        }
        let output = Array(stdout.fileHandleForReading.readDataToEndOfFile())
        drained.wait()
        process.waitUntilExit()
        return ProcessOutput(exitCode: process.terminationStatus, standardOutput: output, standardError: errorBytes.get())
    }
}

/// Bytes handed from a reader thread back to the caller.
private final class CapturedBytes: Sendable {
    private let storage = Mutex<[UInt8]>([])
    func set(_ bytes: [UInt8]) { storage.withLock { $0 = bytes } }
    func get() -> [UInt8] { storage.withLock { $0 } }
}
