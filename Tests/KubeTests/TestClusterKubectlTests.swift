import Foundation
import TestCluster
import XCTest

/// The fidelity test: the real kubectl (the default one and versioned binaries from 1.27 to 1.33)
/// against the test server, so that the server cannot drift from the real API.
/// Skipped only where kubectl is not installed.
final class TestClusterKubectlTests: XCTestCase {
    private var cluster: TestCluster!

    override func tearDown() {
        cluster?.stop()
        cluster = nil
    }

    func testDefaultKubectl() throws {
        guard let kubectl = Kubectl.defaultPath else {
            throw XCTSkip("kubectl is not installed on this machine")
        }
        try exercise(kubectl)
    }

    func testOldKubectl127() throws { try exercise(version: "1.27") }

    func testKubectl129() throws { try exercise(version: "1.29") }

    func testKubectl131() throws { try exercise(version: "1.31") }

    func testNewKubectl133() throws { try exercise(version: "1.33") }

    private func exercise(version: String) throws {
        guard let kubectl = Kubectl.path(version: version) else {
            throw XCTSkip("kubectl.\(version) is not installed beside kubectl on this machine")
        }
        try exercise(kubectl)
    }

    @discardableResult
    private func run(_ kubectl: String, _ args: [String], input: String? = nil, expectSuccess: Bool = true,
                     file: StaticString = #filePath, line: UInt = #line) throws -> CommandResult {
        let result = try cluster.kubectl(args, binary: kubectl, input: input)
        if expectSuccess {
            XCTAssertTrue(result.succeeded, "kubectl \(args.joined(separator: " ")) failed: \(result.stderr)",
                          file: file, line: line)
        }
        return result
    }

