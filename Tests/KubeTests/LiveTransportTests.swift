import Foundation
import Kube
import TestCluster
import XCTest
import YAML

/// What the libcurl transport does on the wire, as the test API server saw it:
/// how many TCP connections a run opens, and whether answers came compressed.
final class LiveTransportTests: XCTestCase {
    private var cluster: TestCluster!

    override func setUpWithError() throws {
        cluster = try TestCluster.start(name: "west")
    }

    override func tearDown() {
        cluster?.stop()
    }

    func testOneConnectionCarriesEveryRequestOfASequentialRun() throws {
        let client = try LiveCluster.client(cluster)
        _ = try client.serverVersion()
        for index in 0..<5 { _ = try client.apply(LiveCluster.configMap("seq-\(index)")) }
        _ = try client.get(.configMap, name: "seq-0", namespace: "default")
        _ = try client.list(.configMap, namespace: "default")
        try client.delete(.configMap, name: "seq-1", namespace: "default")
        let log = try cluster.requestLog()
        XCTAssertEqual(log.count, 10, "version, discovery, 5 applies, get, list, delete")
        XCTAssertEqual(Set(log.map(\.connection)), [1], "one TCP (and TLS) connection for the whole run")
    }

    func testConcurrentAppliesOpenOneConnectionPerRequestInFlightResumingTheFirstOnesTLSSession() throws {
        let client = try LiveCluster.client(cluster)
        let first = client.apply((0..<40).map { LiveCluster.configMap("batch-a-\($0)") }, concurrency: 4)
        XCTAssertEqual(first.filter { (try? $0.get()) == nil }.count, 0)
        let mark = try cluster.requestLogMark()
        let opened = Set(try cluster.requestLog().compactMap(\.connection))
        XCTAssertLessThanOrEqual(opened.count, 4, "\(opened)")

        let log = try cluster.requestLog()
        let resumed = Dictionary(log.compactMap { entry in entry.connection.map { ($0, entry.tlsResumed) } }, uniquingKeysWith: { a, _ in a })
        XCTAssertGreaterThan(resumed.count, 1, "four requests in flight need more than one connection")
        XCTAssertEqual(resumed[1], false, "the first connection does the full handshake")
        for (connection, wasResumed) in resumed where connection != 1 {
            XCTAssertEqual(wasResumed, true, "connection \(connection) resumed the first one's TLS session")
        }

        let second = client.apply((0..<40).map { LiveCluster.configMap("batch-b-\($0)") }, concurrency: 4)
        XCTAssertEqual(second.filter { (try? $0.get()) == nil }.count, 0)
        let reused = Set(try cluster.requestLog(since: mark).compactMap(\.connection))
        XCTAssertTrue(reused.isSubset(of: opened), "the second batch opened \(reused.subtracting(opened))")
    }

    func testLargeAnswersComeGzippedAndAreDecoded() throws {
        let blob = String(repeating: "mesh-", count: 60 * 1024)  // 300 KiB, over the server's 128 KiB threshold
        let admin = try LiveCluster.client(cluster)
        _ = try admin.apply(LiveCluster.configMap("large", data: ["blob": blob]))

        var mark = try cluster.requestLogMark()
        let compressed = try admin.get(.configMap, name: "large", namespace: "default")
        XCTAssertEqual(compressed?["data"]?["blob"]?.string?.count, blob.count)
        let gzipped = try XCTUnwrap(try cluster.requestLog(since: mark).last)
        XCTAssertEqual(gzipped.acceptEncoding, "gzip")
        XCTAssertEqual(gzipped.contentEncoding, "gzip", "the server really sent gzip")

        var entry = KubeCluster(server: cluster.server.absoluteString, certificateAuthority: cluster.caCertificatePath)
        entry.disableCompression = true
        let plain = try LiveCluster.client(cluster, kubeCluster: entry)
        mark = try cluster.requestLogMark()
        XCTAssertEqual(try plain.get(.configMap, name: "large", namespace: "default")?["data"]?["blob"]?.string, blob)
        let uncompressed = try cluster.requestLog(since: mark)
        XCTAssertEqual(uncompressed.map(\.acceptEncoding), [nil, nil], "discovery and the get, neither asking for gzip")
        XCTAssertEqual(uncompressed.map(\.contentEncoding), [nil, nil])
    }
}
