@testable import Kube
import XCTest

/// Loading libcurl: what a user reads when libcurl.so.4 is missing, not libcurl, or
/// too old. The probe runs the same load and check as the transport, on another name.
final class CurlLibraryTests: XCTestCase {
    func testTheInstalledLibcurlPasses() {
        XCTAssertNil(CurlLibrary.probe(soname: "libcurl.so.4"))
        XCTAssertNil(CurlLibrary.unavailable)
    }

    func testAMissingLibrarySaysWhatIsMissing() throws {
        let problem = try XCTUnwrap(CurlLibrary.probe(soname: "libcurl-kubectl-mesh-absent.so.4"))
        XCTAssertEqual(
            problem,
            "libcurl (libcurl.so.4) could not be loaded: libcurl-kubectl-mesh-absent.so.4: cannot open shared object file: No such file or directory")
    }

    func testALibraryThatIsNotLibcurlIsNamed() throws {
        let problem = try XCTUnwrap(CurlLibrary.probe(soname: "libz.so.1"))
        XCTAssertEqual(
            problem, "libcurl (libcurl.so.4) could not be loaded: libz.so.1 does not define curl_global_init (it is not libcurl)")
    }

    func testTheErrorNamesTheRequestServerAndPackages() throws {
        let detail = try XCTUnwrap(CurlLibrary.probe(soname: "libcurl-kubectl-mesh-absent.so.4"))
        let transport = ScriptedTransport([
            .fail(TransportError(kind: .libraryUnavailable, detail: detail, requestMayHaveBeenSent: false))
        ])
        let client = try KubeClient(
            context: Fixtures.context(), environment: Fixtures.environment(),
            options: KubeClientOptions(clusterName: "west"), transport: transport)
        XCTAssertThrowsError(try client.serverVersion()) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.kind, .transport(.libraryUnavailable))
            XCTAssertEqual(
                error?.description,
                "west (context kind-west): cannot send GET /version to https://127.0.0.1:6443: \(detail)")
            XCTAssertEqual(
                error?.hint,
                "install libcurl: the package libcurl4 on Debian and Ubuntu, libcurl on Fedora, RHEL and Alpine, curl on Arch")
        }
        XCTAssertEqual(transport.requests.count, 1, "a missing library is not retried")
    }
}
