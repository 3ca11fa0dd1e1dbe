import XCTest

@testable import CLI

/// The files in completions/ are what `completion bash|zsh` prints.
final class CompletionScriptTests: XCTestCase {
    func testFilesEqualWhatTheCommandPrints() throws {
        for (shell, file) in [("bash", "kubectl-mesh.bash"), ("zsh", "_kubectl-mesh")] {
            let onDisk = try String(contentsOfFile: CLITest.packageRoot + "/completions/" + file, encoding: .utf8)
            let printed = CLITest.run(["completion", shell])
            XCTAssertEqual(printed.status, .success)
            XCTAssertEqual(printed.output, onDisk,
                           "completions/\(file) differs: regenerate it with `kubectl-mesh completion \(shell) > completions/\(file)`")
        }
    }

    func testPluginHelperHandsItsArgumentsToComplete() throws {
        let script = try String(contentsOfFile: CLITest.packageRoot + "/completions/kubectl_complete-mesh", encoding: .utf8)
        XCTAssertTrue(script.hasPrefix("#!/bin/sh\n"))
        XCTAssertTrue(script.contains("__complete \"$@\""))
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: CLITest.packageRoot + "/completions/kubectl_complete-mesh"))
    }

    func testUnknownShellIsAUsageError() {
        let result = CLITest.run(["completion", "fish"])
        XCTAssertEqual(result.status, .usage)
        XCTAssertEqual(result.errors.split(separator: "\n").first, "error: invalid SHELL \"fish\": expected one of bash, zsh")
    }
}
