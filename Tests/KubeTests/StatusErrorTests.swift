@testable import Kube
import XCTest
import YAML

final class StatusErrorTests: XCTestCase {
    private let origin = KubeError.Origin(
        cluster: "west", context: "kind-west", clusterEntry: "kind-west", server: "https://127.0.0.1:6443", user: "alice")
    private let request = HTTPRequest(method: .post, path: "/api/v1/namespaces/istio-system/secrets")

    func testForbiddenIsSaidShortWithTheClusterAndContext() {
        let response = HTTPResponse.status(
            403, reason: "Forbidden",
            message: #"secrets is forbidden: User \"alice\" cannot create resource \"secrets\" in API group \"\" in the namespace \"istio-system\""#)
        let error = StatusError.make(response: response, request: request, origin: origin)
        XCTAssertEqual(
            error.description,
            #"west (context kind-west): forbidden: User "alice" cannot create secrets in namespace "istio-system""#)
        XCTAssertTrue(error.isForbidden)
        XCTAssertEqual(
            error.hint,
            "ask a cluster admin for this permission; check with: kubectl auth can-i create secrets -n istio-system --context kind-west")
    }

    func testForbiddenClusterScopeAndGroupedSubresource() {
        let message = ForbiddenMessage(
            #"customresourcedefinitions.apiextensions.k8s.io is forbidden: User "bob" cannot list resource "customresourcedefinitions" in API group "apiextensions.k8s.io" at the cluster scope"#)
        XCTAssertEqual(
            message.text, #"User "bob" cannot list customresourcedefinitions.apiextensions.k8s.io at the cluster scope"#)
        let token = ForbiddenMessage(
            #"serviceaccounts "x" is forbidden: User "bob" cannot create resource "serviceaccounts/token" in API group "" in the namespace "ns""#)
        XCTAssertEqual(token.text, #"User "bob" cannot create serviceaccounts/token in namespace "ns""#)
        XCTAssertEqual(token.resource, "serviceaccounts/token")
    }

    func testMessagesThatNameTheirReasonAreKeptAsTheServerWroteThem() {
        let response = HTTPResponse.status(404, reason: "NotFound", message: #"configmaps \"x\" not found"#)
        let error = StatusError.make(response: response, request: request, origin: origin)
        XCTAssertEqual(error.message, #"configmaps "x" not found"#)
        XCTAssertTrue(error.isNotFound)
        XCTAssertEqual(error.kind, .status(code: 404, reason: "NotFound"))
    }

    func testApplyConflictExplainsForcing() {
        let response = HTTPResponse.status(
            409, reason: "Conflict", message: #"Apply failed with 1 conflict: conflict with \"helm\": .data.key"#)
        let error = StatusError.make(response: response, request: request, origin: origin)
        XCTAssertTrue(error.isConflict)
        XCTAssertFalse(error.isAlreadyExists)
        XCTAssertEqual(error.message, #"Apply failed with 1 conflict: conflict with "helm": .data.key"#)
        XCTAssertNotNil(error.hint)
    }

    func testBodyThatIsNotAStatusStillGivesAReadableError() {
        let response = HTTPResponse(status: 502, body: Array("<html>\nBad gateway</html>".utf8))
        let error = StatusError.make(response: response, request: request, origin: origin)
        XCTAssertEqual(error.kind, .status(code: 502, reason: "BadGateway"))
        XCTAssertEqual(error.message, "bad gateway: <html> Bad gateway</html> (POST /api/v1/namespaces/istio-system/secrets)")
        let teapot = StatusError.make(response: HTTPResponse(status: 418), request: request, origin: origin)
        XCTAssertEqual(teapot.message, "HTTP 418")
    }
}

final class WarningHeaderTests: XCTestCase {
    func testJoinedWarningsKeepCommasInsideQuotes() {
        XCTAssertEqual(
            WarningHeader.texts(#"299 - "unknown field \"spec.foo\", ignored", 299 - "policy/v1beta1 PodSecurityPolicy is deprecated""#),
            [#"unknown field "spec.foo", ignored"#, "policy/v1beta1 PodSecurityPolicy is deprecated"])
        XCTAssertEqual(WarningHeader.texts(nil), [])
    }
}
