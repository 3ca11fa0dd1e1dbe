import Foundation
import XCTest

/// Helm v4's own engine as a test oracle, through
/// `Tests/Fixtures/oracle/helm_oracle.py` (PyPI helm-python-sdk). Tests call
/// `HelmOracle.required()`, which skips them, saying why, when Python or the
/// package is missing.
struct HelmOracle {
    /// One chart to render: template files, values (like `-f`: numbers are
    /// float64) and other chart files.
    struct Case {
        var templates: [String: String]
        var valuesJSON: String = "{}"
        var files: [String: String] = [:]
    }

    enum Outcome: Equatable {
        /// Raw output per template (`c/templates/t.yaml`).
        case output([String: String])
        case error(String)
    }

    let script: URL
    /// Variables set for the oracle process on top of ours (`TZ` for the time functions).
    var environment: [String: String] = [:]

    /// The oracle, or an XCTSkip that names what is missing.
    static func required(file: StaticString = #filePath) throws -> HelmOracle {
        let root = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().deletingLastPathComponent()
        let script = root.appendingPathComponent("Fixtures/oracle/helm_oracle.py")
        let check = try run(script, ["check"], input: Data())
        if check.status == 3 || check.status == 127 {
            throw XCTSkip("Helm oracle unavailable (helm-python-sdk is not installed: pip install helm-python-sdk); skipping differential test")
        }
        guard check.status == 0 else {
            throw XCTSkip("Helm oracle unavailable (python3 \(script.path) check exited \(check.status)); skipping differential test")
        }
        return HelmOracle(script: script)
    }

    /// Renders every case in one oracle process.
    func render(_ cases: [Case]) throws -> [Outcome] {
        var body = "["
        for (i, c) in cases.enumerated() {
            if i > 0 { body += "," }
            body += "{\"templates\":\(try Self.jsonObject(c.templates)),\"files\":\(try Self.jsonObject(c.files)),\"values\":\(c.valuesJSON)}"
        }
        body += "]"
        let result = try Self.run(script, ["batch"], input: Data(body.utf8), environment: environment)
        guard result.status == 0 else {
            throw NSError(domain: "HelmOracle", code: Int(result.status), userInfo: [
                NSLocalizedDescriptionKey: "oracle failed: \(String(decoding: result.stderr, as: UTF8.self))"
            ])
        }
        guard let list = try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]] else {
            throw NSError(domain: "HelmOracle", code: 1, userInfo: [NSLocalizedDescriptionKey: "oracle printed no list"])
        }
        return list.map { item in
            if let output = item["output"] as? [String: String] { return .output(output) }
            return .error(item["error"] as? String ?? "unknown oracle error")
        }
    }

    /// The output of the one template `t.yaml` of each case.
    func renderTemplates(_ templates: [String], valuesJSON: String = "{}") throws -> [Outcome] {
        try render(templates.map { Case(templates: ["t.yaml": $0], valuesJSON: valuesJSON) })
    }

    /// `helm template NAME CHART_DIR -n NAMESPACE` with the values (JSON, like `-f`):
    /// the manifest text, or Helm's error message.
    func template(chartDirectory: String, name: String, namespace: String, valuesJSON: String = "{}") throws -> Outcome {
        let valuesFile = FileManager.default.temporaryDirectory.appendingPathComponent("helm-oracle-values-\(UUID().uuidString).json")
        try Data(valuesJSON.utf8).write(to: valuesFile)
        defer { try? FileManager.default.removeItem(at: valuesFile) }
        let result = try Self.run(script, ["template", chartDirectory, name, namespace, valuesFile.path], input: Data())
        if result.status == 0 { return .output(["manifest": String(decoding: result.stdout, as: UTF8.self)]) }
        // Drop Go's log lines (`2026/01/02 03:04:05 INFO …`); keep the error itself.
        let lines = String(decoding: result.stderr, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let message = lines.filter { line in
            !(line.count > 20 && line.prefix(4).allSatisfy(\.isNumber) && line.dropFirst(4).first == "/"
                && (line.contains(" INFO ") || line.contains(" WARN ") || line.contains(" DEBUG ")))
        }.joined(separator: "\n")
        return .error(message.hasSuffix("\n") ? String(message.dropLast()) : message)
    }

    /// One `helm template` run for `templates(_:)`.
    struct Run {
        var chartDirectory: String
        var name = "r"
        var namespace = "ns"
        var valuesJSON = "{}"
    }

    /// `template` for many runs in one oracle process: each manifest
    /// (`["manifest": text]`) or Helm's error message.
    func templates(_ runs: [Run]) throws -> [Outcome] {
        func quoted(_ s: String) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: s, options: [.fragmentsAllowed]), as: UTF8.self)
        }
        var body = "["
        for (i, run) in runs.enumerated() {
            if i > 0 { body += "," }
            // Values stay as written, so their numbers reach Helm unchanged.
            body += "{\"chart\":\(try quoted(run.chartDirectory)),\"name\":\(try quoted(run.name)),"
            body += "\"namespace\":\(try quoted(run.namespace)),\"values\":\(run.valuesJSON)}"
        }
        body += "]"
        let result = try Self.run(script, ["templates"], input: Data(body.utf8))
        guard result.status == 0, let list = try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]] else {
            throw NSError(domain: "HelmOracle", code: Int(result.status), userInfo: [
                NSLocalizedDescriptionKey: "oracle failed: \(String(decoding: result.stderr, as: UTF8.self))"
            ])
        }
        return list.map { item in
            if let manifest = item["manifest"] as? String { return .output(["manifest": manifest]) }
            return .error(item["error"] as? String ?? "unknown oracle error")
        }
    }

    /// Helm's strvals parse of each (mode, expression): the result as Go's JSON, or the error.
    /// Modes: set, string, json, literal, file.
    func strvals(_ items: [(mode: String, expression: String)]) throws -> [Outcome] {
        let body = try JSONSerialization.data(withJSONObject: items.map { ["mode": $0.mode, "expression": $0.expression] })
        let result = try Self.run(script, ["strvals"], input: body)
        guard result.status == 0, let list = try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]] else {
            throw NSError(domain: "HelmOracle", code: Int(result.status), userInfo: [
                NSLocalizedDescriptionKey: "oracle failed: \(String(decoding: result.stderr, as: UTF8.self))"
            ])
        }
        return list.map { item in
            if let json = item["json"] as? String { return .output(["json": json]) }
            return .error(item["error"] as? String ?? "unknown oracle error")
        }
    }

    private static func jsonObject(_ d: [String: String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: d, options: [.sortedKeys]), as: UTF8.self)
    }

    private static func run(
        _ script: URL, _ arguments: [String], input: Data, environment: [String: String] = [:]
    ) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let process = Process()
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Write and read concurrently so neither side blocks on a full pipe.
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errData = Locked(Data())
        let errReader = Thread { errData.set(stderr.fileHandleForReading.readDataToEndOfFile()) }
        errReader.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { usleep(1000) }
        return (process.terminationStatus, out, errData.value)
    }
}

/// A value set once from another thread.
private final class Locked: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Data
    private var done = false
    init(_ initial: Data) { stored = initial }
    func set(_ v: Data) {
        lock.lock()
        stored = v
        done = true
        lock.unlock()
    }
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return done
    }
    var value: Data {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
