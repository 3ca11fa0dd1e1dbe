import Foundation
import Kube
import XCTest
import YAML

/// The libcurl transport against a loopback HTTPS server: TLS trust, client
/// certificates, server names, auth headers, compression, proxies, streaming
/// and connection reuse.
final class CurlTransportTests: XCTestCase {
    /// Made once for all tests of the class (RSA key generation is slow), removed after the last.
    private static let certificates: TestCertificates? = try? TestCertificates()

    override class func tearDown() {
        certificates?.remove()
        super.tearDown()
    }

    private var certificates: TestCertificates {
        get throws {
            guard let certificates = Self.certificates else { throw XCTSkip("no openssl") }
            return certificates
        }
    }

    private func withServer(
        requireClientCertificate: Bool = false, proxy: Bool = false, _ body: (EchoServer) throws -> Void
    ) throws {
        let server = try EchoServer(
            certificates: try certificates, requireClientCertificate: requireClientCertificate, proxy: proxy)
        defer { server.stop() }
        try body(server)
    }

    private func cluster(_ server: EchoServer, host: String = "127.0.0.1") throws -> KubeCluster {
        KubeCluster(server: "https://\(host):\(server.port)", certificateAuthorityData: try certificates.bytes("ca.crt"))
    }

    private func transport(_ cluster: KubeCluster, variables: [String: String] = [:]) throws -> CurlTransport {
        CurlTransport(settings: try ConnectionSettings(cluster: cluster, variables: variables))
    }

    private func echo(_ transport: CurlTransport, path: String = "/echo", credentials: RequestCredentials = .none,
                      method: HTTPMethod = .get, body: [UInt8]? = nil) throws -> Value {
        let response = try transport.perform(HTTPRequest(method: method, path: path, body: body), credentials: credentials)
        XCTAssertEqual(response.status, 200)
        return try JSONText.decode(String(decoding: response.body, as: UTF8.self))
    }

    private func client(_ cluster: KubeCluster, user: KubeUser = KubeUser()) throws -> KubeClient {
        try KubeClient(
            context: Fixtures.context(cluster: cluster, user: user),
            environment: KubeEnvironment(variables: [:], random: { 0 }),
            options: KubeClientOptions(clusterName: "west", retry: .never))
    }

    func testClientCertificateFromDataWithRSAKey() throws {
        try withServer { server in
            let identity = ClientIdentity(
                certificate: .data(try certificates.bytes("alice.crt")), key: .data(try certificates.bytes("alice.key")))
            let seen = try echo(try transport(try cluster(server)), credentials: RequestCredentials(clientIdentity: identity))
            XCTAssertEqual(seen["clientCertificate"], "alice")
        }
    }

    func testClientCertificateFromFilesWithECKeyAndCAFile() throws {
        try withServer { server in
            let cluster = KubeCluster(server: "https://127.0.0.1:\(server.port)", certificateAuthority: try certificates.path("ca.crt"))
            let identity = ClientIdentity(
                certificate: .file(try certificates.path("bob.crt")), key: .file(try certificates.path("bob.key")))
            let seen = try echo(try transport(cluster), credentials: RequestCredentials(clientIdentity: identity))
            XCTAssertEqual(seen["clientCertificate"], "bob")
        }
    }

    func testWrongCAIsACertificateErrorNamingTheServer() throws {
        try withServer { server in
            let cluster = KubeCluster(
                server: "https://127.0.0.1:\(server.port)", certificateAuthorityData: try certificates.bytes("other-ca.crt"))
            XCTAssertThrowsError(try client(cluster).serverVersion()) { error in
                let error = error as? KubeError
                XCTAssertEqual(error?.kind, .transport(.serverCertificateUntrusted))
                XCTAssertTrue(
                    error?.description.hasPrefix(
                        "west (context kind-west): the certificate of https://127.0.0.1:\(server.port) could not be verified against the kubeconfig's CA")
                        ?? false, error?.description ?? "")
                XCTAssertNotNil(error?.hint)
            }
        }
    }

