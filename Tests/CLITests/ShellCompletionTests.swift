import Foundation
import XCTest

/// Completion in real bash and zsh on a pseudo-terminal: the scripts in
/// completions/, and kubectl's own plugin completion running kubectl_complete-mesh.
final class ShellCompletionTests: XCTestCase {
    private var scratch: Scratch!

    override func setUpWithError() throws {
        scratch = try Scratch()
        let executable = try CLITest.builtExecutable()
        try FileManager.default.createDirectory(atPath: scratch.path + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/bin/kubectl-mesh", withDestinationPath: executable)
        try FileManager.default.copyItem(atPath: CLITest.packageRoot + "/completions/kubectl_complete-mesh",
                                        toPath: scratch.path + "/bin/kubectl_complete-mesh")
        try scratch.write("kube/config", CLITest.kubeconfig)
    }

    override func tearDown() { scratch = nil }

    /// The candidates `shell` offers when `line` is typed and TAB pressed.
    private func candidates(_ shell: String, _ line: String, file: StaticString = #filePath, line number: UInt = #line)
        throws -> [String]
    {
        let root = CLITest.packageRoot
        let setup: String
        if shell == "bash" {
            let bashCompletion = "/usr/share/bash-completion/bash_completion"
            guard FileManager.default.fileExists(atPath: bashCompletion) else {
                XCTFail("bash-completion is not installed (kubectl's bash completion needs it); .ci/run installs it",
                        file: file, line: number)
                return []
            }
            setup = """
                source \(bashCompletion)
                source \(root)/completions/kubectl-mesh.bash
                source <(kubectl completion bash)
                source \(root)/Tests/Fixtures/shell/capture.bash
                """
        } else {
            setup = """
                autoload -Uz compinit && compinit -u -D
                source \(root)/completions/_kubectl-mesh
                source <(kubectl completion zsh)
                source \(root)/Tests/Fixtures/shell/capture.zsh
                """
        }
        let setupFile = try scratch.write("setup.\(shell)", setup)
        let capture = scratch.path + "/captured-\(UUID().uuidString)"
        let environment = [
            // The test's own PATH after the plugin: kubectl may live elsewhere (.ci/run's venv).
            "PATH": scratch.path + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"),
            "HOME": scratch.path,
            "KUBECONFIG": scratch.path + "/kube/config",
            "LANG": "C.UTF-8",
        ]
        let result = try CLITest.execute(
            "/usr/bin/env", ["python3", root + "/Tests/Fixtures/shell/drive-completion.py", shell, setupFile, capture, line],
            environment: environment)
        XCTAssertEqual(result.status, 0, result.errors, file: file, line: number)
        var seen = Set<String>()
        return result.output.split(separator: "\n").map(String.init).filter { seen.insert($0).inserted }
    }

    private static let commands = ["join-remote", "status", "leave", "remove-revision", "create-remote-secret", "template", "contexts", "version", "completion", "help"]
    private static let contexts = ["arn:aws:eks:eu-west-1:1:cluster/prod", "kind-east", "kind-west"]

    func testBashCompletesCommandsAndContexts() throws {
        XCTAssertEqual(try candidates("bash", "kubectl-mesh "), Self.commands)
        XCTAssertEqual(try candidates("bash", "kubectl-mesh contexts --context "), Self.contexts)
        // bash replaces only what follows the last `=` or `:`; the script hands it just that part.
        XCTAssertEqual(try candidates("bash", "kubectl-mesh contexts --context=kind-"), ["kind-east", "kind-west"])
        XCTAssertEqual(try candidates("bash", "kubectl-mesh contexts --context arn:aws:e"), ["eks:eu-west-1:1:cluster/prod"])
        XCTAssertEqual(try candidates("bash", "kubectl-mesh contexts -o "), ["name", "json", "wide"])
    }

    func testZshCompletesCommandsAndContexts() throws {
        XCTAssertEqual(try candidates("zsh", "kubectl-mesh "), Self.commands)
        XCTAssertEqual(try candidates("zsh", "kubectl-mesh contexts --context "), Self.contexts)
        XCTAssertEqual(try candidates("zsh", "kubectl-mesh contexts --context=kind-"),
                       ["--context=kind-east", "--context=kind-west"])
        XCTAssertEqual(try candidates("zsh", "kubectl-mesh help co"), ["contexts", "completion"])
    }

    func testKubectlPluginCompletionRunsTheHelper() throws {
        // kubectl comes from outside Debian's archive (whose kubernetes-client is too old for
        // plugin completion); where it is missing there is nothing to drive.
        let kubectl = try CLITest.execute("/bin/sh", ["-c", "command -v kubectl"])
        if kubectl.status != 0 { throw XCTSkip("kubectl is not installed") }
        for shell in ["bash", "zsh"] {
            XCTAssertEqual(try candidates(shell, "kubectl mesh contexts --context "), Self.contexts, shell)
            XCTAssertEqual(try candidates(shell, "kubectl mesh con"), ["contexts"], shell)
        }
    }
}
