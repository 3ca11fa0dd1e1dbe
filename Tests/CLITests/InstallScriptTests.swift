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

    func testUnknownOptionIsRefused() throws {
        let result = try CLITest.execute("/bin/sh", [CLITest.packageRoot + "/install.sh", "--prefx", "/x"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.errors, "install.sh: unknown option --prefx (see ./install.sh --help)\n")
    }
}