    private func exercise(_ kubectl: String) throws {
        var options = TestClusterOptions()
        options.delays.deployment = 0.3   // rollout status has to wait for a watch event
        options.delays.crd = 0.3
        cluster = try TestCluster.start(name: "fidelity", options: options)

        // get, through discovery
        let namespaces = try run(kubectl, ["get", "namespaces", "-o", "name"])
        XCTAssertTrue(namespaces.stdout.contains("namespace/kube-system"), namespaces.stdout)

        // create of built-in objects (protobuf bodies from kubectl ≥ 1.32's typed clients)
        try run(kubectl, ["create", "namespace", "istio-system"])
        try run(kubectl, ["create", "configmap", "settings", "-n", "istio-system", "--from-literal=mode=a"])
        let created = try run(kubectl, ["get", "configmap", "settings", "-n", "istio-system", "-o",
                                        "jsonpath={.data.mode}"])
        XCTAssertEqual(created.stdout, "a")
        try run(kubectl, ["create", "secret", "generic", "creds", "-n", "istio-system", "--from-literal=k=v"])
        try run(kubectl, ["create", "serviceaccount", "bot", "-n", "istio-system"])
        try run(kubectl, ["create", "deployment", "web", "--image=nginx:1.27", "--replicas=2"])

        // create token: a token the server accepts for that service account
        let token = try run(kubectl, ["create", "token", "bot", "-n", "istio-system", "--duration=1h"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(token.split(separator: ".").count, 3, "a JWT: \(token)")
        let review = try cluster.request("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                                         body: #"{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"#,
                                         as: .token(token))
        XCTAssertEqual(string(try jsonObject(review), "status.userInfo.username"),
                       "system:serviceaccount:istio-system:bot")

        // rollout status follows the Deployment through a watch
        let rollout = try run(kubectl, ["rollout", "status", "deployment/web", "--timeout=30s"])
        XCTAssertTrue(rollout.stdout.contains("successfully rolled out"), rollout.stdout)

        // server-side apply: create, repeat, conflict, force
        let manifest = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: applied
              namespace: istio-system
            data:
              owner: first
            """
        let applied = try run(kubectl, ["apply", "--server-side", "-f", "-"], input: manifest)
        XCTAssertTrue(applied.stdout.contains("configmap/applied serverside-applied"), applied.stdout)
        let rv1 = try run(kubectl, ["get", "cm", "applied", "-n", "istio-system", "-o",
                                    "jsonpath={.metadata.resourceVersion}"]).stdout
        try run(kubectl, ["apply", "--server-side", "-f", "-"], input: manifest)
        let rv2 = try run(kubectl, ["get", "cm", "applied", "-n", "istio-system", "-o",
                                    "jsonpath={.metadata.resourceVersion}"]).stdout
        XCTAssertEqual(rv1, rv2, "a repeated apply changes nothing")
        let other = manifest.replacingOccurrences(of: "owner: first", with: "owner: second")
        let conflict = try run(kubectl, ["apply", "--server-side", "--field-manager=other", "-f", "-"], input: other,
                               expectSuccess: false)
        XCTAssertFalse(conflict.succeeded)
        XCTAssertTrue(conflict.stderr.contains("Apply failed with 1 conflict: conflict with \"kubectl\": .data.owner"),
                      conflict.stderr)
        try run(kubectl, ["apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", "-"],
                input: other)
        let forced = try run(kubectl, ["get", "cm", "applied", "-n", "istio-system", "-o", "jsonpath={.data.owner}"])
        XCTAssertEqual(forced.stdout, "second")

        // client-side apply (last-applied annotation, strategic merge patch)
        try run(kubectl, ["apply", "-f", "-"], input: manifest.replacingOccurrences(of: "applied", with: "client"))
        let configured = try run(kubectl, ["apply", "-f", "-"], input: manifest
            .replacingOccurrences(of: "applied", with: "client").replacingOccurrences(of: "first", with: "third"))
        XCTAssertTrue(configured.stdout.contains("configmap/client configured"), configured.stdout)

        // client-side apply of a Deployment: kubectl's own strategic merge patch, no warnings
        let web = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop, namespace: istio-system}
            spec:
              selector: {matchLabels: {app: shop}}
              template:
                metadata: {labels: {app: shop}}
                spec:
                  containers:
                  - {name: a, image: "nginx:1", env: [{name: X, value: "1"}]}
                  - {name: b, image: busybox}
            """
        try run(kubectl, ["apply", "-f", "-"], input: web)
        let reapplied = try run(kubectl, ["apply", "-f", "-"], input: web.replacingOccurrences(of: "nginx:1", with: "nginx:2"))
        XCTAssertFalse(reapplied.stderr.contains("warning"), reapplied.stderr)
        let images = try run(kubectl, ["get", "deploy", "shop", "-n", "istio-system", "-o",
                                       "jsonpath={.spec.template.spec.containers[*].image}"])
        XCTAssertEqual(images.stdout, "nginx:2 busybox")

        // a CRD, waited for through a watch, then a custom resource
        try run(kubectl, ["apply", "--server-side", "-f", "-"], input: """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: gadgets.example.com
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: gadgets, singular: gadget, kind: Gadget}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
            """)
        try run(kubectl, ["wait", "--for=condition=Established", "crd/gadgets.example.com", "--timeout=30s"])
        try run(kubectl, ["apply", "--server-side", "-f", "-"], input: """
            apiVersion: example.com/v1
            kind: Gadget
            metadata: {name: g1, namespace: istio-system}
            spec: {size: 2}
            """)
        let gadgets = try run(kubectl, ["get", "gadgets", "-n", "istio-system", "-o", "name"])
        XCTAssertEqual(gadgets.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "gadget.example.com/g1")

        // delete, and the NotFound kubectl prints afterwards
        let deleted = try run(kubectl, ["delete", "configmap", "settings", "-n", "istio-system"])
        XCTAssertTrue(deleted.stdout.contains("configmap \"settings\" deleted"), deleted.stdout)
        let missing = try run(kubectl, ["get", "configmap", "settings", "-n", "istio-system"], expectSuccess: false)
        XCTAssertTrue(missing.stderr.contains("Error from server (NotFound): configmaps \"settings\" not found"),
                      missing.stderr)

        // get --watch shows a change made while it watches
        let mark = try cluster.requestLogMark()
        let watch = try cluster.startKubectl(["get", "configmaps", "-n", "istio-system", "--watch", "-o", "name",
                                              "--request-timeout=5s"], binary: kubectl)
        _ = try eventually("kubectl to start watching") {
            try cluster.requestLog(since: mark).first { $0.queryValue("watch") == "true" }
        }
        try run(kubectl, ["create", "configmap", "late", "-n", "istio-system"])
        let watched = watch.wait()
        XCTAssertTrue(watched.stdout.contains("configmap/late"), watched.stdout + watched.stderr)

        // impersonation: kubectl --as
        let canI = try run(kubectl, ["auth", "can-i", "create", "secrets", "-n", "istio-system", "--as", "alice"],
                           expectSuccess: false)
        XCTAssertEqual(canI.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "no")
        let forbidden = try run(kubectl, ["get", "secrets", "-n", "istio-system", "--as", "alice"],
                                expectSuccess: false)
        XCTAssertTrue(forbidden.stderr.contains(
            "secrets is forbidden: User \"alice\" cannot list resource \"secrets\" in API group \"\" in the namespace \"istio-system\""),
            forbidden.stderr)

        // the test controls are reachable for the admin through kubectl
        let log = try run(kubectl, ["get", "--raw", "/__test/log?since=0"])
        XCTAssertTrue(log.stdout.contains("\"entries\""))
    }
}
