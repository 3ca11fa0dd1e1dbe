import Foundation
import TestCluster
import XCTest

/// The test server's controllers and watches, observed through plain HTTP (curl).
final class TestClusterControllerTests: XCTestCase {
    private var cluster: TestCluster!

    override func tearDown() {
        cluster?.stop()
        cluster = nil
    }

    private func start(_ configure: (inout TestClusterOptions) -> Void = { _ in }) throws {
        var options = TestClusterOptions()
        configure(&options)
        cluster = try TestCluster.start(name: "west", options: options)
    }

    private let deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
        """

    func testDeploymentRollsOutWithObservedGenerationAndConditions() throws {
        try start()
        try cluster.create("/apis/apps/v1/namespaces/default/deployments", deployment)
        let rolled = try eventually("web to roll out") { () -> [String: Any]? in
            let obj = try cluster.get("/apis/apps/v1/namespaces/default/deployments/web")
            return value(obj, "status.availableReplicas") as? Int == 3 ? obj : nil
        }
        XCTAssertEqual(value(rolled, "status.observedGeneration") as? Int, 1)
        XCTAssertEqual(value(rolled, "status.updatedReplicas") as? Int, 3)
        XCTAssertEqual(value(rolled, "status.readyReplicas") as? Int, 3)
        let conditions = value(rolled, "status.conditions") as? [[String: Any]] ?? []
        XCTAssertEqual(conditions.first { $0["type"] as? String == "Available" }?["status"] as? String, "True")
        XCTAssertEqual(conditions.first { $0["type"] as? String == "Progressing" }?["reason"] as? String,
                       "NewReplicaSetAvailable")
    }

    func testDeploymentRunsPodsThroughAReplicaSetAndProxiesScriptedAnswers() throws {
        try start()
        try cluster.create("/apis/apps/v1/namespaces/default/deployments", deployment)
        let pods = try eventually("three pods") { () -> [[String: Any]]? in
            let list = try jsonObject(cluster.request("GET", "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb"))
            let items = list["items"] as? [[String: Any]] ?? []
            return items.count == 3 ? items : nil
        }
        let pod = try XCTUnwrap(pods.first)
        XCTAssertEqual(string(pod, "status.phase"), "Running")
        XCTAssertEqual(string(pod, "metadata.ownerReferences.0.kind"), "ReplicaSet")
        let name = try XCTUnwrap(string(pod, "metadata.name"))
        let metrics = "/api/v1/namespaces/default/pods/\(name):15014/proxy/metrics"
        let refused = try cluster.request("GET", metrics)
        XCTAssertEqual(refused.status, 503)
        XCTAssertTrue((try jsonObject(refused)["message"] as? String ?? "").hasSuffix("connect: connection refused"))
        try cluster.setProxyResponses([ProxyResponse(.pod("web-.*"), port: 15014, path: "/metrics", body: "up 1\n")])
        let scripted = try cluster.request("GET", metrics)
        XCTAssertEqual(scripted.status, 200)
        XCTAssertEqual(scripted.body, "up 1\n")

        XCTAssertEqual(try cluster.request("DELETE", "/apis/apps/v1/namespaces/default/deployments/web").status, 200)
        _ = try eventually("the pods to be collected") {
            let list = try jsonObject(cluster.request("GET", "/api/v1/namespaces/default/pods"))
            return (list["items"] as? [Any] ?? []).isEmpty ? true : nil
        }
    }

    func testDeploymentsCanBeKeptUnavailable() throws {
        try start { $0.deploymentsBecomeReady = false }
        try cluster.create("/apis/apps/v1/namespaces/default/deployments", deployment)
        let stuck = try eventually("web to be observed") { () -> [String: Any]? in
            let obj = try cluster.get("/apis/apps/v1/namespaces/default/deployments/web")
            return value(obj, "status.observedGeneration") as? Int == 1 ? obj : nil
        }
        XCTAssertNil(value(stuck, "status.availableReplicas"))
        XCTAssertEqual(value(stuck, "status.unavailableReplicas") as? Int, 3)
    }

    private let loadBalancer = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"gw"},
         "spec":{"type":"LoadBalancer","selector":{"app":"gw"},"ports":[{"name":"tls","port":15443}]}}
        """

