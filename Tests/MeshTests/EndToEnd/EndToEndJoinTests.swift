import Foundation
import Kube
import TestCluster
import XCTest
import YAML

@testable import Mesh

/// `join-remote`, `status` and `leave` as the built binary runs them against two test clusters
/// with instant controllers.
final class EndToEndJoinTests: XCTestCase {
    var bed: MeshTestbed!

    override func setUpWithError() throws {
        bed = try MeshTestbed(["east", "west"])
        try bed.scriptIstiodMetrics(["west": "synced"])
    }

    override func tearDown() {
        bed?.stop()
        bed = nil
    }

    func testFreshJoinInstallsEveryStageAndReportsIt() throws {
        let run = try bed.join()
        XCTAssertEqual(run.status, 0, run.all)
        let lines = run.errors.split(separator: "\n").map(String.init)
        for (index, stage) in Stage.allCases.enumerated() {
            XCTAssertTrue(lines.contains { $0.hasPrefix("[\(index + 1)/8] \(stage.rawValue)") }, "\(stage) missing in\n\(run.errors)")
        }
        XCTAssertTrue(run.errors.contains("primary  east  (context kind-east, https://127.0.0.1:"), run.errors)
        XCTAssertTrue(run.errors.contains("istiod ready"), run.errors)
        XCTAssertTrue(run.errors.contains("] discovery-address     east 172.18.255."), run.errors)
        XCTAssertTrue(run.errors.contains("] verify                east west: synced"), run.errors)
        XCTAssertEqual(run.output, "Joined west to mesh1. Check with: kubectl mesh status --primary kind-east\n")

        // The primary: istio-system with the network, istiod with the mesh values, the gateway, expose-istiod.
        let east = try bed.objects("east")
        XCTAssertEqual(east["Namespace istio-system"]?["metadata"]?["labels"]?["topology.istio.io/network"], "network1")
        let istiod = try XCTUnwrap(east["Deployment istio-system/istiod"])
        let env = istiod["spec"]?["template"]?["spec"]?["containers"]?[0]?["env"]?.sequence ?? []
        XCTAssertTrue(env.contains { $0["name"] == "CLUSTER_ID" && $0["value"] == "east" }, "\(env)")
        XCTAssertTrue(env.contains { $0["name"] == "EXTERNAL_ISTIOD" && $0["value"] == "true" }, "\(env)")
        XCTAssertEqual(istiod["metadata"]?["labels"]?["app.kubernetes.io/managed-by"], "Helm")
        XCTAssertEqual(istiod["metadata"]?["labels"]?["kubectl-mesh.io/stage"], "primary-control-plane")
        XCTAssertNotNil(east["CustomResourceDefinition gateways.networking.istio.io"])
        let gatewayService = try XCTUnwrap(east["Service istio-system/istio-eastwestgateway"])
        XCTAssertEqual(gatewayService["spec"]?["ports"]?.sequence?.compactMap { $0["port"]?.int }, [15021, 15443, 15012, 15017])
        XCTAssertEqual(east["Gateway istio-system/istiod-gateway"]?["spec"]?["selector"], ["istio": "eastwestgateway"])
        XCTAssertNotNil(east["VirtualService istio-system/istiod-vs"])

        // The remote secret, as istiod reads it.
        let secret = try XCTUnwrap(east["Secret istio-system/istio-remote-secret-west"])
        XCTAssertEqual(secret["metadata"]?["labels"]?["istio/multiCluster"], "true")
        XCTAssertEqual(secret["metadata"]?["annotations"]?["networking.istio.io/cluster"], "west")
        let config = try YAML.parse(String(decoding: try XCTUnwrap(Data(base64Encoded: secret["data"]?["west"]?.string ?? "")), as: UTF8.self))
        XCTAssertEqual(config["clusters"]?[0]?["cluster"]?["server"], "https://172.18.0.3:6443")

        // The remote: istio-system pointing at the primary, the remote profile leading to the gateway.
        let west = try bed.objects("west")
        XCTAssertEqual(west["Namespace istio-system"]?["metadata"]?["annotations"]?["topology.istio.io/controlPlaneClusters"], "east")
        XCTAssertNil(west["Deployment istio-system/istiod"], "no istiod runs in a remote")
        let address = try XCTUnwrap(gatewayService["status"]?["loadBalancer"]?["ingress"]?[0]?["ip"]?.string)
        XCTAssertEqual(west["EndpointSlice istio-system/istiod"]?["endpoints"]?[0]?["addresses"], [.string(address)])
        XCTAssertNil(west["Service istio-system/istiod"]?["spec"]?["selector"])
        XCTAssertEqual(west["MutatingWebhookConfiguration istio-sidecar-injector"]?["webhooks"]?[0]?["clientConfig"]?["service"]?["path"],
                       "/inject/cluster/west/net/network1")
        XCTAssertEqual(west["Secret istio-system/istio-reader-service-account-istio-remote-secret-token"]?["type"],
                       "kubernetes.io/service-account-token")
        // Every apply was a server-side apply by kubectl-mesh.
        for cluster in ["east", "west"] {
            let patches = try bed[cluster].requestLog().filter { $0.method == "PATCH" }
            XCTAssertFalse(patches.isEmpty)
            XCTAssertTrue(patches.allSatisfy { $0.contentType?.hasPrefix("application/apply-patch") ?? false && $0.queryValue("fieldManager") == "kubectl-mesh" })
        }
    }

