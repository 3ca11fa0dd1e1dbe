import Foundation
import Kube
import TestCluster
import XCTest
import YAML

@testable import Mesh

/// A mesh of three test clusters: a second remote joins without touching the first, two
/// remotes join in one run, and one leaves while the other stays.
final class EndToEndRemotesTests: XCTestCase {
    var bed: MeshTestbed!

    override func setUpWithError() throws {
        bed = try MeshTestbed(["east", "west", "north"])
        try bed.scriptIstiodMetrics(["west": "synced", "north": "synced"])
    }

    override func tearDown() {
        bed?.stop()
        bed = nil
    }

    func testSecondRemoteJoinsWithoutTouchingTheFirst() throws {
        XCTAssertEqual(try bed.join(remotes: ["west"]).status, 0)
        let west = try bed.resourceVersions("west")
        let eastBefore = try bed.resourceVersions("east")
        let marks = try bed.marks()

        let run = try bed.join(remotes: ["north"])
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertTrue(run.output.hasPrefix("Joined north to mesh1."), run.output)
        XCTAssertTrue(run.errors.contains("] primary-control-plane east  15 objects unchanged"), run.errors)
        XCTAssertEqual(try bed.resourceVersions("west"), west, "the first remote was touched")
        XCTAssertEqual(try bed.writes(since: marks)["west"]?.count, 0)
        let eastAfter = try bed.resourceVersions("east")
        XCTAssertEqual(eastAfter["Secret istio-system/istio-remote-secret-west"], eastBefore["Secret istio-system/istio-remote-secret-west"],
                       "the first remote's secret was touched")
        XCTAssertNotNil(eastAfter["Secret istio-system/istio-remote-secret-north"])

        let status = try JSON.parse(try bed.mesh(["status", "--primary", "kind-east", "-o", "json"]).output)
        XCTAssertEqual(status["remotes"]?.sequence?.compactMap { $0["name"]?.string }, ["north", "west"])
        XCTAssertEqual(status["remotes"]?.sequence?.compactMap { $0["sync"]?.string }, ["synced", "synced"])

        // The closing line names what joined now and what was in already.
        XCTAssertEqual(try bed.mesh(["leave", "--primary", "kind-east", "--remote", "kind-north"]).status, 0)
        let both = try bed.join(remotes: ["west", "north"])
        XCTAssertTrue(both.output.hasPrefix("Joined north to mesh1 (west already in it)."), both.all)
    }

    func testTwoRemotesInOneRunAndOneLeaves() throws {
        let run = try bed.join(remotes: ["west", "north"])
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertTrue(run.output.hasPrefix("Joined west, north to mesh1."), run.output)
        for stage in ["remote-namespace", "remote-control-plane", "remote-secret"] {
            for remote in ["west", "north"] {
                XCTAssertTrue(run.errors.contains("] \(stage) ") && run.errors.contains(" \(remote) "), "\(stage) \(remote)")
            }
        }
        XCTAssertTrue(run.errors.contains("west: synced, north: synced"), run.errors)
        XCTAssertEqual(try bed.objects("north")["EndpointSlice istio-system/istiod"]?["endpoints"],
                       try bed.objects("west")["EndpointSlice istio-system/istiod"]?["endpoints"])

        let north = try bed.resourceVersions("north")
        let leave = try bed.mesh(["leave", "--primary", "kind-east", "--remote", "kind-west"])
        XCTAssertEqual(leave.status, 0, leave.all)
        XCTAssertEqual(try bed.objects("west"), [:])
        XCTAssertEqual(try bed.resourceVersions("north"), north, "the other remote was touched")
        let east = try bed.resourceVersions("east")
        XCTAssertNil(east["Secret istio-system/istio-remote-secret-west"])
        XCTAssertNotNil(east["Secret istio-system/istio-remote-secret-north"])

        // Joining the remaining remote again changes nothing.
        let rerun = try bed.join(remotes: ["north"])
        XCTAssertEqual(rerun.status, 0, rerun.all)
        XCTAssertTrue(rerun.output.hasPrefix("Nothing to change: north already in mesh1."), rerun.output)
    }

    func testAClusterServesOneMeshOnly() throws {
        XCTAssertEqual(try bed.join(remotes: ["west"]).status, 0)
        let marks = try bed.marks()
        // west is east's remote: north cannot take it over as its primary, nor may east become north's remote.
        let taken = try bed.join(primary: "north", remotes: ["west"])
        XCTAssertEqual(taken.status, 1, taken.all)
        XCTAssertTrue(taken.errors.contains("west (context kind-west): this cluster is already a remote of the primary east, not north"), taken.errors)
        XCTAssertTrue(taken.errors.contains("take it out first with kubectl mesh leave --primary CONTEXT --remote kind-west"), taken.errors)
        let primaryAsRemote = try bed.join(primary: "north", remotes: ["east"])
        XCTAssertEqual(primaryAsRemote.status, 1, primaryAsRemote.all)
        XCTAssertTrue(primaryAsRemote.errors.contains("east (context kind-east): this cluster runs istiod (istiod in istio-system): it is a primary, not a remote"),
                      primaryAsRemote.errors)
        let remoteAsPrimary = try bed.join(primary: "west", remotes: ["north"])
        XCTAssertEqual(remoteAsPrimary.status, 1, remoteAsPrimary.all)
        XCTAssertTrue(remoteAsPrimary.errors.contains("west (context kind-west): this cluster is a remote of the primary east"), remoteAsPrimary.errors)
        XCTAssertEqual(try bed.writes(since: marks).values.flatMap { $0 }.count, 0)

        // leave and status refuse the wrong primary too.
        let wrongLeave = try bed.mesh(["leave", "--primary", "kind-north", "--remote", "kind-west"])
        XCTAssertEqual(wrongLeave.status, 1, wrongLeave.all)
        XCTAssertTrue(wrongLeave.errors.contains("this cluster is a remote of the primary east, not of kind-north (context kind-north)"), wrongLeave.errors)
        let remoteStatus = try bed.mesh(["status", "--primary", "kind-west"])
        XCTAssertEqual(remoteStatus.status, 1, remoteStatus.all)
        XCTAssertTrue(remoteStatus.errors.contains("this cluster is a remote of mesh mesh1, served by the primary east"), remoteStatus.errors)
        XCTAssertEqual(try bed.writes(since: marks).values.flatMap { $0 }.count, 0)
    }
}