    func testLoadBalancerServicesGetAnIPOrAHostname() throws {
        try start()
        let created = try cluster.create("/api/v1/namespaces/default/services", loadBalancer)
        XCTAssertNotNil(string(created, "spec.clusterIP"))
        XCTAssertNotNil(value(created, "spec.ports.0.nodePort") as? Int)
        let ip = try eventually("an ingress IP") {
            string(try cluster.get("/api/v1/namespaces/default/services/gw"), "status.loadBalancer.ingress.0.ip")
        }
        XCTAssertTrue(ip.hasPrefix("172.18.255."), ip)

        try cluster.setLoadBalancer(.hostname)
        try cluster.create("/api/v1/namespaces/default/services", loadBalancer.replacingOccurrences(of: "\"gw\"}", with: "\"gw2\"}"))
        let hostname = try eventually("an ingress hostname") {
            string(try cluster.get("/api/v1/namespaces/default/services/gw2"),
                   "status.loadBalancer.ingress.0.hostname")
        }
        XCTAssertTrue(hostname.hasSuffix(".elb.test.example"), hostname)
    }

    func testLoadBalancerCanNeverAnswer() throws {
        try start { $0.loadBalancer = .never }
        try cluster.create("/api/v1/namespaces/default/services", loadBalancer)
        // A later object is handled after the Service: once it exists, the Service had its turn.
        try cluster.create("/apis/apps/v1/namespaces/default/deployments", deployment)
        _ = try eventually("the deployment to roll out") {
            value(try cluster.get("/apis/apps/v1/namespaces/default/deployments/web"), "status.observedGeneration")
        }
        let service = try cluster.get("/api/v1/namespaces/default/services/gw")
        XCTAssertNil(value(service, "status.loadBalancer.ingress"))
    }

