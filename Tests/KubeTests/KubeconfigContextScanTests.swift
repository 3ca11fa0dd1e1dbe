import XCTest

@testable import Kube

/// The fast scan must give exactly the names a full parse gives, or give up (nil).
final class KubeconfigContextScanTests: XCTestCase {
    private func scan(_ text: String) -> [String]? {
        Array(text.utf8).withUnsafeBufferPointer(ContextNameScan.names(in:))
    }

    private func parsed(_ text: String) throws -> [String] {
        try Kubeconfig.parse(text, path: "/k/config").contexts.keys.filter { !$0.isEmpty }.sorted()
    }

    /// Asserts the scan follows `text` and agrees with the parser.
    private func assertScans(_ text: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let scanned = scan(text)
        XCTAssertEqual(scanned, expected, "scan", file: file, line: line)
        XCTAssertEqual(try parsed(text), expected.sorted(), "full parse", file: file, line: line)
    }

    /// Asserts the scan gives up on `text` (the caller then parses in full).
    private func assertGivesUp(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(scan(text), file: file, line: line)
    }

    func testKubectlStyleBlockYAML() throws {
        try assertScans("""
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: QUJD
                server: https://127.0.0.1:6443
              name: kind-east
            contexts:
            - context:
                cluster: kind-east
                user: kind-east
              name: kind-east
            - context:
                cluster: kind-west
                namespace: apps
                user: kind-west
              name: kind-west
            current-context: kind-east
            kind: Config
            preferences: {}
            users:
            - name: kind-east
              user:
                client-key-data: QUJD
            """, ["kind-east", "kind-west"])
    }

    func testIndentedListsQuotesCommentsAndOddNames() throws {
        try assertScans("""
            # a kubeconfig
            ---
            contexts:   # the contexts
              - name: 'it''s'
                context:
                  cluster: x   # comment
              -   name: "arn:aws:eks:eu-west-1:123:cluster/prod \\u00e9"

              -
                context: {cluster: why}
                name: plain name with spaces # trailing comment
            users: []
            """, ["it's", "arn:aws:eks:eu-west-1:123:cluster/prod é", "plain name with spaces"])
    }

    func testCRLFAndByteOrderMark() throws {
        try assertScans("\u{FEFF}contexts:\r\n- name: a\r\n  context: {}\r\n- name: b\r\n", ["a", "b"])
    }

    func testNoOrEmptyContexts() throws {
        try assertScans("clusters: []\n", [])
        try assertScans("contexts: []\nusers: []\n", [])
        try assertScans("contexts:\nusers: []\n", [])
        try assertScans("contexts: null\n", [])
        try assertScans("", [])
    }

    func testJSON() throws {
        try assertScans("""
            {"kind": "Config", "clusters": [{"name": "c", "cluster": {"server": "https://s", "x": [1, 2.5e3, true, null, {"a": "]}"}]}}],
             "contexts": [{"context": {"cluster": "c"}, "name": "first"}, {"name": "se\\"cond\\u00e9"}, null],
             "current-context": "first"}
            """, ["first", "se\"condé"])
    }

    func testGivesUpOnWhatItDoesNotFollow() {
        assertGivesUp("contexts: &list\n- name: a\n")
        assertGivesUp("contexts: *list\n")
        assertGivesUp("contexts:\n- *entry\n")
        assertGivesUp("contexts:\n- <<: *base\n  name: a\n")
        assertGivesUp("contexts:\n- name: &n a\n")
        assertGivesUp("contexts:\n- name: !!str a\n")
        assertGivesUp("contexts: [{name: a}]\n")
        assertGivesUp("contexts:\n- {name: a}\n")
        assertGivesUp("contexts:\n- name: |\n    a\n")
        assertGivesUp("contexts:\n- name: a\n    continued\n")
        assertGivesUp("contexts:\n- name: \"a\n    b\"\n")
        assertGivesUp("contexts:\n- name: 123\n")
        assertGivesUp("contexts:\n- name: yes\n")
        assertGivesUp("contexts:\n- name: null\n")
        assertGivesUp("contexts:\n- name: a\n  name: b\n")
        assertGivesUp("contexts:\n- name:\n    a\n")
        assertGivesUp("  contexts:\n  - name: a\n")
        assertGivesUp("contexts:\n- name: a\n---\ncontexts:\n- name: b\n")
        assertGivesUp("%YAML 1.2\n---\ncontexts: []\n")
        assertGivesUp("\"contexts\":\n- name: a\n")
        assertGivesUp("<<: {contexts: []}\n")
        assertGivesUp("contexts:\n- name: a\ncontexts: []\n")
        assertGivesUp("{contexts: [{name: a}]}\n")
        assertGivesUp("{\"contexts\": [{\"name\": 1}]}")
        assertGivesUp("{\"contexts\": []} trailing")
    }

    func testFilesTheScanGivesUpOnAreParsedInFull() throws {
        let scratch = try KubeconfigScratch()
        let flow = try scratch.write("flow.yaml", "contexts: [{name: b, context: {}}, {name: a}]\n")
        let block = try scratch.write("block.yaml", "contexts:\n- name: c\n- name: a\n")
        let broken = try scratch.write("broken.yaml", "contexts: [\n")
        let names = KubeconfigContextNames.read(from: KubeconfigSources(paths: [flow, block, broken, "/nonexistent"], isExplicit: false))
        XCTAssertEqual(names, ["a", "b", "c"])
    }
}
