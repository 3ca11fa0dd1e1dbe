import Kube
import XCTest

final class ServerEndpointTests: XCTestCase {
    func testParsesHostPortAndPrefix() throws {
        let endpoint = try ServerEndpoint(server: "https://rancher.example.com/k8s/clusters/c-abc/")
        XCTAssertEqual(endpoint.scheme, "https")
        XCTAssertEqual(endpoint.host, "rancher.example.com")
        XCTAssertEqual(endpoint.port, 443)
        XCTAssertEqual(endpoint.pathPrefix, "/k8s/clusters/c-abc")
        XCTAssertEqual(endpoint.authority, "rancher.example.com")
    }

    func testParsesIPv6LiteralWithPort() throws {
        let endpoint = try ServerEndpoint(server: "https://[::1]:6443")
        XCTAssertEqual(endpoint.host, "::1")
        XCTAssertEqual(endpoint.urlHost, "[::1]")
        XCTAssertEqual(endpoint.port, 6443)
        XCTAssertTrue(endpoint.isLoopback)
    }

    func testLocalOnlyHostsAndServerIdentity() throws {
        for local in ["https://127.0.0.1:40143", "https://localhost:6443", "https://[::1]:6443", "https://0.0.0.0:6443",
                      "https://api.localhost", "https://[::]:6443"] {
            XCTAssertTrue(try ServerEndpoint(server: local).isLocalOnly, local)
        }
        XCTAssertFalse(try ServerEndpoint(server: "https://172.18.0.3:6443").isLocalOnly)
        XCTAssertFalse(try ServerEndpoint(server: "https://localhost.example.com").isLocalOnly)
        XCTAssertEqual(try ServerEndpoint(server: "https://API.example.com:443/").identity, "api.example.com:443")
        XCTAssertEqual(try ServerEndpoint(server: "https://api.example.com").identity, "api.example.com:443")
        XCTAssertEqual(try ServerEndpoint(server: "https://[FD00::1]:6443").identity, "[fd00::1]:6443")
        XCTAssertEqual(try ServerEndpoint(server: "https://r.example.com/k8s/clusters/c-1").identity, "r.example.com:443/k8s/clusters/c-1")
        XCTAssertEqual(IPAddress("172.18.255.10")?.bytes, [172, 18, 255, 10])
        XCTAssertEqual(IPAddress("fd00::10")?.bytes.count, 16)
        XCTAssertNil(IPAddress("300.1.1.1"))
        XCTAssertNil(IPAddress("lb.example.com"))
    }

    func testRejectsWhatIsNotAnHTTPURL() {
        XCTAssertThrowsError(try ServerEndpoint(server: "127.0.0.1:6443")) {
            XCTAssertEqual($0 as? ServerEndpoint.ParseError, .notAURL)
        }
        XCTAssertThrowsError(try ServerEndpoint(server: "ftp://host")) {
            XCTAssertEqual($0 as? ServerEndpoint.ParseError, .unsupportedScheme("ftp"))
        }
        XCTAssertThrowsError(try ServerEndpoint(server: "https://host:99999")) {
            XCTAssertEqual($0 as? ServerEndpoint.ParseError, .badPort("99999"))
        }
    }

    func testInsecureTogetherWithCAIsRefused() {
        let cluster = KubeCluster(server: "https://h", certificateAuthorityData: [1], insecureSkipTLSVerify: true)
        XCTAssertThrowsError(try ConnectionSettings(cluster: cluster, variables: [:])) {
            XCTAssertEqual($0 as? ConnectionSettings.Problem, .insecureWithCertificateAuthority)
        }
    }

    func testTrustFollowsTheKubeconfig() throws {
        XCTAssertEqual(
            try ConnectionSettings(cluster: KubeCluster(server: "https://h", certificateAuthorityData: [1, 2]), variables: [:]).trust,
            .certificateAuthorityData([1, 2]))
        XCTAssertEqual(
            try ConnectionSettings(cluster: KubeCluster(server: "https://h", certificateAuthority: "/ca.pem"), variables: [:]).trust,
            .certificateAuthorityFile("/ca.pem"))
        XCTAssertEqual(
            try ConnectionSettings(cluster: KubeCluster(server: "https://h", insecureSkipTLSVerify: true), variables: [:]).trust,
            .insecure)
        XCTAssertEqual(try ConnectionSettings(cluster: KubeCluster(server: "https://h"), variables: [:]).trust, .systemStore)
    }
}

final class ProxySelectionTests: XCTestCase {
    private func proxy(_ server: String, proxyURL: String? = nil, _ variables: [String: String]) throws -> String? {
        ProxySelection.proxy(for: try ServerEndpoint(server: server), proxyURL: proxyURL, variables: variables)
    }

    func testKubeconfigProxyURLWinsOverEnvironmentAndLoopback() throws {
        XCTAssertEqual(
            try proxy("https://127.0.0.1:6443", proxyURL: "http://corp:3128", ["HTTPS_PROXY": "http://other:1"]),
            "http://corp:3128")
    }

    func testSocks5ResolvesNamesAtTheProxy() throws {
        XCTAssertEqual(try proxy("https://k8s.example.com", proxyURL: "socks5://jump:1080", [:]), "socks5h://jump:1080")
    }

    func testEnvironmentProxyAppliesToHTTPSServers() throws {
        XCTAssertEqual(try proxy("https://k8s.example.com", ["HTTPS_PROXY": "proxy:3128"]), "http://proxy:3128")
        XCTAssertEqual(try proxy("https://k8s.example.com", ["https_proxy": "http://p:1"]), "http://p:1")
        XCTAssertNil(try proxy("https://k8s.example.com", ["HTTP_PROXY": "http://p:1"]))
        XCTAssertEqual(try proxy("http://k8s.example.com", ["HTTP_PROXY": "http://p:1"]), "http://p:1")
    }

    func testLoopbackNeverGoesThroughAnEnvironmentProxy() throws {
        XCTAssertNil(try proxy("https://127.0.0.1:6443", ["HTTPS_PROXY": "http://p:1"]))
        XCTAssertNil(try proxy("https://localhost:6443", ["HTTPS_PROXY": "http://p:1"]))
        XCTAssertNil(try proxy("https://[::1]:6443", ["HTTPS_PROXY": "http://p:1"]))
    }

    func testNoProxyForms() throws {
        let base = ["HTTPS_PROXY": "http://p:1"]
        func exempt(_ server: String, _ noProxy: String) throws -> Bool {
            try proxy(server, base.merging(["NO_PROXY": noProxy]) { $1 }) == nil
        }
        XCTAssertTrue(try exempt("https://api.example.com", "*"))
        XCTAssertTrue(try exempt("https://api.example.com", "other.org, example.com"))
        XCTAssertTrue(try exempt("https://example.com", "example.com"))
        XCTAssertTrue(try exempt("https://api.example.com", ".example.com"))
        XCTAssertFalse(try exempt("https://example.com", ".example.com"))
        XCTAssertFalse(try exempt("https://notexample.com", "example.com"))
        XCTAssertTrue(try exempt("https://10.1.2.3:6443", "10.0.0.0/8"))
        XCTAssertFalse(try exempt("https://11.1.2.3:6443", "10.0.0.0/8"))
        XCTAssertTrue(try exempt("https://10.1.2.3:6443", "10.1.2.3"))
        XCTAssertTrue(try exempt("https://api.example.com:6443", "api.example.com:6443"))
        XCTAssertFalse(try exempt("https://api.example.com:6443", "api.example.com:443"))
        XCTAssertTrue(try exempt("https://[fd00::5]:6443", "fd00::/8"))
    }
}