    func testTokenSecretIsFilledAndItsTokenAuthenticatesTheServiceAccount() throws {
        try start()
        try cluster.create("/api/v1/namespaces/default/serviceaccounts",
                           #"{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"reader"}}"#)
        try cluster.create("/api/v1/namespaces/default/secrets", """
            {"apiVersion":"v1","kind":"Secret","type":"kubernetes.io/service-account-token",
             "metadata":{"name":"reader-token","annotations":{"kubernetes.io/service-account.name":"reader"}}}
            """)
        let secret = try eventually("the token to be filled") { () -> [String: Any]? in
            let obj = try cluster.get("/api/v1/namespaces/default/secrets/reader-token")
            return string(obj, "data.token") != nil ? obj : nil
        }
        let data = try XCTUnwrap(secret["data"] as? [String: String])
        XCTAssertEqual(Data(base64Encoded: data["ca.crt"] ?? "").map { String(decoding: $0, as: UTF8.self) },
                       try cluster.caCertificatePEM())
        XCTAssertEqual(Data(base64Encoded: data["namespace"] ?? "").map { String(decoding: $0, as: UTF8.self) },
                       "default")
        let token = String(decoding: try XCTUnwrap(Data(base64Encoded: data["token"] ?? "")), as: UTF8.self)
        let review = try jsonObject(cluster.request("POST", "/apis/authentication.k8s.io/v1/tokenreviews",
                                                    body: #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"\#(token)"}}"#))
        XCTAssertEqual(value(review, "status.authenticated") as? Bool, true)
        XCTAssertEqual(string(review, "status.user.username"), "system:serviceaccount:default:reader")

        // The service account has no rights yet: 403 names it.
        let denied = try cluster.request("GET", "/api/v1/namespaces/default/secrets", as: .token(token))
        XCTAssertEqual(denied.status, 403)
        XCTAssertTrue(try jsonObject(denied)["message"] as? String == "secrets is forbidden: User \"system:serviceaccount:default:reader\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\"")

        // Deleting the Secret revokes the token.
        XCTAssertEqual(try cluster.request("DELETE", "/api/v1/namespaces/default/secrets/reader-token").status, 200)
        XCTAssertEqual(try cluster.request("GET", "/version", as: .token(token)).status, 401)
    }

    func testTokenSecretForAMissingServiceAccountIsDeleted() throws {
        try start()
        try cluster.create("/api/v1/namespaces/default/secrets", """
            {"apiVersion":"v1","kind":"Secret","type":"kubernetes.io/service-account-token",
             "metadata":{"name":"orphan","annotations":{"kubernetes.io/service-account.name":"nobody"}}}
            """)
        _ = try eventually("the secret to be removed") {
            try cluster.get("/api/v1/namespaces/default/secrets/orphan") == nil ? true : nil
        }
    }

    private let crd = """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"widgets.example.com"},
         "spec":{"group":"example.com","scope":"Namespaced",
                 "names":{"plural":"widgets","singular":"widget","kind":"Widget","shortNames":["wd"]},
                 "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
                   "schema":{"openAPIV3Schema":{"type":"object","properties":{
                     "spec":{"type":"object","properties":{"size":{"type":"integer"},"color":{"type":"string","enum":["red","blue"]}}},
                     "status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}}]}}
        """

    func testCRDBecomesEstablishedThenItsResourcesAreServedAndDiscoverable() throws {
        try start { $0.delays.crd = 0.2 }
        try cluster.create("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
        XCTAssertEqual(try cluster.request("GET", "/apis/example.com/v1/namespaces/default/widgets").status, 404,
                       "not served before Established")
        let established = try eventually("Established") { () -> [String: Any]? in
            let obj = try cluster.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")
            let conditions = value(obj, "status.conditions") as? [[String: Any]] ?? []
            return conditions.contains { $0["type"] as? String == "Established" && $0["status"] as? String == "True" }
                ? obj : nil
        }
        XCTAssertEqual(string(established, "status.acceptedNames.kind"), "Widget")
        let discovery = try jsonObject(cluster.request("GET", "/apis/example.com/v1"))
        let names = (discovery["resources"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        XCTAssertEqual(Set(names), ["widgets", "widgets/status"])

        let widget = #"{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":3,"extra":true}}"#
        let created = try cluster.request("POST", "/apis/example.com/v1/namespaces/default/widgets", body: widget)
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(value(try jsonObject(created), "spec") as? [String: Int], ["size": 3], "unknown fields pruned")
        XCTAssertEqual(created.headers["warning"], #"299 - "unknown field \"spec.extra\"""#)
        let strict = try cluster.request("POST", "/apis/example.com/v1/namespaces/default/widgets?fieldValidation=Strict",
                                         body: widget.replacingOccurrences(of: "\"w\"", with: "\"w2\""))
        XCTAssertEqual(strict.status, 400)
        XCTAssertEqual(try jsonObject(strict)["message"] as? String,
                       "Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.extra\"")
        let invalid = try cluster.request("POST", "/apis/example.com/v1/namespaces/default/widgets",
                                          body: #"{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w3"},"spec":{"color":"green"}}"#)
        XCTAssertEqual(invalid.status, 422)
        XCTAssertEqual(try jsonObject(invalid)["message"] as? String,
                       "Widget.example.com \"w3\" is invalid: spec.color: Unsupported value: \"green\": supported values: \"red\", \"blue\"")
        let strategic = try cluster.request("PATCH", "/apis/example.com/v1/namespaces/default/widgets/w", body: "{}",
                                            contentType: "application/strategic-merge-patch+json")
        XCTAssertEqual(strategic.status, 415, "kube refuses strategic merge patch for custom resources")
    }

    func testDeletingACRDRemovesItsObjectsAndStopsServingThem() throws {
        try start()
        try cluster.create("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
        _ = try eventually("widgets served") {
            try cluster.request("GET", "/apis/example.com/v1/widgets").status == 200 ? true : nil
        }
        try cluster.create("/apis/example.com/v1/namespaces/default/widgets",
                           #"{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"}}"#)
        XCTAssertEqual(try cluster.request("DELETE", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com").status, 200)
        _ = try eventually("the CRD to go") {
            try cluster.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com") == nil ? true : nil
        }
        XCTAssertEqual(try cluster.request("GET", "/apis/example.com/v1/widgets").status, 404)
    }

    func testNamespacesGetDefaultsAndTerminateBeforeTheyVanish() throws {
        try start { $0.delays.namespace = 0.3 }
        try cluster.create("/api/v1/namespaces", #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"}}"#)
        _ = try eventually("the default service account") {
            try cluster.get("/api/v1/namespaces/team/serviceaccounts/default")
        }
        XCTAssertNotNil(try cluster.get("/api/v1/namespaces/team/configmaps/kube-root-ca.crt"))
        try cluster.create("/api/v1/namespaces/team/configmaps",
                           #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}"#)
        let deleted = try jsonObject(cluster.request("DELETE", "/api/v1/namespaces/team"))
        XCTAssertEqual(string(deleted, "status.phase"), "Terminating")
        let refused = try cluster.request("POST", "/api/v1/namespaces/team/configmaps",
                                          body: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"y"}}"#)
        XCTAssertEqual(refused.status, 403)
        XCTAssertEqual(try jsonObject(refused)["message"] as? String,
                       "configmaps \"y\" is forbidden: unable to create new content in namespace team because it is being terminated")
        _ = try eventually("the namespace to vanish") {
            try cluster.get("/api/v1/namespaces/team") == nil ? true : nil
        }
        XCTAssertNil(try cluster.get("/api/v1/namespaces/team/configmaps/x"))
    }

    func testOwnedObjectsAreCollectedWithTheirOwner() throws {
        try start()
        let owner = try cluster.create("/api/v1/namespaces/default/configmaps",
                                       #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"owner"}}"#)
        let uid = try XCTUnwrap(string(owner, "metadata.uid"))
        try cluster.create("/api/v1/namespaces/default/configmaps", """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"owned",
             "ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"owner","uid":"\(uid)"}]}}
            """)
        XCTAssertEqual(try cluster.request("DELETE", "/api/v1/namespaces/default/configmaps/owner").status, 200)
        _ = try eventually("the dependent to be collected") {
            try cluster.get("/api/v1/namespaces/default/configmaps/owned") == nil ? true : nil
        }
    }

    // MARK: watch

    func testWatchStreamsEventsFromAResourceVersion() throws {
        try start()
        let list = try jsonObject(cluster.request("GET", "/api/v1/namespaces/default/configmaps"))
        let rv = try XCTUnwrap(string(list, "metadata.resourceVersion"))
        try cluster.create("/api/v1/namespaces/default/configmaps",
                           #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"w","labels":{"a":"1"}},"data":{"k":"1"}}"#)
        XCTAssertEqual(try cluster.request("PATCH", "/api/v1/namespaces/default/configmaps/w", body: #"{"data":{"k":"2"}}"#,
                                           contentType: "application/merge-patch+json").status, 200)
        XCTAssertEqual(try cluster.request("DELETE", "/api/v1/namespaces/default/configmaps/w").status, 200)
        let watch = try cluster.request("GET", "/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=\(rv)&timeoutSeconds=1&labelSelector=a%3D1")
        XCTAssertEqual(watch.status, 200)
        XCTAssertEqual(watch.headers["transfer-encoding"], "chunked")
        let events = watch.body.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        XCTAssertEqual(events.compactMap { $0["type"] as? String }, ["ADDED", "MODIFIED", "DELETED"])
        XCTAssertEqual(string(events[1], "object.data.k"), "2")
        XCTAssertEqual(string(events[0], "object.kind"), "ConfigMap")
    }

    func testWatchListSendsInitialEventsThenABookmark() throws {
        try start()
        try cluster.updateConfig(["bookmarkIntervalSeconds": 0.3])
        let refused = try cluster.request("GET", "/api/v1/namespaces/default/configmaps?watch=1&sendInitialEvents=true")
        XCTAssertEqual(refused.status, 422)
        let watch = try cluster.request("GET", "/api/v1/namespaces/default/configmaps?watch=1&sendInitialEvents=true" +
                                        "&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1")
        let events = watch.body.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        let types = events.compactMap { $0["type"] as? String }
        XCTAssertEqual(types.first, "ADDED", "kube-root-ca.crt comes first")
        XCTAssertEqual(types.dropFirst().first, "BOOKMARK")
        XCTAssertEqual(value(events[1], "object.metadata.annotations") as? [String: String],
                       ["k8s.io/initial-events-end": "true"])
        XCTAssertTrue(types.dropFirst(2).allSatisfy { $0 == "BOOKMARK" } && types.count > 2,
                      "periodic bookmarks follow: \(types)")
    }

    func testWatchFromACompactedResourceVersionIsExpired() throws {
        try start()
        let watch = try cluster.request("GET", "/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1&timeoutSeconds=1")
        let event = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(watch.body.utf8)) as? [String: Any])
        XCTAssertEqual(event["type"] as? String, "ERROR")
        XCTAssertEqual(string(event, "object.reason"), "Expired")
        XCTAssertEqual(value(event, "object.code") as? Int, 410)
    }
}
