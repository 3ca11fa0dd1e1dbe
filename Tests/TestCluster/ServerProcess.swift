import Foundation

/// Launches server.py and waits for its ready line.
enum ServerProcess {
    struct Info: Decodable {
        var name: String
        var context: String
        var user: String
        var server: String
        var port: Int
        var controlURL: String
        var kubeconfig: String
        var caCertificate: String
        var caKey: String
        var adminCertificate: String
        var adminKey: String
        var directory: String
        var kubeVersion: String
    }

    struct Launched {
        var process: Process
        var lifeline: FileHandle
        var info: Info
    }

    static func launch(name: String, options: TestClusterOptions) throws -> Launched {
        let script = TestCluster.serverDirectory + "/server.py"
        guard FileManager.default.fileExists(atPath: script) else {
            throw TestClusterError.serverScriptMissing(script)
        }
        guard let python = findPython() else { throw TestClusterError.pythonMissing }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kubectl-mesh-testcluster-\(name)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let configPath = directory + "/config.json"
        let config = try JSONSerialization.data(withJSONObject: options.configJSON(), options: [.sortedKeys])
        try config.write(to: URL(fileURLWithPath: configPath))

        var arguments = ["-S", script, "--dir", directory, "--name", name,
                         "--context", options.contextName ?? name, "--kube-version", options.kubeVersion,
                         "--endpoint-address", options.endpointAddress,
                         "--endpoint-port", String(options.endpointPort), "--key-type", options.keyType.rawValue,
                         "--config", configPath, "--parent-pid", String(ProcessInfo.processInfo.processIdentifier),
                         "--exit-on-stdin-eof", "--remove-dir-on-exit"]
        if let ca = options.certificateAuthority {
            arguments += ["--ca-cert", ca.certificate, "--ca-key", ca.key]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        // Let Python cache the server's bytecode (next to its sources, git-ignored): starts are faster.
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PYTHONDONTWRITEBYTECODE")
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        let logPath = directory + "/server.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle(forWritingAtPath: logPath)
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw TestClusterError.startFailed(name: name, reason: "cannot run \(python): \(error)", serverLog: "")
        }
        try? stdin.fileHandleForReading.close()

        // A server that never says it is ready is stopped, which ends the read below.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        let line = readLine(from: stdout.fileHandleForReading)
        watchdog.cancel()
        try? stdout.fileHandleForReading.close()

        guard let line, let info = try? JSONDecoder().decode(Info.self, from: Data(line.utf8)) else {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: directory)
            throw TestClusterError.startFailed(name: name, reason: "the server exited before it was ready",
                                               serverLog: log)
        }
        return Launched(process: process, lifeline: stdin.fileHandleForWriting, info: info)
    }

    /// Reads up to the first newline; nil at end of file before one.
    private static func readLine(from handle: FileHandle) -> String? {
        var buffer = Data()
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                return String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
            }
        }
    }

    /// python3 from PATH, preferring a real interpreter over a version-manager shim script
    /// (a pyenv shim costs about 0.1 s per start).
    static func findPython() -> String? {
        let candidates = executables(named: "python3")
        for candidate in candidates {
            guard let handle = FileHandle(forReadingAtPath: candidate) else { continue }
            let head = (try? handle.read(upToCount: 2)) ?? Data()
            try? handle.close()
            if head != Data("#!".utf8) { return candidate }
        }
        return candidates.first
    }

    static func executables(named name: String) -> [String] {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .filter { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
