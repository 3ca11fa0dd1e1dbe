import XCTest

@testable import Helm

/// Finding an Istio release: --istio, ISTIO_HOME, istioctl on PATH, with a
/// file system the test describes.
final class IstioReleaseTests: XCTestCase {
    /// A fake file system: directories, executables and files by path.
    private func fileSystem(directories: Set<String>, executables: Set<String> = [], files: [String: String] = [:], links: [String: String] = [:])
        -> IstioRelease.FileSystem
    {
        IstioRelease.FileSystem(
            isDirectory: { directories.contains($0) }, isExecutableFile: { executables.contains($0) },
            readFile: { path in
                guard let text = files[path] else { throw LocalFiles.Failure(message: "open \(path): no such file or directory") }
                return Array(text.utf8)
            }, resolvingSymlinks: { links[$0] ?? $0 })
    }

    private func release(_ root: String, version: String = "1.28.0") -> (Set<String>, [String: String]) {
        let charts = root + "/manifests/charts"
        let directories: Set<String> = [root, root + "/manifests", charts, charts + "/base", charts + "/istio-control/istio-discovery", charts + "/gateway"]
        return (directories, [charts + "/istio-control/istio-discovery/Chart.yaml": "apiVersion: v2\nname: istiod\nversion: \(version)\n"])
    }

    func testExplicitDirectoryRootOrCharts() throws {
        let (directories, files) = release("/opt/istio-1.28.0")
        let fs = fileSystem(directories: directories, files: files)
        let fromRoot = try IstioRelease.locate(explicitDirectory: "/opt/istio-1.28.0/", environment: [:], fileSystem: fs)
        XCTAssertEqual(fromRoot.chartsDirectory, "/opt/istio-1.28.0/manifests/charts")
        XCTAssertEqual(fromRoot.root, "/opt/istio-1.28.0")
        XCTAssertEqual(fromRoot.version, "1.28.0")
        XCTAssertEqual(fromRoot.origin, .flag)
        XCTAssertEqual(fromRoot.directory(of: .discovery), "/opt/istio-1.28.0/manifests/charts/istio-control/istio-discovery")
        let fromCharts = try IstioRelease.locate(explicitDirectory: "/opt/istio-1.28.0/manifests/charts", environment: [:], fileSystem: fs)
        XCTAssertEqual(fromCharts, fromRoot)
    }

    func testOrderFlagThenEnvironmentThenIstioctl() throws {
        let (a, filesA) = release("/a", version: "1.1.0")
        let (b, filesB) = release("/b", version: "1.2.0")
        let fs = fileSystem(
            directories: a.union(b), executables: ["/usr/local/bin/istioctl"], files: filesA.merging(filesB) { $1 },
            links: ["/usr/local/bin/istioctl": "/b/bin/istioctl"])
        let environment = ["ISTIO_HOME": "/a", "PATH": "/usr/bin:/usr/local/bin"]
        XCTAssertEqual(try IstioRelease.locate(explicitDirectory: "/b", environment: environment, fileSystem: fs).version, "1.2.0")
        XCTAssertEqual(try IstioRelease.locate(explicitDirectory: nil, environment: environment, fileSystem: fs).version, "1.1.0")
        let viaPath = try IstioRelease.locate(explicitDirectory: nil, environment: ["PATH": "/usr/bin:/usr/local/bin"], fileSystem: fs)
        XCTAssertEqual(viaPath.version, "1.2.0")
        XCTAssertEqual(viaPath.origin, .istioctl("/usr/local/bin/istioctl"))
    }

    func testErrorsSayWhatWasTriedAndHowToFixIt() {
        let (directories, files) = release("/good")
        let fs = fileSystem(directories: directories.union(["/empty", "/partial", "/partial/manifests/charts", "/partial/manifests/charts/istio-control/istio-discovery"]), files: files)
        func failure(_ explicit: String?, _ environment: [String: String]) -> IstioRelease.NotFound? {
            do {
                _ = try IstioRelease.locate(explicitDirectory: explicit, environment: environment, fileSystem: fs)
                return nil
            } catch let error as IstioRelease.NotFound {
                return error
            } catch {
                return nil
            }
        }
        XCTAssertEqual(failure("/missing", [:])?.message, "--istio /missing: no such directory")
        XCTAssertEqual(
            failure("/empty", [:])?.message,
            "--istio /empty is not an Istio release: neither /empty/manifests/charts nor /empty holds the istio-control/istio-discovery chart")
        XCTAssertEqual(failure("/partial", [:])?.message, "--istio /partial: /partial/manifests/charts has no base chart")
        XCTAssertEqual(failure(nil, ["ISTIO_HOME": "/missing"])?.message, "ISTIO_HOME=/missing: no such directory")
        let none = failure(nil, ["PATH": "/usr/bin"])
        XCTAssertEqual(none?.message, "no Istio release found: no --istio, ISTIO_HOME is not set, and istioctl is not on PATH")
        XCTAssertTrue(none?.hint?.contains("downloadIstio") == true)
    }

    func testLocalCopyOfIstioWhenPresent() throws {
        let local = "/work/istio"
        guard case .directory = LocalFiles.kind(local + "/manifests/charts") else {
            throw XCTSkip("no local Istio release at \(local); the fake file system tests cover the logic")
        }
        let release = try IstioRelease.locate(explicitDirectory: local, environment: [:])
        XCTAssertFalse(release.version.isEmpty)
    }
}