    func testSystemStoreDoesNotTrustAPrivateCA() throws {
        try withServer { server in
            XCTAssertThrowsError(try client(KubeCluster(server: "https://127.0.0.1:\(server.port)")).serverVersion()) { error in
                XCTAssertEqual((error as? KubeError)?.kind, .transport(.serverCertificateUntrusted))
                XCTAssertTrue((error as? KubeError)?.message.contains("system's trusted CAs") ?? false)
            }
        }
    }

    func testInsecureSkipsVerification() throws {
        try withServer { server in
            let cluster = KubeCluster(server: "https://127.0.0.1:\(server.port)", insecureSkipTLSVerify: true)
            let seen = try echo(try transport(cluster))
            XCTAssertEqual(seen["method"], "GET")
        }
    }

    func testTLSServerNameIsSentAsSNIAndVerifiedWhileHostStaysTheServer() throws {
        try withServer { server in
            var cluster = try cluster(server)
            cluster.tlsServerName = "kube.test"
            let seen = try echo(try transport(cluster))
            XCTAssertEqual(seen["sni"], "kube.test")
            XCTAssertEqual(seen["headers"]?["host"], .string("127.0.0.1:\(server.port)"))

            cluster.tlsServerName = "not-in-the.certificate"
            XCTAssertThrowsError(try client(cluster).serverVersion()) { error in
                XCTAssertEqual((error as? KubeError)?.kind, .transport(.serverNameMismatch))
                XCTAssertTrue((error as? KubeError)?.hint?.contains("tls-server-name") ?? false)
            }
        }
    }

    func testServerRejectingAMissingClientCertificate() throws {
        try withServer(requireClientCertificate: true) { server in
            XCTAssertThrowsError(try client(try cluster(server)).serverVersion()) { error in
                XCTAssertEqual((error as? KubeError)?.kind, .transport(.clientCertificateRequired), "\(error)")
            }
        }
    }

    func testKeyThatDoesNotMatchTheCertificateIsReported() throws {
        try withServer { server in
            let user = KubeUser(clientCertificate: try certificates.path("alice.crt"), clientKey: try certificates.path("stray.key"))
            XCTAssertThrowsError(try client(try cluster(server), user: user).serverVersion()) { error in
                XCTAssertEqual((error as? KubeError)?.kind, .transport(.clientCertificateUnusable), "\(error)")
            }
        }
    }

    func testBearerAndBasicHeadersReachTheServer() throws {
        try withServer { server in
            let transport = try transport(try cluster(server))
            let bearer = try echo(transport, credentials: RequestCredentials(authorization: "Bearer abc"))
            XCTAssertEqual(bearer["headers"]?["authorization"], "Bearer abc")
            let basic = try echo(transport, credentials: RequestCredentials(authorization: "Basic dTpw"))
            XCTAssertEqual(basic["headers"]?["authorization"], "Basic dTpw")
            let none = try echo(transport)
            XCTAssertNil(none["headers"]?["authorization"])
        }
    }

    func testConnectionIsReusedAcrossRequests() throws {
        try withServer { server in
            let transport = try transport(try cluster(server))
            XCTAssertEqual(try echo(transport)["connectionRequest"], 1)
            XCTAssertEqual(try echo(transport, method: .post, body: Array("{}".utf8))["connectionRequest"], 2)
            XCTAssertEqual(try echo(transport, method: .patch, body: Array("{}".utf8))["connectionRequest"], 3)
            XCTAssertEqual(try echo(transport, method: .delete)["connectionRequest"], 4)
        }
    }

