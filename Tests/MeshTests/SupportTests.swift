import XCTest

@testable import Mesh

final class SupportTests: XCTestCase {
    func testGoDurationsParseLikeGo() throws {
        XCTAssertEqual(try GoDuration(parsing: "5m").nanoseconds, 300_000_000_000)
        XCTAssertEqual(try GoDuration(parsing: "1h30m").nanoseconds, 5_400_000_000_000)
        XCTAssertEqual(try GoDuration(parsing: "1.5s").nanoseconds, 1_500_000_000)
        XCTAssertEqual(try GoDuration(parsing: "300ms").nanoseconds, 300_000_000)
        XCTAssertEqual(try GoDuration(parsing: "2us").nanoseconds, 2_000)
        XCTAssertEqual(try GoDuration(parsing: "0").nanoseconds, 0)
        XCTAssertEqual(try GoDuration(parsing: "5m").description, "5m0s")
        XCTAssertEqual(try GoDuration(parsing: "90m").description, "1h30m0s")
        XCTAssertEqual(try GoDuration(parsing: "1.5s").description, "1.5s")
        XCTAssertEqual(try GoDuration(parsing: "300ms").description, "300ms")
        for bad in ["", "5", "m", "5x", "-1s", "1..5s", "s5"] {
            XCTAssertThrowsError(try GoDuration(parsing: bad), bad) { error in
                XCTAssertTrue((error as? MeshError)?.isUsage ?? false)
                XCTAssertTrue((error as? MeshError)?.message.contains("invalid duration") ?? false)
            }
        }
    }

    func testClusterNamesFromContexts() {
        XCTAssertEqual(ClusterName.derived(fromContext: "kind-east"), "kind-east")
        XCTAssertEqual(ClusterName.derived(fromContext: "gke_my-proj_europe-west1_c1"), "gke-my-proj-europe-west1-c1")
        XCTAssertEqual(ClusterName.derived(fromContext: "arn:aws:eks:us-west-2:1234:cluster/Prod"),
                       "arn-aws-eks-us-west-2-1234-cluster-prod")
        XCTAssertEqual(ClusterName.derived(fromContext: "--West--"), "west")
        XCTAssertEqual(ClusterName.derived(fromContext: "___"), "")
        XCTAssertEqual(ClusterName.derived(fromContext: String(repeating: "a", count: 62) + "-bc").count, 62)
        XCTAssertNil(ClusterName.problem(with: "west-1"))
        XCTAssertNotNil(ClusterName.problem(with: "West"))
        XCTAssertNotNil(ClusterName.problem(with: "-west"))
        XCTAssertNotNil(ClusterName.problem(with: "a.b"))
        XCTAssertNotNil(ClusterName.problem(with: ""))
        XCTAssertNotNil(ClusterName.problem(with: String(repeating: "a", count: 64)))
    }

    func testDiscoveryAddressesAreIPsOrHostnames() {
        XCTAssertTrue(ClusterName.isHostname("a1b2.elb.us-east-1.amazonaws.com"))
        XCTAssertTrue(ClusterName.isHostname("LB.Example.com"))
        XCTAssertFalse(ClusterName.isHostname("bad_host"))
        XCTAssertFalse(ClusterName.isHostname("a..b"))
        XCTAssertFalse(ClusterName.isHostname(""))
    }
}
