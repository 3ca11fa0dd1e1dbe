import Foundation
import TestCluster
import XCTest

/// Tests of the test API server itself, through curl and the real kubectl (never through Kube).
final class TestClusterTests: XCTestCase {
    private var cluster: TestCluster!

    override func setUpWithError() throws {
        cluster = try TestCluster.start(name: "east")
    }

    override func tearDown() {
        cluster?.stop()
        cluster = nil
    }

    private func json(_ result: HTTPResult, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try XCTUnwrap(result.json, "not a JSON object: \(result.body)", file: file, line: line)
    }

    // MARK: start and stop

    func testStartWritesKubeconfigAndServesVersion() throws {
        let kubeconfig = try String(contentsOfFile: cluster.kubeconfigPath, encoding: .utf8)
        XCTAssertTrue(kubeconfig.contains("current-context: \"east\""))
        XCTAssertTrue(kubeconfig.contains("client-certificate-data:"))
        XCTAssertEqual(cluster.server.host, "127.0.0.1")
        let version = try json(cluster.request("GET", "/version"))
        XCTAssertEqual(version["gitVersion"] as? String, "v1.33.1")
        XCTAssertEqual(version["minor"] as? String, "33")
    }

    func testStopEndsTheServerAndRemovesItsDirectory() throws {
        let directory = cluster.directory
        let server = cluster.server
        cluster.stop()
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory))
        let result = try Command.run("curl", ["-sS", "-k", "--max-time", "5", server.absoluteString + "/version"])
        XCTAssertFalse(result.succeeded, "server still answers after stop: \(result.stdout)")
    }

    // MARK: discovery

    func testDiscoveryDocumentsListBuiltInResources() throws {
        let api = try json(cluster.request("GET", "/api"))
        XCTAssertEqual(api["kind"] as? String, "APIVersions")
        XCTAssertEqual(api["versions"] as? [String], ["v1"])

        let core = try json(cluster.request("GET", "/api/v1"))
        XCTAssertNil(core["apiVersion"], "kube-apiserver's /api/v1 has no apiVersion")
        let resources = try XCTUnwrap(core["resources"] as? [[String: Any]])
        let configmaps = try XCTUnwrap(resources.first { $0["name"] as? String == "configmaps" })
        XCTAssertEqual(configmaps["kind"] as? String, "ConfigMap")
        XCTAssertEqual(configmaps["namespaced"] as? Bool, true)
        XCTAssertEqual(configmaps["shortNames"] as? [String], ["cm"])
        let token = try XCTUnwrap(resources.first { $0["name"] as? String == "serviceaccounts/token" })
        XCTAssertEqual(token["group"] as? String, "authentication.k8s.io")
        XCTAssertEqual(token["kind"] as? String, "TokenRequest")

        let groups = try json(cluster.request("GET", "/apis"))
        let names = (groups["groups"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        for group in ["apps", "rbac.authorization.k8s.io", "apiextensions.k8s.io", "admissionregistration.k8s.io",
                      "policy", "autoscaling", "coordination.k8s.io", "discovery.k8s.io"] {
            XCTAssertTrue(names.contains(group), "missing group \(group)")
        }
        let apps = try json(cluster.request("GET", "/apis/apps/v1"))
        XCTAssertEqual(apps["apiVersion"] as? String, "v1")
        let appsNames = (apps["resources"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        XCTAssertTrue(appsNames.contains("deployments/status"))

        let missing = try cluster.request("GET", "/apis/example.com/v1")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(try json(missing)["reason"] as? String, "NotFound")
    }

    func testFreshClusterHasKindsStartState() throws {
        let namespaces = try json(cluster.request("GET", "/api/v1/namespaces"))
        let names = (namespaces["items"] as? [[String: Any]] ?? []).compactMap {
            ($0["metadata"] as? [String: Any])?["name"] as? String
        }
        XCTAssertEqual(Set(names), ["default", "kube-system", "kube-public", "kube-node-lease"])
        let slice = try json(cluster.request(
            "GET", "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes"))
        let endpoints = try XCTUnwrap(slice["endpoints"] as? [[String: Any]])
        XCTAssertEqual(endpoints.first?["addresses"] as? [String], ["172.18.0.2"])
        XCTAssertEqual(try cluster.request("GET", "/api/v1/namespaces/default/services/kubernetes").status, 200)
    }

    // MARK: Status errors

    func testNotFoundAndAlreadyExistsAreKubeStatuses() throws {
        let missing = try cluster.request("GET", "/api/v1/namespaces/default/configmaps/nope")
        XCTAssertEqual(missing.status, 404)
        let status = try json(missing)
        XCTAssertEqual(status["kind"] as? String, "Status")
        XCTAssertEqual(status["reason"] as? String, "NotFound")
        XCTAssertEqual(status["message"] as? String, "configmaps \"nope\" not found")
        XCTAssertEqual((status["details"] as? [String: Any])?["kind"] as? String, "configmaps")

        let body = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"one"},"data":{"a":"b"}}"#
        XCTAssertEqual(try cluster.request("POST", "/api/v1/namespaces/default/configmaps", body: body).status, 201)
        let again = try cluster.request("POST", "/api/v1/namespaces/default/configmaps", body: body)
        XCTAssertEqual(again.status, 409)
        XCTAssertEqual(try json(again)["reason"] as? String, "AlreadyExists")
        XCTAssertEqual(try json(again)["message"] as? String, "configmaps \"one\" already exists")

        let groupMissing = try cluster.request("GET", "/apis/apps/v1/namespaces/default/deployments/web")
        XCTAssertEqual(try json(groupMissing)["message"] as? String, "deployments.apps \"web\" not found")
    }

    func testInvalidNameIs422WithCauses() throws {
        let body = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Bad_Name"}}"#
        let result = try cluster.request("POST", "/api/v1/namespaces/default/configmaps", body: body)
        XCTAssertEqual(result.status, 422)
        let status = try json(result)
        XCTAssertEqual(status["reason"] as? String, "Invalid")
        let message = try XCTUnwrap(status["message"] as? String)
        XCTAssertTrue(message.hasPrefix(
            "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"),
            message)
        let causes = try XCTUnwrap((status["details"] as? [String: Any])?["causes"] as? [[String: Any]])
        XCTAssertEqual(causes.first?["field"] as? String, "metadata.name")
        XCTAssertEqual(causes.first?["reason"] as? String, "FieldValueInvalid")
    }

    func testStaleResourceVersionIsConflict() throws {
        let body = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}"#
        let created = try json(cluster.request("POST", "/api/v1/namespaces/default/configmaps", body: body))
        let rv = try XCTUnwrap((created["metadata"] as? [String: Any])?["resourceVersion"] as? String)
        let update = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","resourceVersion":"RV"},"data":{"a":"2"}}"#
        XCTAssertEqual(try cluster.request("PUT", "/api/v1/namespaces/default/configmaps/c",
                                           body: update.replacingOccurrences(of: "RV", with: rv)).status, 200)
        let stale = try cluster.request("PUT", "/api/v1/namespaces/default/configmaps/c",
                                        body: update.replacingOccurrences(of: "RV", with: rv))
        XCTAssertEqual(stale.status, 409)
        XCTAssertEqual(try json(stale)["reason"] as? String, "Conflict")
        XCTAssertEqual(try json(stale)["message"] as? String,
                       "Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again")
    }

    func testUnknownTokenIs401AndMissingRightsAre403() throws {
        let bad = try cluster.request("GET", "/api/v1/namespaces", as: .token("nope"))
        XCTAssertEqual(bad.status, 401)
        XCTAssertEqual(try json(bad)["reason"] as? String, "Unauthorized")

        try cluster.setTokens([StaticToken(token: "alice-token", user: "alice")])
        let denied = try cluster.request("POST", "/api/v1/namespaces/default/secrets",
                                         body: #"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}"#,
                                         as: .token("alice-token"))
        XCTAssertEqual(denied.status, 403)
        XCTAssertEqual(try json(denied)["message"] as? String,
                       "secrets is forbidden: User \"alice\" cannot create resource \"secrets\" in API group \"\" in the namespace \"default\"")
        let anonymous = try cluster.request("GET", "/api/v1/namespaces", as: .none)
        XCTAssertEqual(anonymous.status, 403)
        XCTAssertEqual(try json(anonymous)["message"] as? String,
                       "namespaces is forbidden: User \"system:anonymous\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope")
    }

    func testUnsupportedPatchTypeIs415AndWrongMethodIs405() throws {
        let body = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"p"}}"#
        XCTAssertEqual(try cluster.request("POST", "/api/v1/namespaces/default/configmaps", body: body).status, 201)
        let patch = try cluster.request("PATCH", "/api/v1/namespaces/default/configmaps/p", body: "{}",
                                        contentType: "text/plain")
        XCTAssertEqual(patch.status, 415)
        XCTAssertEqual(try json(patch)["reason"] as? String, "UnsupportedMediaType")
        let collectionPatch = try cluster.request("PATCH", "/api/v1/namespaces/default/configmaps", body: "{}",
                                                  contentType: "application/merge-patch+json")
        XCTAssertEqual(collectionPatch.status, 405)
    }

    // MARK: server-side apply

    private let appliedConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: applied
          labels: {app: demo}
        data:
          key: one
        """

    private func apply(_ yaml: String, manager: String, force: Bool = false) throws -> HTTPResult {
        try cluster.request("PATCH", "/api/v1/namespaces/default/configmaps/applied?fieldManager=\(manager)" +
                            (force ? "&force=true" : ""), body: yaml, contentType: "application/apply-patch+yaml")
    }

    private func resourceVersion(_ result: HTTPResult) throws -> String {
        try XCTUnwrap((try json(result)["metadata"] as? [String: Any])?["resourceVersion"] as? String)
    }

    func testApplyCreatesThenRepeatsWithoutChangingResourceVersion() throws {
        let first = try apply(appliedConfigMap, manager: "mesh")
        XCTAssertEqual(first.status, 201)
        let second = try apply(appliedConfigMap, manager: "mesh")
        XCTAssertEqual(second.status, 200)
        XCTAssertEqual(try resourceVersion(first), try resourceVersion(second))
        let managed = try XCTUnwrap(
            (try json(second)["metadata"] as? [String: Any])?["managedFields"] as? [[String: Any]])
        XCTAssertEqual(managed.count, 1)
        XCTAssertEqual(managed.first?["manager"] as? String, "mesh")
        XCTAssertEqual(managed.first?["operation"] as? String, "Apply")
    }

    func testApplyConflictNamesTheOtherManagerUnlessForced() throws {
        XCTAssertEqual(try apply(appliedConfigMap, manager: "mesh").status, 201)
        let changed = appliedConfigMap.replacingOccurrences(of: "key: one", with: "key: two")
        let conflict = try apply(changed, manager: "other")
        XCTAssertEqual(conflict.status, 409)
        let status = try json(conflict)
        XCTAssertEqual(status["reason"] as? String, "Conflict")
        XCTAssertEqual(status["message"] as? String, "Apply failed with 1 conflict: conflict with \"mesh\": .data.key")
        let causes = try XCTUnwrap((status["details"] as? [String: Any])?["causes"] as? [[String: Any]])
        XCTAssertEqual(causes.first?["type"] as? String, "FieldManagerConflict")
        XCTAssertEqual(causes.first?["field"] as? String, ".data.key")

        let forced = try apply(changed, manager: "other", force: true)
        XCTAssertEqual(forced.status, 200)
        XCTAssertEqual((try json(forced)["data"] as? [String: Any])?["key"] as? String, "two")
    }

    func testApplyWithoutFieldManagerIsRejected() throws {
        let result = try cluster.request("PATCH", "/api/v1/namespaces/default/configmaps/applied",
                                         body: appliedConfigMap, contentType: "application/apply-patch+yaml")
        XCTAssertEqual(result.status, 422)
        XCTAssertTrue((try json(result)["message"] as? String ?? "").contains("fieldManager: Required value"))
    }

    func testApplyRemovesFieldsTheManagerStopsApplying() throws {
        XCTAssertEqual(try apply(appliedConfigMap + "\n  extra: x", manager: "mesh").status, 201)
        let reapplied = try json(apply(appliedConfigMap, manager: "mesh"))
        XCTAssertEqual(reapplied["data"] as? [String: String], ["key": "one"])
    }

    func testApplyConflictsWithTheManagerOfAnUpdate() throws {
        let created = try cluster.request("POST", "/api/v1/namespaces/default/configmaps?fieldManager=creator",
                                          body: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied"},"data":{"key":"zero"}}"#)
        XCTAssertEqual(created.status, 201)
        let conflict = try apply(appliedConfigMap, manager: "mesh")
        XCTAssertEqual(conflict.status, 409)
        XCTAssertEqual(try json(conflict)["message"] as? String,
                       "Apply failed with 1 conflict: conflict with \"creator\" using v1: .data.key")
    }

    func testApplyingPortsWithoutProtocolMatchesTheDefaultedPorts() throws {
        let service = """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              ports:
              - name: http
                port: 80
            """
        let path = "/api/v1/namespaces/default/services/s?fieldManager=mesh"
        let first = try cluster.request("PATCH", path, body: service, contentType: "application/apply-patch+yaml")
        XCTAssertEqual(first.status, 201)
        let second = try cluster.request("PATCH", path, body: service, contentType: "application/apply-patch+yaml")
        let ports = (try json(second)["spec"] as? [String: Any])?["ports"] as? [[String: Any]] ?? []
        XCTAssertEqual(ports.count, 1)
        XCTAssertEqual(ports.first?["protocol"] as? String, "TCP")
        XCTAssertEqual(try resourceVersion(first), try resourceVersion(second))
        let clusterIP = ((try json(second)["spec"] as? [String: Any])?["clusterIP"] as? String) ?? ""
        XCTAssertFalse(clusterIP.isEmpty)

        let put = try cluster.request("PUT", "/api/v1/namespaces/default/services/s", body: """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"name":"http","port":81}]}}
            """)
        XCTAssertEqual(put.status, 200)
        XCTAssertEqual((try json(put)["spec"] as? [String: Any])?["clusterIP"] as? String, clusterIP,
                       "an update keeps the allocated cluster IP")
    }

    // MARK: faults and the request log

    func testInjectedStatusFaultCarriesRetryAfterAndIsLogged() throws {
        let mark = try cluster.requestLogMark()
        let id = try cluster.addFault(.status(429, method: "GET", path: "/api/v1/namespaces", retryAfter: 3))
        let limited = try cluster.request("GET", "/api/v1/namespaces")
        XCTAssertEqual(limited.status, 429)
        XCTAssertEqual(limited.headers["retry-after"], "3")
        XCTAssertEqual(try json(limited)["reason"] as? String, "TooManyRequests")
        XCTAssertEqual(try cluster.request("GET", "/api/v1/namespaces").status, 200, "the fault fires once")
        let log = try cluster.requestLog(since: mark)
        XCTAssertEqual(log.map(\.status), [429, 200])
        XCTAssertEqual(log.first?.fault, id)
        XCTAssertEqual(log.first?.user, "kubernetes-admin")
        XCTAssertEqual(try cluster.faultsFired()[id], 1)
    }

    func testDelayFaultsServeLateAndTextFaultsAnswerPlainText() throws {
        let mark = try cluster.requestLogMark()
        let delayed = try cluster.addFault(.delay(0.2, path: "/version"))
        XCTAssertEqual(try cluster.request("GET", "/version").status, 200)
        try cluster.addFault(Fault(path: "/api", status: 429, retryAfter: 1, body: .text))
        let limited = try cluster.request("GET", "/api")
        XCTAssertEqual(limited.status, 429)
        XCTAssertEqual(limited.headers["content-type"], "text/plain; charset=utf-8")
        XCTAssertEqual(limited.headers["retry-after"], "1")
        XCTAssertEqual(limited.body, "Too many requests, please try again later.\n")
        XCTAssertEqual(try cluster.requestLog(since: mark).first?.fault, delayed)
    }

    func testInjectedResetDropsTheConnection() throws {
        try cluster.addFault(.reset(path: "/version"))
        XCTAssertThrowsError(try cluster.request("GET", "/version"))
        XCTAssertEqual(try cluster.request("GET", "/version").status, 200)
    }

    // MARK: the real kubectl

    func testKubectlReadsAndAppliesServerSide() throws {
        guard Kubectl.defaultPath != nil else { throw XCTSkip("kubectl is not installed on this machine") }
        let get = try cluster.kubectl(["get", "namespaces", "-o", "name"])
        XCTAssertTrue(get.succeeded, get.stderr)
        XCTAssertTrue(get.stdout.contains("namespace/kube-system"))
    }
}
