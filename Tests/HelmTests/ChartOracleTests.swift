import XCTest

@testable import Helm

/// The project's fixture charts (Tests/Fixtures/charts) rendered by us and by
/// Helm v4 (`helm template NAME CHART -n NS` with values like `-f`): the printed
/// manifests must be byte-identical, and failures must fail alike.
final class ChartOracleTests: XCTestCase {
    private func check(
        _ chart: String, values: [String], name: String = "rel", namespace: String = "ns", file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        let oracle = try HelmOracle.required()
        let directory = ChartFixture.fixturesDirectory() + "/" + chart
        for valuesJSON in values {
            let helm = try oracle.template(chartDirectory: directory, name: name, namespace: namespace, valuesJSON: valuesJSON)
            let ours = ChartFixture.template(directory, name: name, namespace: namespace, valuesJSON: valuesJSON)
            assertSameAsHelm(ours, helm, "\(chart) with \(valuesJSON)", file: file, line: line)
        }
    }

    func testSortingSplittingHooksAndNotes() throws {
        try check("sorting", values: [
            "{}", #"{"hooks": false}"#, #"{"replicas": 5, "extra": [{"kind": "Pod", "metadata": {"name": "p"}}, {"kind": "Namespace"}, {}]}"#,
            #"{"extra": ["just a string"]}"#, #"{"extra": [{"kind": 5}]}"#,
        ])
    }

    func testSubchartsGlobalsConditionsTagsAliasesImportValues() throws {
        try check("umbrella", values: [
            "{}", #"{"web": {"enabled": false}}"#, #"{"admin": {"enabled": true, "replicas": 7}}"#, #"{"tags": {"storage": false}}"#,
            #"{"db": {"backup": {"enabled": false}}, "global": {"tier": "user", "labels": {"team": "user"}}}"#,
            #"{"fromdb": {"keep": null}, "web": {"replicas": null, "image": null}}"#, #"{"global": null}"#, #"{"db": "not-a-table"}"#,
            #"{"web": {"global": {"fromWeb": "user"}}}"#,
        ], name: "umb")
    }

    func testFilesGlobsAndHelmIgnore() throws {
        try check("files", values: ["{}"], name: "f")
    }

    func testValuesTypingAndCoalesce() throws {
        try check("values", values: [
            "{}", #"{"a": {"c": null, "x": null, "d": null}, "g": null, "h": null, "port": 8080}"#,
            #"{"m": {"list": [], "nested": {"x": null}, "keep": ""}, "num": 1.5e300, "l": null}"#,
            #"{"a": "scalar-over-table", "g": {"table": "over-scalar"}}"#,
        ])
    }

    func testErrorsReadLikeHelm() throws {
        let oracle = try HelmOracle.required()
        let cases: [[String: String]] = [
            ["templates/t.yaml": "a: {{ .Values.a.b }}\n"],
            ["templates/t.yaml": "{{ fail \"stop here\" }}"],
            ["templates/t.yaml": "{{ required \"x is required\" .Values.x }}"],
            ["templates/t.yaml": "{{ if }}"],
            ["templates/t.yaml": "{{ include \"missing\" . }}"],
            ["templates/_h.tpl": "{{ define \"h\" }}{{ .Values.a.b }}{{ end }}", "templates/t.yaml": "{{ include \"h\" . }}"],
            ["templates/t.yaml": "a: b: c\n"],
            ["templates/t.yaml": "- just\n- a list\n"],
            ["templates/t.yaml": "kind: [x]\n"],
            ["templates/t.yaml": "metadata:\n  annotations:\n    a: 1\n"],
            ["templates/t.yaml": "kind: 1.10\nmetadata: {name: 5, annotations: {b: true}}\n---\nkind: [x]\n"],
            ["templates/t.yaml": "metadata: 5\n"], ["templates/t.yaml": "metadata: {annotations: 5}\n"],
            ["templates/t.yaml": "metadata: {annotations: {a: [1]}}\n"], ["templates/t.yaml": "just a string\n"],
            ["Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0\nappVersion: 1.10\n", "templates/t.yaml": "v: {{ .Chart.Version }} {{ .Chart.AppVersion }}\n"],
            ["Chart.yaml": "apiVersion: v2\nname: c\nversion: [1]\n"],
            ["Chart.yaml": "apiVersion: v2\nname: c\n"],
            ["Chart.yaml": "apiVersion: v2\nname: c\nversion: not-semver\n"],
            ["Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\nkubeVersion: \"<1.20.0\"\n"],
            ["values.yaml": "a: [\n"],
            ["values.yaml": "- a\n"],
            ["values.yaml": "x: .inf\n"],
            ["templates/NOTES.txt": "{{ fail \"notes fail too\" }}"],
        ]
        for files in cases {
            let directory = try ChartFixture.write(files)
            defer { ChartFixture.remove(directory) }
            let helm = try oracle.template(chartDirectory: directory, name: "r", namespace: "ns")
            let ours = ChartFixture.template(directory, name: "r", namespace: "ns")
            switch (ours, helm) {
            case (.error(let a), .error(let b)) where files["values.yaml"] == "a: [\n" || files["templates/t.yaml"]?.contains(": b: c") == true:
                // YAML syntax errors are worded by each YAML parser; the context must match.
                XCTAssertEqual(a.components(separatedBy: ": ").prefix(3), b.components(separatedBy: ": ").prefix(3), "\(files)")
            default:
                assertSameAsHelm(ours, helm, "\(files)")
            }
        }
    }
}
