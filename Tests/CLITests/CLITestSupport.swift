import CLI
import Foundation
import XCTest

/// What one run of the program left behind.
struct RunResult {
    var status: MeshCLI.ExitStatus
    var output: String
    var errors: String
}

/// A temporary directory for one test, removed when the test ends.
final class Scratch {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "cli-test-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file) }
        return file
    }
}

enum CLITest {
    /// The repository's top directory.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A kubeconfig with two contexts (kind-east current, kind-west with a namespace) and one
    /// whose name has colons, as EKS context names do.
    static let kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kind-east
          cluster:
            server: https://127.0.0.1:40143
            certificate-authority-data: QUJD
        - name: kind-west
          cluster:
            server: https://127.0.0.1:39121
        users:
        - name: kind-east
          user: {client-certificate-data: QUJD, client-key-data: QUJD}
        - name: kind-west
          user: {token: sekret}
        contexts:
        - name: kind-east
          context: {cluster: kind-east, user: kind-east}
        - name: kind-west
          context: {cluster: kind-west, user: kind-west, namespace: apps}
        - name: arn:aws:eks:eu-west-1:1:cluster/prod
          context: {cluster: kind-west, user: kind-west}
        current-context: kind-east

        """

    /// Runs the program in-process, like `kubectl-mesh ARGS…`.
    static func run(_ arguments: [String], environment: [String: String] = [:], home: String? = nil,
                    workingDirectory: String = "/", programName: String = "kubectl-mesh") -> RunResult {
        let output = CapturedOutput()
        let errors = CapturedOutput()
        let invocation = Invocation(environment: environment, homeDirectory: home, workingDirectory: workingDirectory,
                                    output: output, errorOutput: errors)
        let status = MeshCLI.run(arguments: arguments, programName: programName, invocation: invocation)
        return RunResult(status: status, output: output.text, errors: errors.text)
    }

    /// The built `kubectl-mesh` executable, next to the test bundle.
    static func builtExecutable() throws -> String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first { $0.hasSuffix(".xctest") } ?? Bundle.main.bundlePath)
        let candidates = [bundle.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent(),
                          Bundle.main.bundleURL].map { $0.appendingPathComponent("kubectl-mesh").path }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            // `swift test` builds it; its absence is a broken build, not a reason to skip.
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey:
                "kubectl-mesh is not built next to the tests (looked in \(candidates))"])
        }
        return found
    }

    /// Runs a program to the end and returns its status and standard output.
    static func execute(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                        workingDirectory: String? = nil) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errorData = ErrorCollector(errors.fileHandleForReading)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), errorData.text())
    }
}

/// Reads a pipe on another thread so that neither pipe fills up and blocks the child.
final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
