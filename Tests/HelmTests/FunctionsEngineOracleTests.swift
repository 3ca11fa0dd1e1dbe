import XCTest

@testable import Helm

/// Templates that call the function table through the real template engine,
/// rendered by Helm v4 too: argument typing, both kinds of nil, pipelines and
/// map mutation across statements must give byte-identical text (or both fail).
final class FunctionsEngineOracleTests: XCTestCase {
    private func render(_ text: String, valuesJSON: String) throws -> String {
        let set = TemplateSet(functions: HelmFunctions.all)
        try set.parse(name: "c/templates/t.yaml", text: text)
        guard case .map(let values) = try GoJSONDecoder.decode(valuesJSON) else { throw TemplateFunctionError("values") }
        values.goTypeName = "common.Values"
        let top = GoMap(["Values": .map(values)], goTypeName: "common.Values")
        return try set.execute("c/templates/t.yaml", data: .map(top)).replacingAll("<no value>", with: "")
    }

    private func check(_ templates: [String], valuesJSON: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let oracle = try HelmOracle.required()
        let outcomes = try oracle.renderTemplates(templates, valuesJSON: valuesJSON)
        for (template, outcome) in zip(templates, outcomes) {
            let ours = Result { try render(template, valuesJSON: valuesJSON) }
            switch (outcome, ours) {
            case (.output(let files), .success(let text)):
                XCTAssertEqual(text, files["c/templates/t.yaml"], "template \(template)", file: file, line: line)
            case (.error, .failure):
                break  // message formats are the engine's tests' business
            case (.output(let files), .failure(let error)):
                XCTFail("template \(template): Helm gives \(files["c/templates/t.yaml"] ?? "?"), we fail: \(error)", file: file, line: line)
            case (.error(let message), .success(let text)):
                XCTFail("template \(template): Helm fails (\(message)), we give \(text)", file: file, line: line)
            }
        }
    }

