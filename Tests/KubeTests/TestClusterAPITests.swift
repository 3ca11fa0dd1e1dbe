import Foundation
import TestCluster
import XCTest

/// Authentication, authorization, patches, selectors and deletes of the test server, through curl.
final class TestClusterAPITests: XCTestCase {
    private var cluster: TestCluster!

    override func setUpWithError() throws {
        cluster = try TestCluster.start(name: "api")
    }

    override func tearDown() {
        cluster?.stop()
        cluster = nil
    }

    private let configMaps = "/api/v1/namespaces/default/configmaps"

    private func configMap(_ name: String, labels: [String: String] = [:], data: [String: String] = [:]) -> String {
        func pairs(_ map: [String: String]) -> String {
            map.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",")
        }
        return #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)","labels":{\#(pairs(labels))}},"data":{\#(pairs(data))}}"#
    }

    // MARK: authentication

    func testClientCertificateWinsOverABearerToken() throws {
        let result = try cluster.request("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                                         body: #"{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"#,
                                         headers: ["Authorization": "Bearer not-a-valid-token"])
        XCTAssertEqual(result.status, 201)
        XCTAssertEqual(string(try jsonObject(result), "status.userInfo.username"), "kubernetes-admin")
    }

    func testIssuedCertificatesBasicAuthAndExpiredTokens() throws {
        let carol = try cluster.issueClientCertificate(user: "carol", groups: ["team"])
        let whoami = #"{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"#
        let asCarol = try jsonObject(cluster.request("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                                                     body: whoami, as: .certificate(carol)))
        XCTAssertEqual(string(asCarol, "status.userInfo.username"), "carol")
        XCTAssertEqual(value(asCarol, "status.userInfo.groups") as? [String], ["team", "system:authenticated"])

        try cluster.setBasicUsers([BasicUser(user: "bob", password: "pw")])
        XCTAssertEqual(try cluster.request("GET", "/version", as: .basic(user: "bob", password: "pw")).status, 200)
        XCTAssertEqual(try cluster.request("GET", "/version", as: .basic(user: "bob", password: "no")).status, 401)

        try cluster.setTokens([StaticToken(token: "old", user: "eve", expiresAt: 1)])
        XCTAssertEqual(try cluster.request("GET", "/version", as: .token("old")).status, 401)
    }

    func testAnonymousRequestsAre401WhenAnonymousAuthIsOff() throws {
        XCTAssertEqual(try cluster.request("GET", "/version", as: .none).status, 200, "public info for anonymous")
        try cluster.updateConfig(["anonymousAuth": false])
        XCTAssertEqual(try cluster.request("GET", "/version", as: .none).status, 401)
    }

    func testImpersonationNeedsTheImpersonateVerb() throws {
        let whoami = #"{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"#
        let path = "/apis/authentication.k8s.io/v1/selfsubjectreviews"
        let asAlice = try jsonObject(cluster.request("POST", path, body: whoami,
                                                     headers: ["Impersonate-User": "alice", "Impersonate-Group": "devs"]))
        XCTAssertEqual(string(asAlice, "status.userInfo.username"), "alice")
        XCTAssertEqual(value(asAlice, "status.userInfo.groups") as? [String], ["devs", "system:authenticated"])
        let log = try cluster.requestLog().last
        XCTAssertEqual(log?.user, "alice")

        try cluster.setTokens([StaticToken(token: "bob", user: "bob")])
        let denied = try cluster.request("GET", configMaps, headers: ["Impersonate-User": "alice"], as: .token("bob"))
        XCTAssertEqual(denied.status, 403)
        XCTAssertEqual(try jsonObject(denied)["message"] as? String,
                       "users \"alice\" is forbidden: User \"bob\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope")
    }

    func testLargeResponsesAreGzippedForClientsThatAcceptIt() throws {
        let big = String(repeating: "x", count: 200 * 1024)
        try cluster.create(configMaps, configMap("big", data: ["blob": big]))
        let plain = try cluster.request("GET", "\(configMaps)/big")
        XCTAssertNil(plain.headers["content-encoding"])
        let compressed = try cluster.request("GET", "\(configMaps)/big", headers: ["Accept-Encoding": "gzip"])
        XCTAssertEqual(compressed.headers["content-encoding"], "gzip")
        XCTAssertLessThan(compressed.bodyData.count, 100 * 1024)
    }

    // MARK: authorization

    func testRoleBindingsGrantRightsAndAccessReviewsReportThem() throws {
        try cluster.setTokens([StaticToken(token: "alice", user: "alice")])
        try cluster.create("/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles", """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"cm-reader"},
             "rules":[{"apiGroups":[""],"resources":["configmaps"],"verbs":["get","list"]}]}
            """)
        try cluster.create("/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings", """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"alice-reads"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"cm-reader"},
             "subjects":[{"kind":"User","name":"alice"}]}
            """)
        XCTAssertEqual(try cluster.request("GET", configMaps, as: .token("alice")).status, 200)
        XCTAssertEqual(try cluster.request("GET", "/api/v1/namespaces/kube-system/configmaps",
                                           as: .token("alice")).status, 403)

        func review(_ verb: String, _ resource: String, _ namespace: String) throws -> [String: Any] {
            try jsonObject(cluster.request("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body: """
                {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",
                 "spec":{"resourceAttributes":{"verb":"\(verb)","resource":"\(resource)","namespace":"\(namespace)"}}}
                """, as: .token("alice")))
        }
        let allowed = try review("list", "configmaps", "default")
        XCTAssertEqual(value(allowed, "status.allowed") as? Bool, true)
        XCTAssertEqual(string(allowed, "status.reason"),
                       "RBAC: allowed by RoleBinding \"alice-reads/default\" of Role \"cm-reader\" to User \"alice\"")
        XCTAssertEqual(value(try review("create", "secrets", "default"), "status.allowed") as? Bool, false)
    }

    func testServiceAccountTokensFromTokenRequestCarryTheirBindings() throws {
        try cluster.create("/api/v1/namespaces/default/serviceaccounts",
                           #"{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"reader"}}"#)
        try cluster.create("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"reader-view"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
             "subjects":[{"kind":"ServiceAccount","name":"reader","namespace":"default"}]}
            """)
        let short = try cluster.request("POST", "/api/v1/namespaces/default/serviceaccounts/reader/token",
                                        body: #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"expirationSeconds":60}}"#)
        XCTAssertEqual(short.status, 422)
        XCTAssertEqual(try jsonObject(short)["message"] as? String,
                       "TokenRequest.authentication.k8s.io \"reader\" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes")
        let issued = try jsonObject(cluster.request("POST", "/api/v1/namespaces/default/serviceaccounts/reader/token",
                                                    body: #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}}"#))
        XCTAssertEqual(value(issued, "spec.expirationSeconds") as? Int, 3600)
        XCTAssertNotNil(string(issued, "status.expirationTimestamp"))
        let token = try XCTUnwrap(string(issued, "status.token"))
        XCTAssertEqual(try cluster.request("GET", configMaps, as: .token(token)).status, 200)
        let write = try cluster.request("POST", configMaps, body: configMap("nope"), as: .token(token))
        XCTAssertEqual(write.status, 403, "view is read-only")
        XCTAssertEqual(try cluster.request("GET", "/api/v1/namespaces/default/secrets", as: .token(token)).status,
                       403, "view does not read secrets")
        let missing = try cluster.request("POST", "/api/v1/namespaces/default/serviceaccounts/ghost/token",
                                          body: #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}}"#)
        XCTAssertEqual(try jsonObject(missing)["message"] as? String, "serviceaccounts \"ghost\" not found")
    }

    // MARK: patches

    func testMergeJSONAndStrategicPatches() throws {
        try cluster.create(configMaps, configMap("p", labels: ["a": "1"], data: ["x": "1", "y": "2"]))
        let merged = try jsonObject(cluster.request("PATCH", "\(configMaps)/p", body: #"{"data":{"y":null,"z":"3"}}"#,
                                                    contentType: "application/merge-patch+json"))
        XCTAssertEqual(merged["data"] as? [String: String], ["x": "1", "z": "3"])
        let failedTest = try cluster.request("PATCH", "\(configMaps)/p", body: #"[{"op":"test","path":"/data/x","value":"9"}]"#,
                                             contentType: "application/json-patch+json")
        XCTAssertEqual(failedTest.status, 422)
        let patched = try jsonObject(cluster.request("PATCH", "\(configMaps)/p",
                                                     body: #"[{"op":"replace","path":"/data/x","value":"9"},{"op":"add","path":"/metadata/labels/b","value":"2"}]"#,
                                                     contentType: "application/json-patch+json"))
        XCTAssertEqual(string(patched, "data.x"), "9")
        XCTAssertEqual(value(patched, "metadata.labels") as? [String: String], ["a": "1", "b": "2"])

        try cluster.create("/apis/apps/v1/namespaces/default/deployments", """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
             "spec":{"selector":{"matchLabels":{"app":"d"}},"template":{"metadata":{"labels":{"app":"d"}},
              "spec":{"containers":[{"name":"a","image":"one"},{"name":"b","image":"two"}]}}}}
            """)
        let strategic = try jsonObject(cluster.request(
            "PATCH", "/apis/apps/v1/namespaces/default/deployments/d",
            body: #"{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"three"}]}}}}"#,
            contentType: "application/strategic-merge-patch+json"))
        let containers = value(strategic, "spec.template.spec.containers") as? [[String: Any]] ?? []
        XCTAssertEqual(containers.compactMap { $0["image"] as? String }, ["one", "three"], "merged by name")
        XCTAssertEqual(value(strategic, "metadata.generation") as? Int, 2, "a spec change bumps generation")
        let labelsOnly = try jsonObject(cluster.request("PATCH", "/apis/apps/v1/namespaces/default/deployments/d",
                                                        body: #"{"metadata":{"labels":{"x":"y"}}}"#,
                                                        contentType: "application/merge-patch+json"))
        XCTAssertEqual(value(labelsOnly, "metadata.generation") as? Int, 2, "metadata changes do not")
    }

    func testStatusChangesOnlyThroughTheStatusSubresource() throws {
        try cluster.updateConfig(["loadBalancer": "never"])
        try cluster.create("/api/v1/namespaces/default/services", """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":80}]}}
            """)
        let ignored = try jsonObject(cluster.request("PATCH", "/api/v1/namespaces/default/services/s",
                                                     body: #"{"status":{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"}]}}}"#,
                                                     contentType: "application/merge-patch+json"))
        XCTAssertNil(value(ignored, "status.loadBalancer.ingress"))
        let status = try jsonObject(cluster.request("PATCH", "/api/v1/namespaces/default/services/s/status",
                                                    body: #"{"status":{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"}]}},"spec":{"type":"NodePort"}}"#,
                                                    contentType: "application/merge-patch+json"))
        XCTAssertEqual(string(status, "status.loadBalancer.ingress.0.ip"), "1.2.3.4")
        XCTAssertEqual(string(status, "spec.type"), "ClusterIP", "spec does not change through /status")
    }

    // MARK: reads

    func testLabelAndFieldSelectorsAndPagination() throws {
        for (name, tier) in [("a", "web"), ("b", "db"), ("c", "web"), ("d", "cache")] {
            try cluster.create(configMaps, configMap(name, labels: ["tier": tier]))
        }
        try cluster.create(configMaps, configMap("e"))
        func names(_ query: String) throws -> [String] {
            let list = try jsonObject(cluster.request("GET", "\(configMaps)?\(query)"))
            return (list["items"] as? [[String: Any]] ?? []).compactMap { string($0, "metadata.name") }
        }
        XCTAssertEqual(try names("labelSelector=tier%3Dweb"), ["a", "c"])
        XCTAssertEqual(try names("labelSelector=tier%20in%20(db,cache)"), ["b", "d"])
        XCTAssertEqual(try names("labelSelector=tier%20notin%20(web)"), ["b", "d", "e", "kube-root-ca.crt"])
        XCTAssertEqual(try names("labelSelector=!tier"), ["e", "kube-root-ca.crt"])
        XCTAssertEqual(try names("labelSelector=tier,tier!%3Dweb"), ["b", "d"])
        XCTAssertEqual(try names("fieldSelector=metadata.name%3Dc"), ["c"])
        let badField = try cluster.request("GET", "\(configMaps)?fieldSelector=spec.x%3D1")
        XCTAssertEqual(badField.status, 400)

        let first = try jsonObject(cluster.request("GET", "\(configMaps)?limit=2"))
        XCTAssertEqual((first["items"] as? [Any])?.count, 2)
        XCTAssertEqual(value(first, "metadata.remainingItemCount") as? Int, 4)
        let token = try XCTUnwrap(string(first, "metadata.continue"))
        let rest = try names("limit=10&continue=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
        XCTAssertEqual(rest, ["c", "d", "e", "kube-root-ca.crt"])
        let list = try jsonObject(cluster.request("GET", configMaps))
        XCTAssertNil(value(list, "items.0.kind"), "built-in list items carry no kind, as in kube")
    }

    func testMalformedLabelSelectorsAreRejectedAsKubeRejectsThem() throws {
        try cluster.create(configMaps, configMap("a", labels: ["tier": "web", "size": "3"]))
        func message(_ selector: String) throws -> String? {
            let encoded = selector.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? selector
            let result = try cluster.request("GET", "\(configMaps)?labelSelector=\(encoded)")
            return result.status == 200 ? nil : "\(result.status) \(string(try jsonObject(result), "message") ?? "")"
        }
        // A space where a comma belongs, a value that is not a label value, a stray operator:
        // each would silently match nothing if the server were lenient.
        XCTAssertEqual(try message("tier=web size=3"), "400 found 'size', expected: ',' or 'end of string'")
        XCTAssertEqual(try message("tier=web=x"), "400 found '=', expected: ',' or 'end of string'")
        XCTAssertEqual(try message("tier===web"), "400 unable to parse requirement: found '=', expected: identifier")
        XCTAssertEqual(try message("tier,"), "400 found '', expected: identifier after ','")
        XCTAssertEqual(try message("tier in web"), "400 unable to parse requirement: found 'web' expected: '('")
        XCTAssertTrue(
            try message("tier=-web")?.hasPrefix(#"400 unable to parse requirement: values[0][tier]: Invalid value: "-web": a valid label must be"#)
                ?? false)
        XCTAssertTrue(try message("bad_key_=x")?.hasPrefix(#"400 unable to parse requirement: <nil>: Invalid value: "bad_key_""#) ?? false)
        // What kube accepts still selects.
        for selector in ["tier=web", "tier==web", "tier in (web,db)", "size>2", "tier,!missing", "tier=web,missing notin ()"] {
            XCTAssertNil(try message(selector), selector)
            let list = try jsonObject(cluster.request(
                "GET", "\(configMaps)?labelSelector=\(selector.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"))
            XCTAssertEqual((list["items"] as? [[String: Any]])?.compactMap { string($0, "metadata.name") }, ["a"], selector)
        }
    }

    func testApplyingAnObjectReadBackWithItsManagedFieldsIsRejected() throws {
        let apply = "\(configMaps)/read-back?fieldManager=mesh"
        let first = try cluster.request(
            "PATCH", apply, body: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"read-back"},"data":{"a":"1"}}"#,
            contentType: "application/apply-patch+yaml")
        XCTAssertEqual(first.status, 201)
        let again = try cluster.request("PATCH", apply, body: first.body, contentType: "application/apply-patch+yaml")
        XCTAssertEqual(again.status, 400)
        XCTAssertEqual(string(try jsonObject(again), "message"), "metadata.managedFields must be nil")
    }

    func testInvalidDryRunNamesTheOptionsOfTheVerb() throws {
        let patch = try cluster.request(
            "PATCH", "\(configMaps)/x?fieldManager=m&dryRun=Some", body: #"{"apiVersion":"v1","kind":"ConfigMap"}"#,
            contentType: "application/apply-patch+yaml")
        XCTAssertEqual(patch.status, 422)
        XCTAssertEqual(
            string(try jsonObject(patch), "message"),
            #"PatchOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: "Some": supported values: "All""#)
        let create = try cluster.request("POST", "\(configMaps)?dryRun=Some", body: configMap("x"))
        XCTAssertTrue(string(try jsonObject(create), "message")?.hasPrefix("CreateOptions.meta.k8s.io") ?? false)
    }

    func testListResourceVersionsNewerThanTheServerTimeOut() throws {
        let list = try jsonObject(cluster.request("GET", configMaps))
        let current = Int(string(list, "metadata.resourceVersion") ?? "") ?? 0
        let future = try cluster.request("GET", "\(configMaps)?resourceVersion=\(current + 1000)")
        XCTAssertEqual(future.status, 504)
        XCTAssertEqual(try jsonObject(future)["reason"] as? String, "Timeout")
        XCTAssertEqual(try cluster.request("GET", "\(configMaps)?resourceVersion=\(current)&resourceVersionMatch=Exact").status, 200)
        XCTAssertEqual(try cluster.request("GET", "\(configMaps)?resourceVersion=1&resourceVersionMatch=Exact").status, 410)
    }

    // MARK: writes

    func testSecretStringDataBecomesDataAndDataMustBeBase64() throws {
        let secrets = "/api/v1/namespaces/default/secrets"
        let created = try cluster.create(secrets, #"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"stringData":{"user":"admin"}}"#)
        XCTAssertEqual(value(created, "data") as? [String: String], ["user": "YWRtaW4="])
        XCTAssertNil(created["stringData"])
        XCTAssertEqual(string(created, "type"), "Opaque")
        let bad = try cluster.request("POST", secrets, body: #"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"t"},"data":{"k":"not base64!"}}"#)
        XCTAssertEqual(bad.status, 400)
    }

    func testValuesOfTheWrongJSONTypeFailAsGoDecodingWould() throws {
        let quotedPort = try cluster.request("POST", "/api/v1/namespaces/default/services", body: """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":"80"}]}}
            """)
        XCTAssertEqual(quotedPort.status, 400)
        XCTAssertEqual(try jsonObject(quotedPort)["message"] as? String,
                       "Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32")
        let numericLabel = try cluster.request("POST", configMaps, body: """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"n","labels":{"v":1}}}
            """)
        XCTAssertEqual(numericLabel.status, 400)
        XCTAssertEqual(try jsonObject(numericLabel)["message"] as? String,
                       "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string")
    }

    func testDryRunStoresNothing() throws {
        let dry = try cluster.request("POST", "\(configMaps)?dryRun=All", body: configMap("dry"))
        XCTAssertEqual(dry.status, 201)
        XCTAssertNil(try cluster.get("\(configMaps)/dry"))
    }

    func testFinalizersHoldDeletionUntilRemovedAndPreconditionsGuardIt() throws {
        let created = try cluster.create(configMaps, """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"held","finalizers":["example.com/hold"]}}
            """)
        let wrongUID = try cluster.request("DELETE", "\(configMaps)/held",
                                           body: #"{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"nope"}}"#)
        XCTAssertEqual(wrongUID.status, 409)
        let deleting = try jsonObject(cluster.request("DELETE", "\(configMaps)/held"))
        XCTAssertNotNil(string(deleting, "metadata.deletionTimestamp"))
        XCTAssertNotNil(try cluster.get("\(configMaps)/held"), "still there while finalizers remain")
        let released = try cluster.request("PATCH", "\(configMaps)/held", body: #"{"metadata":{"finalizers":null}}"#,
                                           contentType: "application/merge-patch+json")
        XCTAssertEqual(released.status, 200)
        XCTAssertNil(try cluster.get("\(configMaps)/held"))
        XCTAssertNotNil(string(created, "metadata.uid"))
    }

    func testTheSystemNamespacesCannotBeDeleted() throws {
        let refused = try cluster.request("DELETE", "/api/v1/namespaces/kube-system")
        XCTAssertEqual(refused.status, 403)
        XCTAssertEqual(try jsonObject(refused)["message"] as? String,
                       "namespaces \"kube-system\" is forbidden: this namespace may not be deleted")
    }

    func testDeleteAnswersWithASuccessStatus() throws {
        let created = try cluster.create(configMaps, configMap("gone"))
        let deleted = try jsonObject(cluster.request("DELETE", "\(configMaps)/gone"))
        XCTAssertEqual(deleted["kind"] as? String, "Status")
        XCTAssertEqual(deleted["status"] as? String, "Success")
        XCTAssertEqual(string(deleted, "details.uid"), string(created, "metadata.uid"))
        XCTAssertEqual(try cluster.request("DELETE", "\(configMaps)/gone").status, 404)
    }
}
