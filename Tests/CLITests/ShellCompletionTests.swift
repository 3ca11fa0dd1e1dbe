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
        // The working directory of the shell: files and directories for the file and directory kinds.
        for file in ["work/a.yaml", "work/b.txt", "work/c.yml", "work/d.json", "work/chart/Chart.yaml", "work/sub/x"] {
            try scratch.write(file, "")
        }
    }

    override func tearDown() { scratch = nil }

    /// The candidates `shell` offers for each line, typed one after the other into one shell.
    /// kubectl's bash completion shows descriptions in the candidates (`value  (help)`): they are cut off.
    private func candidates(_ shell: String, lines: [String], file: StaticString = #filePath, line number: UInt = #line)
        throws -> [[String]]
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
            "/usr/bin/env", ["python3", root + "/Tests/Fixtures/shell/drive-completion.py", shell, setupFile, capture] + lines,
            environment: environment, workingDirectory: scratch.path + "/work")
        XCTAssertEqual(result.status, 0, result.errors, file: file, line: number)
        let records = result.output.split(separator: "\u{1e}\n", omittingEmptySubsequences: false).dropLast()
        return records.map { record in
            var seen = Set<String>()
            return record.split(separator: "\n").map { candidate in
                guard let described = candidate.range(of: "  (") else { return String(candidate) }
                return candidate[..<described.lowerBound].trimmingCharacters(in: .whitespaces)
            }.filter { seen.insert($0).inserted }
        }
    }

    private static let commands = ["join-remote", "status", "leave", "remove-revision", "create-remote-secret", "template", "contexts", "version", "completion", "help"]
    private static let contexts = ["arn:aws:eks:eu-west-1:1:cluster/prod", "kind-east", "kind-west"]

    /// Types every line into one `shell` and checks what each offers (in the order offered,
    /// or sorted with `sorted`).
    private func assertOffers(_ shell: String, _ cases: [(typed: String, expected: [String])], sorted: Bool = false,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let offered = try candidates(shell, lines: cases.map(\.typed), file: file, line: line)
        XCTAssertEqual(offered.count, cases.count, file: file, line: line)
        for (offer, (typed, expected)) in zip(offered, cases) {
            XCTAssertEqual(sorted ? offer.sorted() : offer, expected, "\(shell): \(typed)", file: file, line: line)
        }
    }

    func testBashCompletesCommandsAndContexts() throws {
        try assertOffers("bash", [
            ("kubectl-mesh ", Self.commands),
            ("kubectl-mesh contexts --context ", Self.contexts),
            // bash replaces only what follows the last `=` or `:`; the script hands it just that part.
            ("kubectl-mesh contexts --context=kind-", ["kind-east", "kind-west"]),
            ("kubectl-mesh contexts --context arn:aws:e", ["eks:eu-west-1:1:cluster/prod"]),
            ("kubectl-mesh contexts -o ", ["name", "json", "wide"]),
        ])
    }

    func testZshCompletesCommandsAndContexts() throws {
        try assertOffers("zsh", [
            ("kubectl-mesh ", Self.commands),
            ("kubectl-mesh contexts --context ", Self.contexts),
            ("kubectl-mesh contexts --context=kind-", ["--context=kind-east", "--context=kind-west"]),
            ("kubectl-mesh help co", ["contexts", "completion"]),
        ])
    }

    /// Every kind of value, typed after `kubectl-mesh` and after `kubectl mesh`, in both shells.
    /// Bash's markers (capture.bash) stand for what readline itself adds.
    private func checkEveryValueKind(_ shell: String, program: String, file: StaticString = #filePath,
                                     line: UInt = #line) throws {
        let bash = shell == "bash"
        let contextsWithEquals = Self.contexts.map { $0 + "=" }
        let cases: [(typed: String, expected: [String])] = [
            ("template chart -f ", ["a.yaml", "c.yml", "chart", "d.json", "sub"]),      // files with these extensions
            ("join-remote -f ", ["a.yaml", "c.yml", "chart", "sub"]),
            ("template ", ["chart", "sub"]),                                            // directories
            ("join-remote --istio ", ["chart", "sub"]),
            ("--kubeconfig ", bash ? ["<default file completion>"] : ["a.yaml", "b.txt", "c.yml", "chart", "d.json", "sub"]),
            ("join-remote --cluster-name ", (contextsWithEquals + (bash ? ["<no space>"] : [])).sorted()),
            ("join-remote --cluster-name kind-east=", []),                              // free text after the context
            ("join-remote --mesh ", []),                                                // free text
            ("join-remote --from remote-", ["remote-control-plane", "remote-namespace", "remote-secret"]),  // choices
            ("status --primary kind-", ["kind-east", "kind-west"]),                     // contexts
            ("help ver", ["version"]),                                                  // commands
        ]
        try assertOffers(shell, cases.map { ("\(program) \($0.typed)", $0.expected) }, sorted: true, file: file, line: line)
    }

    func testBashCompletesEveryValueKind() throws {
        try checkEveryValueKind("bash", program: "kubectl-mesh")
    }

    func testZshCompletesEveryValueKind() throws {
        try checkEveryValueKind("zsh", program: "kubectl-mesh")
    }

    func testKubectlCompletesEveryValueKindThroughThePlugin() throws {
        let kubectl = try CLITest.execute("/bin/sh", ["-c", "command -v kubectl"])
        if kubectl.status != 0 { throw XCTSkip("kubectl is not installed") }
        try checkEveryValueKind("bash", program: "kubectl mesh")
        try checkEveryValueKind("zsh", program: "kubectl mesh")
    }

    func testKubectlPluginCompletionRunsTheHelper() throws {
        // kubectl comes from outside Debian's archive (whose kubernetes-client is too old for
        // plugin completion); where it is missing there is nothing to drive.
        let kubectl = try CLITest.execute("/bin/sh", ["-c", "command -v kubectl"])
        if kubectl.status != 0 { throw XCTSkip("kubectl is not installed") }
        for shell in ["bash", "zsh"] {
            try assertOffers(shell, [("kubectl mesh contexts --context ", Self.contexts), ("kubectl mesh con", ["contexts"])])
        }
    }
}
