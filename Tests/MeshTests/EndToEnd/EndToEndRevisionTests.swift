import Foundation
import Kube
import TestCluster
import XCTest
import YAML

@testable import Mesh

/// Istio's canary upgrade: a second revision installs beside the first (its own
/// ApplySets), and `remove-revision` takes the old one away once nothing uses it.
final class EndToEndRevisionTests: XCTestCase {
    var bed: MeshTestbed!

    override func setUpWithError() throws {
        bed = try MeshTestbed(["east", "west"])
        try bed.scriptIstiodMetrics(["west": "synced"])
    }

    override func tearDown() {
        bed?.stop()
        bed = nil
    }

    private func removeRevision(_ revision: String, remotes: [String] = ["west"]) throws -> MeshTestbed.Run {
        try bed.mesh(["remove-revision", "--primary", "kind-east", "--revision", revision] + remotes.flatMap { ["--remote", "kind-\($0)"] })
    }

    func testSecondRevisionInstallsBesideTheFirstAndTheOldOneIsRemovedLater() throws {
        XCTAssertEqual(try bed.join().status, 0)
        let canary = try bed.join(["--revision", "canary"])
        XCTAssertEqual(canary.status, 0, canary.all)
        XCTAssertFalse(canary.errors.contains("pruned"), "the first revision stays:\n\(canary.errors)")
        XCTAssertTrue(canary.output.hasPrefix("Updated mesh1 on east, west (revision canary)."), canary.output)
        let status = try bed.mesh(["status", "--primary", "kind-east"]).output
        XCTAssertTrue(status.contains("""
            istiod             istiod ready 1/1, version 1.28.0, revision default
                               istiod-canary ready 1/1, version 1.28.0, revision canary
            """), status)
        var east = try bed.objects("east")
        for name in ["Deployment istio-system/istiod", "Deployment istio-system/istiod-canary",
                     "VirtualService istio-system/istiod-vs", "VirtualService istio-system/istiod-vs-canary",
                     "MutatingWebhookConfiguration istio-sidecar-injector", "MutatingWebhookConfiguration istio-sidecar-injector-canary",
                     "ConfigMap istio-system/kubectl-mesh-primary-control-plane-revision-default",
                     "ConfigMap istio-system/kubectl-mesh-primary-control-plane-revision-canary"] {
            XCTAssertNotNil(east[name], name)
        }
        XCTAssertEqual(east["Deployment istio-system/istiod-canary"]?.label(MeshLabels.revision), "canary")
        XCTAssertNil(east["CustomResourceDefinition gateways.networking.istio.io"]?.label(MeshLabels.revision), "CRDs are shared")
        let west = try bed.objects("west")
        XCTAssertNotNil(west["Service istio-system/istiod"])
        XCTAssertNotNil(west["Service istio-system/istiod-canary"])

        // Re-running the canary join changes nothing.
        let again = try bed.join(["--revision", "canary"])
        XCTAssertEqual(again.status, 0, again.all)
        XCTAssertTrue(again.output.hasPrefix("Nothing to change"), again.all)

        // Validation follows the last join's revision, so the canary cannot go now; the old one may.
        XCTAssertEqual(east["ValidatingWebhookConfiguration istiod-default-validator"]?["webhooks"]?[0]?["clientConfig"]?["service"]?["name"],
                       "istiod-canary")
        let validating = try removeRevision("canary")
        XCTAssertEqual(validating.status, 1, validating.all)
        XCTAssertTrue(validating.errors.contains("istiod-default-validator, the cluster-wide config validation, still sends to revision canary"),
                      validating.errors)

        // The old revision cannot go while a remote is left out or a namespace still uses it.
        let withoutRemote = try removeRevision("default", remotes: [])
        XCTAssertEqual(withoutRemote.status, 1, withoutRemote.all)
        XCTAssertTrue(withoutRemote.errors.contains("the mesh's remote west was not given"), withoutRemote.errors)
        let apps: Value = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "apps", "labels": ["istio-injection": "enabled"]]]
        _ = try bed.session("west").client.create(apps)
        let inUse = try removeRevision("default")
        XCTAssertEqual(inUse.status, 1, inUse.all)
        XCTAssertTrue(inUse.errors.contains("revision default is still in use by west: namespace apps"), inUse.errors)
        XCTAssertTrue(inUse.errors.contains("hint: label those namespaces for the new revision (istio.io/rev=NEW)"), inUse.errors)
        XCTAssertNotNil(try bed.objects("east")["Deployment istio-system/istiod"], "a refusal removes nothing")

        // Moved to canary: the default revision goes from both clusters; the canary and what is shared stay.
        _ = try bed.session("west").client.patch(.namespace, name: "apps", patch: ["metadata": ["labels": [
            "istio-injection": .null, "istio.io/rev": "canary"]]])
        let removed = try removeRevision("default")
        XCTAssertEqual(removed.status, 0, removed.all)
        XCTAssertTrue(removed.output.hasPrefix("Removed revision default: "), removed.output)
        east = try bed.objects("east")
        XCTAssertNil(east["Deployment istio-system/istiod"])
        XCTAssertNil(east["VirtualService istio-system/istiod-vs"])
        XCTAssertNil(east["ConfigMap istio-system/kubectl-mesh-primary-control-plane-revision-default"])
        XCTAssertNotNil(east["Deployment istio-system/istiod-canary"])
        XCTAssertNotNil(east["Gateway istio-system/istiod-gateway"])
        XCTAssertNotNil(east["CustomResourceDefinition gateways.networking.istio.io"])
        XCTAssertNil(try bed.objects("west")["Service istio-system/istiod"])
        XCTAssertNotNil(try bed.objects("west")["Service istio-system/istiod-canary"])
        XCTAssertNotNil(try bed.objects("west")["Namespace istio-system"])
        let canaryJoin = try bed.join(["--revision", "canary"])
        XCTAssertTrue(canaryJoin.output.hasPrefix("Nothing to change"), canaryJoin.all)
        // status asks the revision that is left.
        let after = try JSON.parse(try bed.mesh(["status", "--primary", "kind-east", "-o", "json"]).output)
        XCTAssertEqual(after["istiod"]?["revision"], "canary")
        XCTAssertEqual(after["remotes"]?[0]?["sync"], "synced")
        let repeated = try removeRevision("default")
        XCTAssertEqual(repeated.status, 0, repeated.all)
        XCTAssertTrue(repeated.output.hasPrefix("Nothing to remove"), repeated.output)

        // The last revision stays; leave still takes every revision's objects from a remote.
        let last = try removeRevision("canary")
        XCTAssertEqual(last.status, 1, last.all)
        XCTAssertTrue(last.errors.contains("revision canary is the only control plane of the mesh"), last.errors)
        XCTAssertEqual(try bed.mesh(["leave", "--primary", "kind-east", "--remote", "kind-west"]).status, 0)
        XCTAssertEqual(try bed.objects("west"), [:])
    }

    func testDefaultIsNotARevisionName() throws {
        let run = try bed.join(["--revision", "default"])
        XCTAssertEqual(run.status, 1, run.all)
        XCTAssertTrue(run.errors.contains("revision \"default\" is Istio's name for the revision installed without one"), run.errors)
    }
}