    func testRerunChangesNothingAndMovesNoResourceVersion() throws {
        XCTAssertEqual(try bed.join().status, 0)
        let before = try ["east": bed.resourceVersions("east"), "west": bed.resourceVersions("west")]
        let marks = try bed.marks()
        let run = try bed.join()
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertEqual(run.output, "Nothing to change: west already in mesh1. Check with: kubectl mesh status --primary kind-east\n")
        XCTAssertTrue(run.errors.contains("15 objects unchanged"), run.errors)
        XCTAssertFalse(run.errors.contains("created"), run.errors)
        XCTAssertFalse(run.errors.contains("configured"), run.errors)
        XCTAssertEqual(try bed.resourceVersions("east"), before["east"])
        XCTAssertEqual(try bed.resourceVersions("west"), before["west"])
        // Only no-op applies: no create, no delete, no update.
        for (cluster, writes) in try bed.writes(since: marks) {
            XCTAssertTrue(writes.allSatisfy { $0.method == "PATCH" }, "\(cluster): \(writes.map { "\($0.method) \($0.path)" })")
        }
    }

    func testStatusBeforeAndAfterTheJoin() throws {
        XCTAssertEqual(try bed.mesh(["status", "--primary", "kind-east"]).status, 1)
        XCTAssertEqual(try bed.join().status, 0)
        let text = try bed.mesh(["status", "--primary", "kind-east"])
        XCTAssertEqual(text.status, 0, text.all)
        XCTAssertTrue(text.output.hasPrefix("Mesh mesh1 · network network1 · primary east (context kind-east)\n"), text.output)
        XCTAssertTrue(text.output.contains("istiod             ready 1/1, version 1.28.0"), text.output)
        XCTAssertTrue(text.output.contains("east-west gateway  istio-eastwestgateway at 172.18.255."), text.output)
        XCTAssertTrue(text.output.contains("  west   https://172.18.0.3:6443   synced   istio-remote-secret-west"), text.output)

        let json = try JSON.parse(try bed.mesh(["status", "--primary", "kind-east", "-o", "json"]).output)
        XCTAssertEqual(json["meshID"], "mesh1")
        XCTAssertEqual(json["network"], "network1")
        XCTAssertEqual(json["istiod"]?["ready"], true)
        XCTAssertEqual(json["remotes"]?[0]?["name"], "west")
        XCTAssertEqual(json["remotes"]?[0]?["sync"], "synced")
        XCTAssertEqual(json["remotes"]?[0]?["managedByKubectlMesh"], true)
        let yaml = try YAML.parse(try bed.mesh(["status", "--primary", "kind-east", "-o", "yaml"]).output)
        func sorted(_ value: Value) throws -> String { try JSONWriter.string(value, options: .init(sortKeys: true, pretty: false)) }
        XCTAssertEqual(try sorted(yaml), try sorted(json), "the same facts as YAML")

        // When istiod cannot be asked, the state is unknown with the reason, not a failure.
        try bed["east"].updateConfig(["proxyResponses": [[String: Any]]()])
        let unknown = try bed.mesh(["status", "--primary", "kind-east", "-o", "json"])
        XCTAssertEqual(unknown.status, 0, unknown.all)
        let remote = try JSON.parse(unknown.output)["remotes"]?[0]
        XCTAssertEqual(remote?["sync"], "unknown")
        XCTAssertTrue(remote?["reason"]?.string?.contains("pod proxy") ?? false, "\(String(describing: remote))")
    }