    func testHelmNotesMiniCases() throws {
        let values = #"""
            {"m": {"b": 2, "a": "x"}, "num": 1000000, "v": {"b": "true", "a": "*", "c": [1, "2"], "d": {}, "e": "x: y", "f": "", "h": "12:30"},
             "mm": {"a10": 1, "a9": 2, "B": 3, "_x": 4}, "port": 8080, "c": {"script": "a\nb\n", "num": 1, "t": "x\n\ny"},
             "desc": "The quick brown fox jumps over the lazy dog and keeps running far beyond the eightieth column",
             "enabled": false, "l": [1, 2], "s": "hello", "z": 0, "nul": null}
            """#
        try check([
            "items:\n{{- range $k, $v := .Values.m }}\n  {{ $k }}: {{ $v | quote }}\n{{- end }}\n",
            "{{ .Values.num }}|{{ .Values.num | quote }}|{{ .Values.num | int }}|{{ toYaml .Values.num }}|{{ toJson .Values.num }}|{{ int64 1000000 }}",
            "[{{ .Values.a }}][{{ .Values.a | quote }}][{{ print .Values.a }}][{{ (.Values.a).b }}][{{ .Values.a | default \"d\" }}]",
            "x:{{ toYaml .Values.v | nindent 2 }}",
            "{{ toYaml .Values.mm }}\n{{ range $k, $_ := .Values.mm }}{{ $k }},{{ end }}\n{{ toJson .Values.mm }}",
            "{{ $d := dict \"a\" (dict \"x\" 1 \"y\" 2) \"l\" (list 1 2) \"s\" \"keep\" \"t\" true }}{{ $_ := mergeOverwrite $d (dict \"a\" (dict \"x\" 9) \"l\" (list 3) \"s\" \"\" \"t\" false) }}{{ toJson $d }}|{{ $e := dict \"s\" \"\" \"t\" false \"u\" \"keep\" }}{{ $_ := merge $e (dict \"s\" \"S\" \"t\" true \"u\" \"U\" \"v\" \"V\") }}{{ toJson $e }}",
            "data:\n  cfg: |-\n{{ toYaml .Values.c | indent 4 }}",
            "{{ toYaml (pick .Values \"desc\") }}",
            "{{ .Values.enabled | default true }}|{{ ternary \"on\" \"off\" .Values.enabled }}",
            "{{ has 1 .Values.l }}{{ has 1.0 .Values.l }}{{ hasKey (.Values.missing) \"x\" }}{{ pick (.Values.missing) \"a\" }}{{ mergeOverwrite (dict \"a\" 1) (.Values.missing) }}",
            "{{ .Values.missing | upper }}",
            "{{ hasKey .Values.missing \"x\" }}",
            "{{ .Values.num | upper }}",
            "{{ first .Values.missing }}",
            "{{ dig \"global\" \"enableReaderRBAC\" true .Values }}|{{ coalesce .Values.missing .Values.z .Values.s }}|{{ (.Values.missing).x | default \"d\" }}",
            "{{ required \"need it\" .Values.missing }}",
            "{{ required \"need it\" .Values.z }}|{{ len (splitList \"\\n---\\n\" \"a\\n---\\nb\") }}|{{ .Values.nul | quote }}|{{ quote .Values.nul .Values.s }}",
            "{{ $x := .Values.m }}{{ $_ := set $x \"c\" 3 }}{{ $_ := unset $x \"a\" }}{{ toJson .Values.m }}|{{ $y := deepCopy .Values.m }}{{ $_ := set $y \"d\" 4 }}{{ toJson .Values.m }}",
            "{{ printf \"%s-%s\" \"istiod\" \"1.0.0+x\" | replace \"+\" \"_\" | trunc 63 | trimSuffix \"-\" }}|{{ \"istio-eastwestgateway\" | trimPrefix \"istio-\" }}",
            "{{ regexMatch \"^([0-9]*\\\\.){3}[0-9]*$\" \"192.0.2.10\" }}|{{ contains \"/\" \"docker.io/istio\" }}|{{ toString (list 1 2) }}|{{ .Values.s | repeat 2 }}",
            "{{ sub .Values.port 80 }}|{{ add .Values.port 1 }}|{{ max .Values.port 9000 }}|{{ .Values.port | toString }}|{{ .Values.port | int | toString }}",
            "{{ fromYaml \"a: 1\\nb: [x]\" | toYaml }}|{{ (fromYaml \"a: 1\").a | typeOf }}|{{ toPrettyJson .Values.v }}",
            "{{ include \"nope\" . }}",
            "{{ tpl \"{{ .Values.s | upper }}\" . }}|{{ tpl (toYaml .Values.m) . }}",
        ], valuesJSON: values)
    }

    func testToTomlMatchesHelm() throws {
        let values = #"""
            {"a": 1, "d": [1, 2], "b": {"c": "x", "e": {"f": true, "g": [{"h": 1}, {"h": 2.5}]}, "z": null}, "s": "q\"\\\n\t\u0001é",
             "k y": {"": 1, "n": []}, "arr": [{"x": 1}], "mixed": [1, "a", [2.0, 1e21], {"m": {"n": 1}}], "f": 1e-7, "neg": -3}
            """#
        try check([
            "{{ toToml .Values }}",
            "{{ toToml .Values.b }}|{{ toToml (dict \"a\" (int64 3) \"b\" (list nil)) }}|{{ toToml \"x\" }}|{{ toToml (list 1 2) }}",
            "{{ toToml (list (dict \"a\" 1)) }}",
            "{{ mustToToml (dict \"b\" (list nil)) }}",
        ], valuesJSON: values)
    }

    func testToYamlPrettyMatchesHelm() throws {
        let values = #"""
            {"a": [1, "x", {"b": [2, {"c": [true]}], "d": "multi\nline\n"}], "e": {"f": []}, "g": 1000000, "h": 1.5,
             "long": "The quick brown fox jumps over the lazy dog and keeps running far beyond the eightieth column",
             "on": "yes", "k": [[1, 2], []], "q": ["- x", "a: b", "", null, "12:30", "\ttab", " lead"], "n": {"a10": 1, "a9": 2}}
            """#
        try check([
            "{{ toYamlPretty .Values }}",
            "{{ toYamlPretty \"x\" }}|{{ toYamlPretty 1e6 }}|{{ toYamlPretty (list) }}|{{ toYamlPretty nil }}|{{ toYamlPretty (list (list 1 2) (dict \"a\" (list 3))) }}",
            "{{ toYamlPretty (dict \"s\" \"a\\n\\nb\\n\\n\" \"i\" (int64 3) \"t\" \"  x\\ny\") }}",
        ], valuesJSON: values)
    }

    func testCyclicMapsSerializeLikeHelm() throws {
        try check([
            "{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"self\" $d }}[{{ toJson $d }}][{{ toYaml $d }}][{{ toPrettyJson $d }}]",
            "{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"self\" $d }}{{ mustToJson $d }}",
        ], valuesJSON: "{}")
    }
}
