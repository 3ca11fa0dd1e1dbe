import Foundation
import Synchronization
import XCTest

/// Runs Tests/Fixtures/Kube/echo_server.py on loopback for the life of a test.
final class EchoServer {
    let port: Int
    let proxyPort: Int?
    private let process: Process
    private let input: Pipe
    private let lines: OutputLines

    /// `proxyHosts`: names the proxy resolves itself (`kube.test` → `127.0.0.1`).
    init(
        certificates: TestCertificates, requireClientCertificate: Bool = false, proxy: Bool = false,
        proxyHosts: [String: String] = [:]
    ) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/Kube/echo_server.py").path
        var arguments = [script, "--cert", certificates.path("server.crt"), "--key", certificates.path("server.key"),
                         "--client-ca", certificates.path("ca.crt")]
        if requireClientCertificate { arguments.append("--require-client-cert") }
        if proxy { arguments.append("--proxy") }
        for (name, address) in proxyHosts.sorted(by: { $0.key < $1.key }) {
            arguments += ["--proxy-host", "\(name)=\(address)"]
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        lines = OutputLines(output.fileHandleForReading)
        try process.run()
        guard let portLine = lines.waitFor(prefix: "PORT "), let port = Int(portLine.dropFirst(5)) else {
            process.terminate()
            throw XCTSkip("the echo server did not start (is python3 installed?)")
        }
        self.port = port
        if proxy {
            proxyPort = lines.waitFor(prefix: "PROXY ").flatMap { Int($0.dropFirst(6)) }
        } else {
            proxyPort = nil
        }
    }

    /// Lines the proxy printed for each tunnel (`TUNNEL host:port`).
    var tunnels: [String] { lines.all.filter { $0.hasPrefix("TUNNEL ") } }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// Collects a child's stdout lines on a background thread.
final class OutputLines: Sendable {
    private let state = Mutex<[String]>([])
    private let arrived = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer += chunk
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer = Data(buffer[buffer.index(after: newline)...])
                    state.withLock { $0.append(line) }
                    arrived.signal()
                }
            }
            arrived.signal()
        }
    }

    var all: [String] { state.withLock { $0 } }

    func waitFor(prefix: String, timeout: Double = 10) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = all.first(where: { $0.hasPrefix(prefix) }) { return line }
            _ = arrived.wait(timeout: .now() + 0.1)
        }
        return nil
    }
}