    func testLeaveRemovesTheRemoteAndKeepsThePrimary() throws {
        XCTAssertEqual(try bed.join().status, 0)
        let primaryBefore = try bed.resourceVersions("east").filter { !$0.key.contains("istio-remote-secret-west") && !$0.key.contains("kubectl-mesh-remote-secret-west") }
        let run = try bed.mesh(["leave", "--primary", "kind-east", "--remote", "kind-west"])
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertTrue(run.output.hasPrefix("Removed west from the mesh: 1 object from kind-east, "), run.output)
        XCTAssertEqual(try bed.objects("west"), [:])
        let after = try bed.resourceVersions("east")
        XCTAssertNil(after["Secret istio-system/istio-remote-secret-west"])
        XCTAssertEqual(after, primaryBefore, "the primary's own objects are untouched")
        let again = try bed.mesh(["leave", "--primary", "kind-east", "--remote", "kind-west"])
        XCTAssertEqual(again.status, 0, again.all)
        XCTAssertTrue(again.output.hasPrefix("Nothing to remove"), again.output)
        let status = try bed.mesh(["status", "--primary", "kind-east"])
        XCTAssertTrue(status.output.contains("remotes            none"), status.output)
        // The primary is no remote: leave refuses to take its control plane away.
        let refused = try bed.mesh(["leave", "--primary", "kind-west", "--remote", "kind-east"])
        XCTAssertEqual(refused.status, 1, refused.all)
        XCTAssertTrue(refused.errors.contains("runs the mesh's control plane"), refused.errors)
    }