    func testMethodsBodiesAndQueries() throws {
        try withServer { server in
            let transport = try transport(try cluster(server))
            let request = HTTPRequest(
                method: .patch, path: "/apis/x", query: [.init("fieldManager", "kubectl-mesh"), .init("labelSelector", "a=b,c!=d")],
                headers: [.init("Content-Type", "application/apply-patch+yaml")], body: Array(#"{"a":1}"#.utf8))
            let seen = try JSONText.decode(String(decoding: try transport.perform(request, credentials: .none).body, as: UTF8.self))
            XCTAssertEqual(seen["method"], "PATCH")
            XCTAssertEqual(seen["query"]?["labelSelector"], "a=b,c!=d")
            XCTAssertEqual(seen["headers"]?["content-type"], "application/apply-patch+yaml")
            XCTAssertNil(seen["headers"]?["expect"])
            XCTAssertEqual(seen["body"], #"{"a":1}"#)
        }
    }

    func testBodiesThatMustNotBeResentStillArriveWhole() throws {
        try withServer { server in
            let transport = try transport(try cluster(server))
            let body = Array(String(repeating: "x", count: 100_000).utf8)
            for method in [HTTPMethod.post, .patch, .put] {
                let request = HTTPRequest(method: method, path: "/once", body: body, resendable: false)
                let seen = try JSONText.decode(String(decoding: try transport.perform(request, credentials: .none).body, as: UTF8.self))
                XCTAssertEqual(seen["method"]?.string, method.rawValue)
                XCTAssertEqual(seen["body"]?.string?.count, body.count)
            }
        }
    }

    func testGzipUnlessCompressionIsDisabled() throws {
        try withServer { server in
            let compressed = try echo(try transport(try cluster(server)), path: "/gzip")
            XCTAssertEqual(compressed["headers"]?["accept-encoding"], "gzip")
            var plain = try cluster(server)
            plain.disableCompression = true
            let uncompressed = try echo(try transport(plain), path: "/gzip")
            XCTAssertNil(uncompressed["headers"]?["accept-encoding"])
        }
    }

    func testStreamingDeliversChunksAsTheyArriveAndCanStopEarly() throws {
        try withServer { server in
            let transport = try transport(try cluster(server))
            var text = ""
            _ = try transport.perform(HTTPRequest(method: .get, path: "/watch"), credentials: .none) { chunk in
                text += String(decoding: chunk, as: UTF8.self)
                return true
            }
            XCTAssertEqual(text.split(separator: "\n").count, 3)
            var chunks = 0
            let stopped = try transport.perform(HTTPRequest(method: .get, path: "/watch"), credentials: .none) { _ in
                chunks += 1
                return false
            }
            XCTAssertEqual(stopped.status, 200)
            XCTAssertEqual(chunks, 1)
        }
    }

    func testErrorStatusBodiesAreCollectedEvenWhenStreaming() throws {
        try withServer { server in
            let response = try transport(try cluster(server)).perform(
                HTTPRequest(method: .get, path: "/status/403"), credentials: .none) { _ in true }
            XCTAssertEqual(response.status, 403)
            XCTAssertTrue(String(decoding: response.body, as: UTF8.self).contains("echo status 403"))
        }
    }

    func testKubeconfigProxyCarriesTheConnection() throws {
        try withServer(proxy: true) { server in
            let proxyPort = try XCTUnwrap(server.proxyPort)
            var cluster = try cluster(server, host: "localhost")
            cluster.proxyURL = "http://127.0.0.1:\(proxyPort)"
            // The process's own environment must not matter: libcurl is told the proxy explicitly.
            let seen = try echo(try transport(cluster, variables: ["NO_PROXY": "*"]))
            XCTAssertEqual(seen["method"], "GET")
            XCTAssertEqual(server.tunnels, ["TUNNEL localhost:\(server.port)"])
        }
    }

    func testEnvironmentProxyCarriesTheConnectionUnlessNoProxyNamesTheHost() throws {
        // kube.test resolves nowhere but at the proxy, so only a tunnel through it can succeed.
        let server = try EchoServer(certificates: try certificates, proxy: true, proxyHosts: ["kube.test": "127.0.0.1"])
        defer { server.stop() }
        let proxyPort = try XCTUnwrap(server.proxyPort)
        let cluster = KubeCluster(server: "https://kube.test:\(server.port)", certificateAuthorityData: try certificates.bytes("ca.crt"))
        func client(_ variables: [String: String]) throws -> KubeClient {
            try KubeClient(
                context: Fixtures.context(cluster: cluster, user: KubeUser()),
                environment: KubeEnvironment(variables: variables, random: { 0 }),
                options: KubeClientOptions(clusterName: "west", retry: .never))
        }

        let proxied = try client(["HTTPS_PROXY": "127.0.0.1:\(proxyPort)", "NO_PROXY": "localhost,.example.com,10.0.0.0/8"])
        XCTAssertNoThrow(try proxied.serverVersion())
        XCTAssertEqual(server.tunnels, ["TUNNEL kube.test:\(server.port)"])

        for noProxy in ["kube.test", ".test", "*", "kube.test:\(server.port)"] {
            let direct = try client(["https_proxy": "http://127.0.0.1:\(proxyPort)", "no_proxy": noProxy])
            XCTAssertThrowsError(try direct.serverVersion(), noProxy) { error in
                XCTAssertEqual((error as? KubeError)?.kind, .transport(.hostNotFound), "\(noProxy): \(error)")
            }
        }
        XCTAssertEqual(server.tunnels.count, 1, "NO_PROXY kept every other request off the proxy")
    }

    func testProxyThatCannotReachTheServerIsAProxyError() throws {
        try withServer(proxy: true) { server in
            let proxyPort = try XCTUnwrap(server.proxyPort)
            let cluster = KubeCluster(server: "https://kube.test:\(server.port)", certificateAuthorityData: try certificates.bytes("ca.crt"))
            let settings = try ConnectionSettings(cluster: cluster, variables: ["HTTPS_PROXY": "127.0.0.1:\(proxyPort)"])
            XCTAssertEqual(settings.proxy, "http://127.0.0.1:\(proxyPort)")
            XCTAssertThrowsError(try CurlTransport(settings: settings).perform(HTTPRequest(method: .get, path: "/"), credentials: .none)) {
                XCTAssertEqual(($0 as? TransportError)?.kind, .proxyFailed, "\($0)")
            }
        }
    }

    func testConnectTimeoutCoversAServerThatNeverAnswersTheHandshake() throws {
        // A listening socket nobody accepts from: the kernel completes TCP, the TLS handshake never does.
        let (fd, port) = try Self.listeningSocket()
        defer { close(fd) }
        let cluster = KubeCluster(server: "https://127.0.0.1:\(port)", insecureSkipTLSVerify: true)
        let client = try KubeClient(
            context: Fixtures.context(cluster: cluster, user: KubeUser()),
            environment: KubeEnvironment(variables: [:], random: { 0 }),
            options: KubeClientOptions(clusterName: "west", connectTimeout: 0.3, requestTimeout: 60, retry: .never))
        XCTAssertThrowsError(try client.serverVersion()) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.kind, .transport(.connectTimeout), "a request timeout (60s) would say timedOut")
            XCTAssertEqual(
                error?.description, "west (context kind-west): cannot connect to https://127.0.0.1:\(port): no answer within 0.3s")
        }
    }

    func testConnectionRefusedNamesTheServer() throws {
        // Bind and close a socket to find a port nothing listens on.
        let port = try Self.unusedPort()
        let cluster = KubeCluster(server: "https://127.0.0.1:\(port)", insecureSkipTLSVerify: true)
        XCTAssertThrowsError(try client(cluster).serverVersion()) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.kind, .transport(.connectionRefused))
            XCTAssertEqual(error?.description, "west (context kind-west): cannot connect to https://127.0.0.1:\(port): connection refused")
        }
    }

    /// A loopback socket that listens but never accepts, and its port.
    static func listeningSocket() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw XCTSkip("cannot listen on a loopback socket")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    static func unusedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(fd, raw, length) == 0, getsockname(fd, raw, &length) == 0 else {
                    throw XCTSkip("cannot bind a loopback socket")
                }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
