import XCTest
import YAML

@testable import Mesh

final class ObjectBuilderTests: XCTestCase {
    func testNamespacesCarryNetworkAndControlPlane() {
        let t = Fixtures.topology()
        XCTAssertEqual(IstioNamespace.primary(t)["metadata"]?["labels"], ["topology.istio.io/network": "network1"])
        let remote = IstioNamespace.remote(t)
        XCTAssertEqual(remote["metadata"]?["name"], "istio-system")
        XCTAssertEqual(remote["metadata"]?["annotations"], ["topology.istio.io/controlPlaneClusters": "east"])
    }

    func testExposeIstiodRoutesBothPortsToIstiod() throws {
        let objects = ExposeIstiod.objects(Fixtures.topology())
        XCTAssertEqual(objects.map(\.objectDescription),
                       ["Gateway istio-system/istiod-gateway", "VirtualService istio-system/istiod-vs"])
        let servers = try XCTUnwrap(objects[0]["spec"]?["servers"]?.sequence)
        XCTAssertEqual(servers.map { $0["port"]?["number"] }, [15012, 15017])
        XCTAssertEqual(servers.map { $0["port"]?["name"] }, ["tls-istiod", "tls-istiodwebhook"])
        XCTAssertEqual(servers.map { $0["tls"]?["mode"] }, ["PASSTHROUGH", "PASSTHROUGH"])
        XCTAssertEqual(objects[0]["spec"]?["selector"], ["istio": "eastwestgateway"])
        let routes = try XCTUnwrap(objects[1]["spec"]?["tls"]?.sequence)
        XCTAssertEqual(routes.map { $0["match"]?[0]?["port"] }, [15012, 15017])
        XCTAssertEqual(routes.map { $0["match"]?[0]?["sniHosts"] }, [["*"], ["*"]])
        XCTAssertEqual(routes.map { $0["route"]?[0]?["destination"]?["host"] },
                       ["istiod.istio-system.svc.cluster.local", "istiod.istio-system.svc.cluster.local"])
        XCTAssertEqual(routes.map { $0["route"]?[0]?["destination"]?["port"]?["number"] }, [15012, 443])
    }

    func testRevisionNamesTheVirtualServiceAndItsHosts() throws {
        let objects = ExposeIstiod.objects(Fixtures.topology(revision: "canary"), apiVersion: "networking.istio.io/v1beta1")
        XCTAssertEqual(objects[0]["metadata"]?["name"], "istiod-gateway")
        XCTAssertEqual(objects[1]["metadata"]?["name"], "istiod-vs-canary")
        XCTAssertEqual(objects[1]["apiVersion"], "networking.istio.io/v1beta1")
        let route = try XCTUnwrap(objects[1]["spec"]?["tls"]?[0])
        XCTAssertEqual(route["match"]?[0]?["sniHosts"],
                       ["istiod-canary.istio-system.svc", "istiod-canary.istio-system.svc.cluster.local"])
        XCTAssertEqual(route["route"]?[0]?["destination"]?["host"], "istiod-canary.istio-system.svc.cluster.local")
    }

    func testChartValuesFollowTheDesign() {
        let t = Fixtures.topology()
        XCTAssertEqual(ChartRenders.primaryIstiod(t).assignments, [
            "global.meshID=mesh1", "global.multiCluster.clusterName=east", "global.network=network1",
            "global.externalIstiod=true",
        ])
        XCTAssertEqual(ChartRenders.primaryIstiod(t).values["global"]?["multiCluster"]?["clusterName"], "east")
        XCTAssertEqual(ChartRenders.eastwestGateway(t).assignments, ["name=istio-eastwestgateway", "networkGateway=network1"])
        XCTAssertFalse(ChartRenders.eastwestGateway(t).takesUserValues)
        let remote = ChartRenders.remoteIstiod(t, remote: t.remotes[0], discoveryAddress: "172.18.255.10")
        XCTAssertEqual(remote.assignments, [
            "profile=remote", "global.multiCluster.clusterName=west", "global.network=network1",
            "istiodRemote.injectionPath=/inject/cluster/west/net/network1", "global.configCluster=true",
            "global.remotePilotAddress=172.18.255.10",
        ])
        XCTAssertEqual(remote.values["global"]?["configCluster"], true)
        XCTAssertEqual(ChartRenders.remoteBase(t).values, ["profile": "remote"])
        XCTAssertEqual(ChartRenders.primaryIstiod(Fixtures.topology(revision: "canary")).releaseName, "istiod-canary")
    }

    func testMeshLabelsAddToRenderedLabels() {
        let rendered: Value = ["apiVersion": "v1", "kind": "Service",
                               "metadata": ["name": "istiod", "labels": ["app.kubernetes.io/managed-by": "Helm"]]]
        let stamped = MeshLabels.stamped(rendered, mesh: "mesh1", stage: .remoteControlPlane)
        XCTAssertEqual(stamped["metadata"]?["labels"], [
            "app.kubernetes.io/managed-by": "Helm", "kubectl-mesh.io/mesh": "mesh1",
            "kubectl-mesh.io/stage": "remote-control-plane", "kubectl-mesh.io/managed-by": "kubectl-mesh",
        ])
    }

    func testReaderTokenSecretIsTheLongLivedKind() {
        let secret = ReaderAccess.tokenSecret(namespace: "istio-system")
        XCTAssertEqual(secret["type"], "kubernetes.io/service-account-token")
        XCTAssertEqual(secret["metadata"]?["name"], "istio-reader-service-account-istio-remote-secret-token")
        XCTAssertEqual(secret["metadata"]?["annotations"], ["kubernetes.io/service-account.name": "istio-reader-service-account"])
        XCTAssertNil(secret["data"])
        XCTAssertEqual(ReaderAccess.clusterRoleName(namespace: "istio-system", revision: "canary"),
                       "istio-reader-clusterrole-canary-istio-system")
        let binding = ReaderAccess.clusterRoleBinding(namespace: "istio-system", revision: nil)
        XCTAssertEqual(binding["subjects"]?[0]?["name"], "istio-reader-service-account")
        XCTAssertEqual(binding["roleRef"]?["name"], "istio-reader-clusterrole-istio-system")
    }
}