    func testLeaveKeepsADefinitionThatCustomResourcesStillUseUntilTheyAreGone() throws {
        XCTAssertEqual(try bed.join().status, 0)
        // Someone's VirtualService on the remote: deleting its CRD would delete it too.
        let user = try bed.client("west", fieldManager: "kubectl")
        let service = try YAML.parse("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: default}
            spec: {hosts: [reviews]}
            """)
        _ = try user.apply(service)
        let run = try bed.mesh(["leave", "--primary", "kind-east", "--remote", "kind-west"])
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertTrue(run.output.hasPrefix("Removed west from the mesh: 1 object from kind-east, "), run.output)
        XCTAssertTrue(run.output.contains("""
            Kept on kind-west, because custom resources still use them (deleting a CustomResourceDefinition deletes its resources):
              CustomResourceDefinition virtualservices.networking.istio.io (1 VirtualService left)
            Delete or move those resources, then run the same command again to remove the definitions.

            """), run.output)
        XCTAssertEqual(try bed.objects("west").keys.sorted(), ["CustomResourceDefinition virtualservices.networking.istio.io"])
        XCTAssertNotNil(try user.get(GroupVersionKind(group: "networking.istio.io", version: "v1", kind: "VirtualService"),
                                     name: "reviews", namespace: "default"), "the user's resource is untouched")
        let status = try bed.mesh(["status", "--primary", "kind-east"])
        XCTAssertTrue(status.output.contains("remotes            none"), status.output)

        // Still in use: kept again, nothing else to do.
        let again = try bed.mesh(["leave", "--primary", "kind-east", "--remote", "kind-west"])
        XCTAssertEqual(again.status, 0, again.all)
        XCTAssertTrue(again.output.hasPrefix("Kept on kind-west"), again.output)
        // Once it is gone, leave takes the definition too, and then has nothing left to do.
        XCTAssertTrue(try user.delete(service))
        let last = try bed.mesh(["leave", "--primary", "kind-east", "--remote", "kind-west"])
        XCTAssertEqual(last.status, 0, last.all)
        XCTAssertEqual(last.output, "Removed from kind-west what an earlier leave kept: 1 object.\n")
        XCTAssertEqual(try bed.objects("west"), [:])
        XCTAssertTrue(try bed.mesh(["leave", "--primary", "kind-east", "--remote", "kind-west"]).output.hasPrefix("Nothing to remove"))
    }

    func testLeaveKeepsADefinitionWhoseResourcesItMayNotList() throws {
        XCTAssertEqual(try bed.join().status, 0)
        // Not allowed to see the VirtualServices: whether any are left is unknown, so the definition stays.
        _ = try bed["west"].addFault(.status(403, method: "GET", path: "/apis/networking.istio.io/v1/virtualservices", count: -1,
                                             message: "virtualservices.networking.istio.io is forbidden: User \"ops\" cannot list resource"))
        let run = try bed.mesh(["leave", "--primary", "kind-east", "--remote", "kind-west"])
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertTrue(run.output.contains(
            "  CustomResourceDefinition virtualservices.networking.istio.io (not allowed to list its VirtualService objects, so kept to be safe)\n"),
                      run.output)
        try bed["west"].clearFaults()
        XCTAssertEqual(try bed.objects("west").keys.sorted(), ["CustomResourceDefinition virtualservices.networking.istio.io"])
    }

    func testDryRunPrintsEveryStageAndWritesNothing() throws {
        let marks = try bed.marks()
        let run = try bed.join(["--dry-run"])
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertEqual(try bed.writes(since: marks).values.flatMap { $0 }.map { "\($0.method) \($0.path)" }, [])
        let documents = try YAML.parseAll(run.output).filter { !$0.isNull }
        let kinds = Set(documents.compactMap { $0["kind"]?.string })
        for kind in ["Namespace", "CustomResourceDefinition", "Deployment", "Gateway", "VirtualService", "EndpointSlice",
                     "MutatingWebhookConfiguration", "Secret", "ConfigMap"] {
            XCTAssertTrue(kinds.contains(kind), "\(kind) missing from the dry run")
        }
        for stage in ["primary-control-plane on east", "remote-control-plane on west", "remote-secret on east"] {
            XCTAssertTrue(run.output.contains("# stage \(stage) (context kind-"), stage)
        }
        let secrets = documents.filter { $0["kind"] == "Secret" }
        XCTAssertFalse(secrets.isEmpty)
        for secret in secrets {
            XCTAssertNil(secret["data"])
            XCTAssertTrue((secret["stringData"]?.mapping?.values ?? []).allSatisfy { $0 == "REDACTED" })
        }
        XCTAssertTrue(run.errors.contains("placeholder 192.0.2.1"), run.errors)
        XCTAssertTrue(run.errors.contains("Dry run: nothing was applied."), run.errors)
        let json = try JSON.parse(try bed.join(["--dry-run", "-o", "json"]).output)
        XCTAssertEqual(json["kind"], "JoinPlan")
        XCTAssertEqual(json["stages"]?[0]?["stage"], "primary-control-plane")
        XCTAssertEqual(json["stages"]?[0]?["context"], "kind-east")
    }

    func testLoadBalancerHostnameBecomesAnExternalNameService() throws {
        try bed["east"].setLoadBalancer(.hostname)
        let run = try bed.join()
        XCTAssertEqual(run.status, 0, run.all)
        let west = try bed.objects("west")
        let service = try XCTUnwrap(west["Service istio-system/istiod"])
        XCTAssertEqual(service["spec"]?["type"], "ExternalName")
        XCTAssertTrue(service["spec"]?["externalName"]?.string?.hasSuffix(".elb.test.example") ?? false, "\(service)")
        XCTAssertNil(west["EndpointSlice istio-system/istiod"])
    }

    func testLoadBalancerThatNeverAnswersTimesOutNamingTheStageAndTheWayOut() throws {
        try bed["east"].setLoadBalancer(.never)
        let run = try bed.join(["--timeout", "1s"])
        XCTAssertEqual(run.status, 1, run.all)
        XCTAssertTrue(run.errors.contains("error: stage discovery-address on east (context kind-east): no load balancer gave"), run.errors)
        XCTAssertTrue(run.errors.contains("--discovery-address ADDR"), run.errors)
        XCTAssertTrue(run.errors.contains("MetalLB or cloud-provider-kind"), run.errors)
        XCTAssertTrue(run.errors.contains("then resume with: kubectl mesh join-remote --primary kind-east --remote kind-west"), run.errors)
        XCTAssertTrue(run.errors.contains("--from discovery-address"), run.errors)
        XCTAssertEqual(try bed.objects("west"), [:], "nothing reached the remote")
        // Giving the address resumes the run.
        let resumed = try bed.join(["--discovery-address", "172.18.0.200", "--from", "discovery-address"])
        XCTAssertEqual(resumed.status, 0, resumed.all)
        XCTAssertEqual(try bed.objects("west")["EndpointSlice istio-system/istiod"]?["endpoints"]?[0]?["addresses"], ["172.18.0.200"])
    }

    func testWhatANewerRenderDropsIsPrunedOnTheRerun() throws {
        XCTAssertEqual(try bed.join(["--discovery-address", "172.18.0.200"]).status, 0)
        XCTAssertNotNil(try bed.objects("west")["EndpointSlice istio-system/istiod"])
        let run = try bed.join(["--discovery-address", "gateway.mesh.example"])
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertTrue(run.errors.contains("pruned 1"), run.errors)
        let west = try bed.objects("west")
        XCTAssertNil(west["EndpointSlice istio-system/istiod"])
        XCTAssertEqual(west["Service istio-system/istiod"]?["spec"]?["externalName"], "gateway.mesh.example")
        let parent = try XCTUnwrap(west["ConfigMap istio-system/kubectl-mesh-remote-control-plane-revision-default"])
        XCTAssertFalse(parent.annotation(ApplySet.groupKindsAnnotation)?.contains("EndpointSlice") ?? true)
    }

    func testUserValuesReachTheControlPlaneChartsOnly() throws {
        let values = bed.directory + "/values.yaml"
        try "global:\n  tag: 9.9.9\n".write(toFile: values, atomically: true, encoding: .utf8)
        let run = try bed.join(["--set", "global.hub=registry.example/custom", "-f", values])
        XCTAssertEqual(run.status, 0, run.all)
        let east = try bed.objects("east")
        XCTAssertEqual(east["Deployment istio-system/istiod"]?["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"],
                       "registry.example/custom/pilot:9.9.9")
        XCTAssertEqual(east["Deployment istio-system/istio-eastwestgateway"]?["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"],
                       "auto", "the gateway chart takes no user values")
    }

    func testRevisionNamesIstiodAndItsRoutes() throws {
        let run = try bed.join(["--revision", "canary"])
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertTrue(run.errors.contains("istiod-canary ready"), run.errors)
        let east = try bed.objects("east")
        XCTAssertNotNil(east["Deployment istio-system/istiod-canary"])
        let virtualService = try XCTUnwrap(east["VirtualService istio-system/istiod-vs-canary"])
        XCTAssertEqual(virtualService["spec"]?["tls"]?[0]?["route"]?[0]?["destination"]?["host"],
                       "istiod-canary.istio-system.svc.cluster.local")
        XCTAssertNotNil(try bed.objects("west")["Service istio-system/istiod-canary"])
        XCTAssertTrue(run.errors.contains("west: synced"), run.errors)
    }

    func testVerifyReportsUnknownWhenIstiodCannotBeAsked() throws {
        try bed["east"].updateConfig(["proxyResponses": [[String: Any]]()])
        let run = try bed.join(["--timeout", "1s"])
        XCTAssertEqual(run.status, 0, run.all)
        XCTAssertTrue(run.errors.contains("] verify                east west: unknown (cannot read istiod's metrics through the API server's pod proxy"),
                      run.errors)
        XCTAssertTrue(run.output.hasPrefix("Joined west to mesh1."), run.output)
    }

    func testVerifyFailsWhenIstiodAnswersButNeverLoadsTheRemote() throws {
        try bed.scriptIstiodMetrics(["other": "synced"])
        let run = try bed.join(["--timeout", "1s"])
        XCTAssertEqual(run.status, 1, run.all)
        XCTAssertTrue(run.errors.contains("error: stage verify on east (context kind-east): istiod reports west: unknown (istiod did not report west within 1s)"), run.errors)
        XCTAssertTrue(run.errors.contains("hint: istiod answers but has not loaded istio-remote-secret-west"), run.errors)
        XCTAssertTrue(run.errors.hasSuffix("--timeout 1s --from verify\n"), "one resume command, at the end: \(run.errors)")

        try bed.scriptIstiodMetrics(["west": "syncing"])
        let syncing = try bed.join(["--timeout", "1s", "--from", "verify"])
        XCTAssertEqual(syncing.status, 1, syncing.all)
        XCTAssertTrue(syncing.errors.contains("hint: istiod is still reading west's API server (at the server in istio-remote-secret-west): a large cluster takes longer (raise --timeout)"), syncing.errors)
    }

    func testOnlyRunsTheNamedStages() throws {
        XCTAssertEqual(try bed.join().status, 0)
        let marks = try bed.marks()
        let run = try bed.join(["--only", "expose-istiod", "--only", "remote-namespace"])
        XCTAssertEqual(run.status, 0, run.all)
        let stageLines = run.errors.split(separator: "\n").filter { $0.hasPrefix("[") }
        XCTAssertEqual(stageLines.count, 2, run.errors)
        XCTAssertTrue(stageLines[0].hasPrefix("[4/8] expose-istiod"), run.errors)
        XCTAssertTrue(stageLines[1].hasPrefix("[5/8] remote-namespace"), run.errors)
        XCTAssertEqual(run.output, "Ran expose-istiod, remote-namespace. Check with: kubectl mesh status --primary kind-east\n")
        XCTAssertEqual(try bed.writes(since: marks).values.flatMap { $0 }.filter { $0.method != "PATCH" }.count, 0)
    }
}
