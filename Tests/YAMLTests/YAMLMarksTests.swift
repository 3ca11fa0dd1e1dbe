import XCTest

@testable import YAML

/// `parseWithMarks`: node locations by path, for semantic errors.
final class YAMLMarksTests: XCTestCase {
    let kubeconfig = """
        apiVersion: v1
        users:
        - name: alice
          user:
            exec:
              command: [not, a, string]
              args:
              - --flag
              env:
        contexts: [{name: c1, context: {cluster: east}}]
        """

    func testLocationOfValuesAndKeys() throws {
        let (value, marks) = try YAML.parseWithMarks(kubeconfig)
        XCTAssertEqual(value["users"]?[0]?["name"], "alice")
        XCTAssertEqual(marks.location(of: ["users", 0, "user", "exec", "command"]), SourceLocation(line: 6, column: 16))
        XCTAssertEqual(marks.keyLocation(of: ["users", 0, "user", "exec", "command"]), SourceLocation(line: 6, column: 7))
        XCTAssertEqual(marks.location(of: ["users", 0, "user", "exec", "args", 0]), SourceLocation(line: 8, column: 9))
        XCTAssertEqual(marks.location(of: ["users", 0]), SourceLocation(line: 3, column: 3))
        XCTAssertEqual(marks.location(of: ["contexts", 0, "context", "cluster"]), SourceLocation(line: 10, column: 42))
        XCTAssertEqual(marks.location(of: []), SourceLocation(line: 1, column: 1))
    }

    func testEmptyValueIsLocatedAtItsColon() throws {
        let (_, marks) = try YAML.parseWithMarks(kubeconfig)
        XCTAssertEqual(marks.location(of: ["users", 0, "user", "exec", "env"]), SourceLocation(line: 9, column: 10))
    }

    func testMissingPathsFallBackToTheNearestAncestor() throws {
        let (_, marks) = try YAML.parseWithMarks(kubeconfig)
        XCTAssertNil(marks.location(of: ["users", 0, "user", "token"]))
        XCTAssertEqual(marks.nearestLocation(of: ["users", 0, "user", "token"]), SourceLocation(line: 5, column: 5))
    }

    func testPathDescription() {
        let path: [PathComponent] = ["users", 0, "user", "exec"]
        XCTAssertEqual(path.pathDescription, "users[0].user.exec")
    }

    func testMarksMatchPlainParse() throws {
        let (value, _) = try YAML.parseWithMarks(kubeconfig)
        XCTAssertEqual(value, try YAML.parse(kubeconfig))
    }

    func testParseWithMarksReportsSyntaxErrors() {
        XCTAssertThrowsError(try YAML.parseWithMarks("a: [\n")) { error in
            XCTAssertEqual((error as? YAMLError)?.line, 1)
        }
    }
}
