import CLI
import Foundation
import XCTest

/// install.sh with DESTDIR into a temporary directory, reusing the test build
/// (`--binary`) so that CI does not build the release twice.
final class InstallScriptTests: XCTestCase {
    func testInstallsEveryFileAndUninstallRemovesExactlyThose() throws {
        let scratch = try Scratch()
        let binary = try CLITest.builtExecutable()
        let root = CLITest.packageRoot
        let destination = scratch.path + "/dest"
        // Something of the user's in a directory the install also uses must survive the uninstall.
        let unrelated = try scratch.write("dest/opt/mesh/share/man/man1/other.1", ".TH OTHER 1\n")
        var environment = ProcessInfo.processInfo.environment
        environment["DESTDIR"] = destination
        environment["PATH"] = "/usr/bin:/bin"

        let install = try CLITest.execute("/bin/sh", [root + "/install.sh", "--prefix", "/opt/mesh", "--binary", binary],
                                          environment: environment)
        XCTAssertEqual(install.status, 0, install.errors)
        let expected = [
            "bin/kubectl-mesh", "bin/kubectl_complete-mesh", "share/bash-completion/completions/kubectl-mesh",
            "share/zsh/site-functions/_kubectl-mesh", "share/man/man1/kubectl-mesh.1",
        ]
        let fileManager = FileManager.default
        for file in expected {
            XCTAssertTrue(fileManager.fileExists(atPath: destination + "/opt/mesh/" + file), file)
            XCTAssertTrue(install.output.contains(destination + "/opt/mesh/" + file), "listed: \(file)")
        }
        XCTAssertTrue(fileManager.isExecutableFile(atPath: destination + "/opt/mesh/bin/kubectl-mesh"))
        XCTAssertTrue(fileManager.isExecutableFile(atPath: destination + "/opt/mesh/bin/kubectl_complete-mesh"))
        XCTAssertEqual(try String(contentsOfFile: destination + "/opt/mesh/share/zsh/site-functions/_kubectl-mesh", encoding: .utf8),
                       try String(contentsOfFile: root + "/completions/_kubectl-mesh", encoding: .utf8))
        XCTAssertTrue(install.output.contains("/opt/mesh/bin is not on your PATH"), install.output)

        // The installed plugin runs, and its completion helper finds it beside itself.
        let version = try CLITest.execute(destination + "/opt/mesh/bin/kubectl-mesh", ["version"], environment: environment)
        XCTAssertTrue(version.output.hasPrefix("kubectl-mesh "), version.output)
        let completion = try CLITest.execute(destination + "/opt/mesh/bin/kubectl_complete-mesh", ["vers"], environment: environment)
        XCTAssertEqual(completion.output, "version\tprint the plugin version and the Istio release found\n:4\n")

        // Running it again is fine.
        XCTAssertEqual(try CLITest.execute("/bin/sh", [root + "/install.sh", "--prefix", "/opt/mesh", "--binary", binary],
                                           environment: environment).status, 0)

        let uninstall = try CLITest.execute("/bin/sh", [root + "/install.sh", "--prefix", "/opt/mesh", "--uninstall"],
                                            environment: environment)
        XCTAssertEqual(uninstall.status, 0, uninstall.errors)
        let left = fileManager.enumerator(atPath: destination)?.allObjects.compactMap { $0 as? String }.sorted() ?? []
        XCTAssertEqual(left, ["opt", "opt/mesh", "opt/mesh/share", "opt/mesh/share/man", "opt/mesh/share/man/man1",
                              "opt/mesh/share/man/man1/other.1"])
        XCTAssertTrue(fileManager.fileExists(atPath: unrelated))

        let again = try CLITest.execute("/bin/sh", [root + "/install.sh", "--prefix", "/opt/mesh", "--uninstall"],
                                        environment: environment)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.errors.contains("nothing to uninstall"), again.errors)
    }

    /// A plain install (no DESTDIR) as a user does it: kubectl finds the plugin and, for
    /// `kubectl mesh <TAB>`, its completion helper on PATH; the notes say what to add
    /// for completion outside the shells' default directories; uninstalling leaves the
    /// prefix as empty as it was.
    func testInstalledPluginWorksThroughKubectlAndUninstallLeavesNothing() throws {
        let scratch = try Scratch()
        let binary = try CLITest.builtExecutable()
        let root = CLITest.packageRoot
        let prefix = scratch.path + "/prefix"
        let inherited = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        var environment = ["HOME": scratch.path + "/home", "PATH": inherited]
        let install = try CLITest.execute("/bin/sh", [root + "/install.sh", "--prefix", prefix, "--binary", binary],
                                          environment: environment)
        XCTAssertEqual(install.status, 0, install.errors)
        XCTAssertTrue(install.output.contains("source \(prefix)/share/bash-completion/completions/kubectl-mesh"), install.output)
        if try CLITest.execute("/bin/sh", ["-c", "command -v zsh"]).status == 0 {
            XCTAssertTrue(install.output.contains("fpath=(\(prefix)/share/zsh/site-functions $fpath)"), install.output)
        }

        environment["PATH"] = prefix + "/bin:" + inherited
        environment["KUBECONFIG"] = try scratch.write("kubeconfig", CLITest.kubeconfig)
        let kubectl = try CLITest.execute("/bin/sh", ["-c", "command -v kubectl"], environment: environment)
        if kubectl.status == 0 {
            let kubectlPath = kubectl.output.trimmingCharacters(in: .whitespacesAndNewlines)
            let plugins = try CLITest.execute(kubectlPath, ["plugin", "list"], environment: environment)
            XCTAssertTrue(plugins.output.contains(prefix + "/bin/kubectl-mesh"), plugins.output + plugins.errors)
            let version = try CLITest.execute(kubectlPath, ["mesh", "version"], environment: environment)
            XCTAssertTrue(version.output.hasPrefix("kubectl-mesh \(MeshCLI.version)\n"), version.output + version.errors)
            // kubectl runs kubectl_complete-mesh from PATH for `kubectl mesh <TAB>`.
            let complete = try CLITest.execute(kubectlPath, ["__complete", "mesh", "contexts", "--context", "kind-"],
                                               environment: environment)
            XCTAssertEqual(complete.output.split(separator: "\n").prefix(2), ["kind-east", "kind-west"], complete.errors)
        }

        let uninstall = try CLITest.execute("/bin/sh", [root + "/install.sh", "--prefix", prefix, "--uninstall"],
                                            environment: environment)
        XCTAssertEqual(uninstall.status, 0, uninstall.errors)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: prefix), [])
    }

    func testUnknownOptionIsRefused() throws {
        let result = try CLITest.execute("/bin/sh", [CLITest.packageRoot + "/install.sh", "--prefx", "/x"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.errors, "install.sh: unknown option --prefx (see ./install.sh --help)\n")
    }
}
