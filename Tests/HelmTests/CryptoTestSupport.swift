import Foundation
import XCTest

@testable import Helm

/// The `openssl` command line, which the certificate tests use to read what we
/// and Helm make. Tests skip, saying why, when it is missing.
struct OpenSSLTool {
    let directory: URL

    /// A tool working in a fresh temporary directory; `cleanUp` removes it.
    static func required() throws -> OpenSSLTool {
        guard (try? run(["version"], in: nil))?.status == 0 else {
            throw XCTSkip("the openssl command is not installed; skipping certificate checks")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crypto-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return OpenSSLTool(directory: directory)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `text` to a file in the directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Runs `openssl ARGS` with `input` on stdin; stdout, or a failure naming stderr.
    @discardableResult
    func output(_ arguments: [String], input: String = "") throws -> String {
        let result = try Self.run(arguments, in: directory, input: input)
        guard result.status == 0 else {
            throw NSError(domain: "openssl", code: Int(result.status), userInfo: [
                NSLocalizedDescriptionKey: "openssl \(arguments.joined(separator: " ")) failed: \(result.stderr)"
            ])
        }
        return result.stdout
    }

    /// A new private key, PEM: `openssl genpkey ARGS` (or the traditional RSA form with `genrsa`).
    func key(_ arguments: [String]) throws -> String {
        try output(arguments)
    }

    static func run(_ arguments: [String], in directory: URL?, input: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// `x509 -noout -text` without what differs on every run: serial, dates,
    /// public key and signature bytes, key identifiers (every hex-dump line).
    func certificateText(_ pem: String) throws -> String {
        let text = try output(["x509", "-noout", "-text"], input: pem)
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("Not Before") || trimmed.hasPrefix("Not After") { return false }
            let hexDump = trimmed.range(of: #"^([0-9A-Fa-f]{2}:)+[0-9A-Fa-f]{0,2}$"#, options: .regularExpression) != nil
            return !hexDump
        }.joined(separator: "\n")
    }

    /// notAfter − notBefore, in seconds.
    func validitySeconds(_ pem: String) throws -> Int {
        let text = try output(["x509", "-noout", "-dates", "-dateopt", "iso_8601"], input: pem)
        var dates: [Date] = []
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withFullDate, .withSpaceBetweenDateAndTime, .withTime, .withColonSeparatorInTime, .withTimeZone]
        for line in text.split(separator: "\n") {
            guard let value = line.split(separator: "=", maxSplits: 1).last, let date = parser.date(from: String(value)) else {
                throw NSError(domain: "openssl", code: 1, userInfo: [NSLocalizedDescriptionKey: "unreadable date line \(line)"])
            }
            dates.append(date)
        }
        guard dates.count == 2 else { throw NSError(domain: "openssl", code: 1, userInfo: [NSLocalizedDescriptionKey: "no dates in \(text)"]) }
        return Int(dates[1].timeIntervalSince(dates[0]).rounded())
    }

    /// The public key (PEM) of a certificate and of a private key.
    func publicKey(certificate pem: String) throws -> String { try output(["x509", "-noout", "-pubkey"], input: pem) }
    func publicKey(privateKey pem: String) throws -> String { try output(["pkey", "-pubout"], input: pem) }
}

/// The PEM blocks of `text`, in order.
func pemBlocks(_ text: String) -> [String] {
    var blocks: [String] = []
    var current: [Substring]?
    for line in text.split(separator: "\n") {
        if line.hasPrefix("-----BEGIN ") { current = [] }
        current?.append(line)
        if line.hasPrefix("-----END "), let lines = current {
            blocks.append(lines.joined(separator: "\n") + "\n")
            current = nil
        }
    }
    return blocks
}
