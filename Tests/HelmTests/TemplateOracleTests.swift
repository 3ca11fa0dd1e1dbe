import XCTest

@testable import Helm

/// The template language through our whole chart pipeline and through Helm v4
/// (helm-python-sdk): every statement, both kinds of nil, printing, errors.
/// Each case's rendered files (or error message) must be identical.
final class TemplateOracleTests: XCTestCase {
    static let values = #"""
        {"s": "hello", "n": 8080, "f": 1.5, "big": 1000000, "z": 0, "t": true, "no": false, "nul": null,
         "l": ["a", "b", "c"], "nums": [1, 2, 3], "empty": [], "m": {"b": 2, "a": "x", "B": 3, "_": 4, "10": 5, "9": 6},
         "em": {}, "nested": {"inner": {"deep": "yes"}, "list": [{"k": "v"}]}, "q": "a\"b\n\té"}
        """#

    /// Renders each template as `t.yaml` (with `extra` files beside it) both ways.
    private func check(_ templates: [String], extra: [String: String] = [:], files: [String: String] = [:],
                       valuesJSON: String = TemplateOracleTests.values, file: StaticString = #filePath, line: UInt = #line) throws {
        let oracle = try HelmOracle.required()
        let cases = templates.map { template -> HelmOracle.Case in
            var all = extra
            all["t.yaml"] = template
            return HelmOracle.Case(templates: all, valuesJSON: valuesJSON, files: files)
        }
        let helm = try oracle.render(cases)
        XCTAssertEqual(helm.count, cases.count, file: file, line: line)
        for (testCase, expected) in zip(cases, helm) {
            assertSameAsHelm(ChartFixture.renderFiles(testCase), expected, String(reflecting: testCase.templates["t.yaml"] ?? ""), file: file, line: line)
        }
    }

    func testLexingTrimMarkersAndComments() throws {
        try check([
            "a  {{- 1 -}}  b", "a\n{{- if true }}\nb\n{{- end }}\nc", "{{ \"a\" }}  {{- \"b\" }}\t\n{{- \"c\" -}} \r\n d",
            "a {{-3}} b", "a {{- 3}} b", "a {{3 -}} b", "a \n {{- /* c */ -}} \n b", "x{{/* multi\nline */}}y", "{{- /* c */}}x",
            "{{ /* c */ }}", "{{/* unclosed", "{{ 1 }", "{{ \"a\nb\" }}", "{{ `raw\nstring` }}", "{{\n  print\n  1\n}}",
            "{{ print 1 |\n print }}", "{{ 'a' }}{{ '\\n' }}{{ '\\x41' }}{{ '\\u00e9' }}", "{{ 'ab' }}", "{{ print 3 x }}",
            "{{ $x := 1 }}{{ $x=2 }}{{ $x }}", "{{ .Values.s.x-y }}", "{{ .Values..s }}", "{{ 0x1G }}", "{{ 1e }}",
            "text only, no actions\n", "{{", "}}", "{{}}", "{{ ( }}", "{{ ) }}", "{{ (1 }}", "{{ print \"\\q\" }}",
        ])
    }

    func testConstantsAndPrinting() throws {
        try check([
            "{{ 1.0 }}|{{ 1e6 }}|{{ 010 }}|{{ 0x10 }}|{{ 0o17 }}|{{ 0b101 }}|{{ 1_000 }}|{{ .5 }}|{{ -0 }}|{{ +7 }}|{{ 0x1p4 }}|{{ 0X1E }}",
            "{{ 1i }}|{{ 1+2i }}|{{ 0i }}|{{ -1.5e3-2i }}|{{ 'a' }}|{{ true }}|{{ false }}|{{ \"\" }}|{{ \"\\u00e9\\t\" }}",
            "{{ 9223372036854775807 }}|{{ -9223372036854775808 }}", "{{ 9223372036854775808 }}", "{{ 99999999999999999999 }}",
            "{{ 1.7976931348623157e308 }}|{{ 5e-324 }}|{{ 123456789.0 }}|{{ 0.000001 }}|{{ 100000.0 }}",
            "{{ .Values.s }}|{{ .Values.n }}|{{ .Values.f }}|{{ .Values.big }}|{{ .Values.t }}|{{ .Values.nul }}|{{ .Values.l }}|{{ .Values.m }}|{{ .Values.em }}|{{ .Values.empty }}|{{ .Values.nested }}",
            "{{ . | len }}|{{ .Values | len }}|{{ print .Values.missing }}|{{ print .Values.nul nil 1 }}",
            "{{ .Release }}|{{ .Chart.Name }}|{{ .Chart.Version }}|{{ .Chart.IsRoot }}|{{ .Template }}|{{ .Capabilities.KubeVersion }}",
            "{{ .Capabilities }}", "{{ .Chart }}", "{{ .Files }}", "{{ .Subcharts }}",
            "{{ printf \"%+v|%#v|%+v|%#v\" .Capabilities.HelmVersion .Capabilities.HelmVersion .Capabilities.KubeVersion .Capabilities.KubeVersion }}",
            "{{ printf \"%+v\" .Capabilities }}", "{{ printf \"%#v\" .Capabilities.APIVersions }}", "{{ printf \"%v|%+v|%T\" .Capabilities.KubeVersion .Release .Capabilities }}",
            "{{ .Capabilities.APIVersions.Has \"apps/v1\" }}|{{ .Capabilities.APIVersions.Has \"apps/v1/Deployment\" }}|{{ .Capabilities.KubeVersion.GitVersion }}|{{ .Capabilities.KubeVersion.Minor }}|{{ .Capabilities.HelmVersion }}",
        ])
    }

    func testPipelinesParenthesesAndChains() throws {
        try check([
            "{{ \"x\" | printf \"%s-%s\" \"a\" }}|{{ 1 | printf \"%d-%d\" 2 }}|{{ \"a\" | eq \"a\" }}",
            "{{ (.Values.missing).sub }}|{{ ((.Values.missing).a).b }}|{{ (.Values.nested).inner.deep }}|{{ (index .Values.nested \"inner\").deep }}",
            "{{ .Values.missing.sub }}", "{{ .Values.nul.sub }}", "{{ .Values.s.x }}", "{{ (.Values.x).y.z }}",
            "{{ \"x\" | .Values.m.a }}", "{{ .Values.s 1 }}", "{{ $ 1 }}", "{{ . 1 }}", "{{ 1 2 }}", "{{ \"x\" | 1 }}", "{{ nil }}",
            "{{ nil | print }}", "{{ (nil).x }}", "{{ print nil.x }}", "{{ 1.x }}", "{{ \"s\".x }}", "{{ true.x }}",
            "{{ $x := .Values.nested }}{{ $x.inner.deep }}|{{ $x.missing }}|{{ $.Values.s }}", "{{ $x := 1 }}{{ $x.y }}",
            "{{ with .Values.s }}{{ .x }}{{ end }}", "{{ range .Values.l }}{{ .x }}{{ end }}", "{{ .Values.m.a.b }}",
            "{{ (print \"a\") | printf \"%s%s\" \"b\" }}", "{{ print (print 1 2) (print \"x\") }}", "{{ print .Values.missing | len }}",
        ])
    }

    func testVariablesAndScope() throws {
        try check([
            "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", "{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ end }}{{ $x }}",
            "{{ range .Values.l }}{{ $y := 1 }}{{ end }}{{ $y }}", "{{ range $i, $v := .Values.l }}{{ end }}{{ $i }}",
            "{{ with $v := .Values.m }}{{ $v.a }}{{ end }}|{{ $v := \"o\" }}{{ with $v := \"b\" }}{{ $v }}{{ end }}{{ $v }}",
            "{{ $n := 0 }}{{ range .Values.l }}{{ $n = add1 $n }}{{ end }}{{ $n }}", "{{ $x = 1 }}", "{{ $undefined }}",
            "{{ define \"d\" }}{{ $x }}{{ end }}{{ $x := 1 }}{{ template \"d\" }}", "{{ $a, $b := 1 }}", "{{ range $a, $b, $c := .Values.l }}{{ end }}",
            "{{ $x := 1 }}{{ range $x = .Values.l }}{{ $x }}{{ end }}|{{ $x }}", "{{ $i := 0 }}{{ $v := 0 }}{{ range $i, $v = .Values.l }}{{ end }}{{ $i }}{{ $v }}",
            "{{ if $x := .Values.s }}{{ $x }}{{ else }}{{ $x }}{{ end }}", "{{ $.Release }}", "{{ $x := 1 }}{{ $x := 2 }}{{ $x }}",
        ])
    }

    func testControlStructures() throws {
        try check([
            "{{ range $i, $v := .Values.l }}{{ $i }}={{ $v }};{{ end }}", "{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }} {{ end }}",
            "{{ range $v := .Values.m }}{{ $v }}{{ end }}", "{{ range .Values.nums }}{{ . }}{{ else }}none{{ end }}",
            "{{ range .Values.empty }}x{{ else }}empty{{ end }}|{{ range .Values.em }}x{{ else }}em{{ end }}|{{ range .Values.missing }}x{{ else }}missing{{ end }}|{{ range .Values.nul }}x{{ else }}nul{{ end }}",
            "{{ range 3 }}{{ . }}{{ end }}|{{ range 0 }}x{{ else }}zero{{ end }}|{{ range $i := 2 }}{{ $i }}{{ end }}|{{ range (int64 2) }}{{ . }}{{ end }}|{{ range -1 }}x{{ else }}neg{{ end }}",
            "{{ range $i, $v := 3 }}{{ end }}", "{{ range 3.5 }}x{{ end }}", "{{ range .Values.s }}x{{ end }}", "{{ range .Values.f }}x{{ end }}",
            "{{ range .Values.l }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ . }}{{ end }}", "{{ range .Values.l }}{{ if eq . \"a\" }}{{ continue }}{{ end }}{{ . }}{{ end }}",
            "{{ range .Values.l }}{{ range .Values.nums }}{{ break }}{{ end }}{{ . }}{{ end }}", "{{ break }}", "{{ continue }}", "{{ if true }}{{ break }}{{ end }}",
            "{{ range .Values.l }}{{ break 1 }}{{ end }}", "{{ if false }}a{{ else if 0 }}b{{ else if \"\" }}c{{ else }}d{{ end }}",
            "{{ if .Values.t }}T{{ end }}{{ if .Values.no }}N{{ end }}{{ if .Values.z }}Z{{ end }}{{ if .Values.empty }}E{{ end }}{{ if .Values.em }}M{{ end }}{{ if \" \" }}S{{ end }}{{ if \"0\" }}0{{ end }}{{ if 0.0 }}F{{ end }}{{ if .Values.nul }}U{{ end }}",
            "{{ with 0 }}a{{ else with \"x\" }}{{ . }}{{ else }}c{{ end }}|{{ with .Values.missing }}a{{ else }}{{ . | len }}{{ end }}",
            "{{ with .Values.nested.inner }}{{ .deep }}{{ end }}|{{ with .Values.empty }}x{{ else with .Values.em }}y{{ else with .Values.l }}{{ index . 0 }}{{ end }}",
            "{{ if }}", "{{ if 1 }}x", "{{ end }}", "{{ else }}", "{{ if 1 }}{{ else }}{{ else }}{{ end }}", "{{ range }}{{ end }}",
            "{{ if 1 }}a{{ else with 1 }}b{{ end }}", "{{ with 1 }}a{{ else if 1 }}b{{ end }}",
        ])
    }

    func testDefineTemplateBlock() throws {
        try check(
            [
                "{{ template \"d\" 5 }}|{{ block \"b\" 6 }}<{{ . }}>{{ end }}|{{ template \"b\" 7 }}|{{ include \"d\" \"x\" }}|{{ template \"d\" }}",
                "{{ template \"nope\" }}", "{{ include \"nope\" . }}", "{{ template .Values.s }}", "{{ define \"x\" }}{{ end }}{{ define \"x\" }}a{{ end }}",
                "{{ define \"x\" }}a{{ end }}{{ define \"x\" }}b{{ end }}", "{{ define \"y\" }}{{ define \"z\" }}{{ end }}{{ end }}",
                "{{ if true }}{{ define \"w\" }}{{ end }}{{ end }}", "{{ template \"shared\" }}", "{{ include \"dollar\" .Values }}",
                "{{ define \"rec\" }}{{ if gt . 0 }}{{ . }}{{ include \"rec\" (sub . 1) }}{{ end }}{{ end }}{{ include \"rec\" 5 }}",
                "{{ define \"fail\" }}{{ .Values.a.b }}{{ end }}{{ include \"fail\" . }}", "{{ define \"f2\" }}{{ fail \"inner\" }}{{ end }}{{ include \"f2\" . }}",
                "{{ tpl \"{{ .Values.s }}-{{ .x }}\" (dict \"Values\" .Values \"x\" 1) }}|{{ tpl \"{{ define \\\"t\\\" }}T{{ end }}{{ template \\\"t\\\" }}\" . }}",
                "{{ tpl \"{{ .Values.a.b }}\" . }}", "{{ tpl \"{{ nosuch }}\" . }}", "{{ tpl \"{{ include \\\"d\\\" 9 }}\" . }}|{{ tpl \"{{ .missing }}\" . }}",
                "{{ define \"self\" }}{{ template \"self\" . }}{{ end }}{{ template \"self\" . }}",
            ],
            extra: [
                "_helpers.tpl": "{{ define \"d\" }}[{{ . }}]{{ end }}{{ define \"shared\" }}helpers{{ end }}{{ define \"dollar\" }}{{ $.s }}{{ end }}",
                "a.yaml": "{{ define \"shared\" }}from-a{{ end }}a",
            ])
    }

    func testBuiltins() throws {
        try check([
            "{{ or .Values.s (fail \"boom\") }}|{{ and .Values.z .Values.missing.x }}|{{ and \"x\" (list 1) }}|{{ or 0 \"\" nil }}|{{ and 1 2 }}",
            "{{ and }}", "{{ or }}", "{{ not }}", "{{ not 0 }}|{{ not .Values.l }}|{{ not .Values.missing }}",
            "{{ eq 1 2 1 }}|{{ eq .Values.missing nil }}|{{ ne .Values.n nil }}|{{ eq \"a\" \"a\" }}|{{ eq (int64 3) 3 }}|{{ eq .Values.n 8080.0 }}|{{ eq true true }}",
            "{{ eq .Values.n 8080 }}", "{{ eq \"a\" 1 }}", "{{ eq 1 }}", "{{ eq (dict) (dict) }}", "{{ eq (list 1) (list 1) }}", "{{ eq (dict) (list) }}",
            "{{ lt 1 2 }}|{{ le 2 2 }}|{{ gt \"b\" \"a\" }}|{{ ge 1.5 1.5 }}|{{ lt (int64 1) 2 }}", "{{ lt 1 2.0 }}", "{{ lt true false }}", "{{ lt nil 1 }}", "{{ gt (list) 1 }}",
            "{{ len \"héllo\" }}|{{ len .Values.l }}|{{ len .Values.m }}|{{ len .Values.empty }}|{{ len (.Files.GetBytes \"files/a.txt\") }}",
            "{{ len nil }}", "{{ len .Values.missing }}", "{{ len 3 }}", "{{ len .Values.f }}",
            "{{ index .Values.l 1 }}|{{ index .Values.m \"a\" }}|{{ index .Values.nested \"inner\" \"deep\" }}|{{ index .Values.missing2 }}|{{ index \"abc\" 1 }}|{{ index .Values.m \"zz\" }}",
            "{{ index .Values.missing 1 }}", "{{ index .Values.l 5 }}", "{{ index .Values.l 3 }}", "{{ index .Values.l \"0\" }}", "{{ index .Values.l 1.0 }}",
            "{{ index .Values.l .Values.n }}", "{{ index .Values.m 1 }}", "{{ index 3 1 }}", "{{ index .Values.l -1 }}", "{{ index (dict \"a\" nil) \"a\" \"b\" }}",
            "{{ print 1 2 \"x\" 3 4 nil }}|{{ println 1 \"a\" }}|{{ print }}|{{ println }}",
            "{{ html \"<a>&'\\\"\" }}|{{ js \"<a>&='\\\"\\\\ é \\u0001\\u2028\" }}|{{ urlquery \"a b&c=d/é\" 1 }}|{{ html nil }}|{{ urlquery .Values.missing }}|{{ js 1 \"a\" }}|{{ html (list 1) }}",
            "{{ call 1 }}", "{{ call .Values.x }}", "{{ slice \"abc\" 1 }}", "{{ nosuchfunc 1 }}", "{{ env \"HOME\" }}",
        ], files: ["files/a.txt": "hello\n"])
    }

    func testPrintfMatrix() throws {
        let values = ["42", "-7", "3.5", ".Values.big", ".Values.f", "\"héllo\"", "true", "nil", ".Values.l", ".Values.m", "1i", "'x'", ".Values.nested", "(int64 255)", ".Values.missing"]
        let verbs = ["v", "+v", "#v", "d", "s", "q", "x", "X", "o", "O", "b", "e", "E", "f", "F", "g", "G", "t", "c", "U", "#U", "T", "z"]
        let widths = ["", "5", "-5", "05", ".2", "8.3", "+", " ", "#", "+08.2", "-08"]
        var templates: [String] = []
        for verb in verbs {
            for width in widths {
                let format = values.map { _ in "%" + width + verb }.joined(separator: "|")
                templates.append("{{ printf \"\(format)\" \(values.joined(separator: " ")) }}")
            }
        }
        templates += [
            "{{ printf \"%d %d\" 1 }}|{{ printf \"%d\" 1 2 \"x\" }}|{{ printf \"%!\" }}|{{ printf \"%\" }}|{{ printf \"%*d|%-*d|\" 5 1 5 1 }}|{{ printf \"%*d\" \"x\" 1 }}",
            "{{ printf \"%.*f|%[2]d %[1]d|%[3]d|%[x]d|%[1]*d\" 2 3.14159 }}|{{ printf \"%[2]d %[1]d\" 1 2 }}|{{ printf \"%%|%5%|%é\" 1 }}",
            "{{ printf \"%s\" (.Files.GetBytes \"files/a.txt\") }}|{{ printf \"%v|%x|%q|%d\" (.Files.GetBytes \"files/a.txt\") (.Files.GetBytes \"files/a.txt\") (.Files.GetBytes \"files/a.txt\") (.Files.GetBytes \"files/a.txt\") }}",
            "{{ printf \"%v %v %v %v %v %v %v %v %v\" 1e6 123456.0 1234567.0 0.0001 0.00001 1e21 1e20 123456789.0 -0.0 }}",
            "{{ printf \"%6.2v|%-8q|%08.3e|%+.3g|%x|%X\" 3.14159 \"a\" 1234.5678 0.000012345 -255 \"Hi\" }}",
        ]
        try check(templates, files: ["files/a.txt": "hi"])
    }

    func testArgumentTypes() throws {
        try check([
            "{{ printf 1 }}", "{{ printf .Values.n }}", "{{ printf nil }}", "{{ upper nil }}", "{{ upper 1 }}", "{{ upper .Values.n }}",
            "{{ indent 2.0 \"x\" }}", "{{ indent 2.5 \"x\" }}", "{{ indent .Values.n \"x\" }}", "{{ indent (int64 2) \"x\" }}", "{{ indent \"2\" \"x\" }}",
            "{{ .Values.missing | upper }}", "{{ hasKey .Values.missing \"x\" }}", "{{ hasKey (.Values.missing) \"x\" }}|{{ pick (.Values.missing) \"a\" }}",
            "{{ ternary 1 2 \"true\" }}", "{{ ternary 1 2 true }}|{{ ternary 1 2 .Values.no }}", "{{ upper }}", "{{ upper \"a\" \"b\" }}", "{{ list | upper }}",
            "{{ .Files.Get 1 }}", "{{ .Files.Get }}", "{{ .Files.Get \"files/a.txt\" \"x\" }}", "{{ .Capabilities.KubeVersion.Version 1 }}",
            "{{ .Capabilities.Foo }}", "{{ .Files.x }}|{{ index .Files \"files/a.txt\" }}|{{ .Files.Get \"nope\" }}", "{{ dict 1 2 }}|{{ dict \"a\" }}",
            "{{ int64 nil }}|{{ int .Values.missing }}|{{ toString .Values.missing }}|{{ default \"d\" nil }}",
        ], files: ["files/a.txt": "hello\n"])
    }

    func testHelmObjectsAndFiles() throws {
        try check(
            [
                "{{ range $path, $content := .Files.Glob \"files/*.txt\" }}{{ $path }}={{ $content | toString }};{{ end }}|{{ (.Files.Glob \"files/**\") | len }}|{{ (.Files.Glob \"[\").AsConfig | len }}",
                "{{ (.Files.Glob \"files/*.txt\").AsConfig }}\n{{ (.Files.Glob \"files/*.txt\").AsSecrets }}",
                "{{ range .Files.Lines \"files/a.txt\" }}[{{ . }}]{{ end }}|{{ .Files.Lines \"nope\" }}|{{ .Files.Lines \"files/b.txt\" | len }}",
                "{{ .Files.Lines \"files/empty.txt\" }}", "{{ .Files.GetBytes \"files/b.txt\" }}|{{ .Files.Get \"files/sub/c.json\" }}|{{ .Files.Get \"Chart.yaml\" }}|{{ .Files.Get \"values.yaml\" }}",
                "{{ (.Files.Glob \"files/{a,b}.txt\").AsConfig }}|{{ (.Files.Glob \"files/?.txt\") | len }}|{{ (.Files.Glob \"files/[ab].txt\") | len }}|{{ (.Files.Glob \"files/[!a].txt\") | len }}|{{ (.Files.Glob \"**.json\") | len }}|{{ (.Files.Glob \"*.json\") | len }}",
                "{{ .Template.Name }}|{{ .Template.BasePath }}|{{ include \"tn\" . }}", "{{ typeOf . }}|{{ typeOf .Values }}|{{ typeOf .Release }}|{{ typeOf .Files }}|{{ typeOf .Capabilities }}|{{ typeOf .Template }}|{{ typeOf .Capabilities.APIVersions }}",
                "{{ .Release.Name }}|{{ .Release.Namespace }}|{{ .Release.IsInstall }}|{{ .Release.IsUpgrade }}|{{ .Release.Revision }}|{{ .Release.Service }}|{{ typeOf .Release.Revision }}",
                "{{ .Chart.AppVersion }}|{{ .Chart.Keywords }}|{{ .Chart.Maintainers }}|{{ .Chart.Annotations }}|{{ .Chart.Deprecated }}|{{ .Chart.Type }}|{{ .Chart.APIVersion }}",
            ], extra: ["_tn.tpl": "{{ define \"tn\" }}{{ .Template.Name }}{{ end }}"],
            files: ["files/a.txt": "line1\nline2\n", "files/b.txt": "x", "files/empty.txt": "", "files/sub/c.json": "{\"k\": 1}", "values.yaml": "x: 1\n"])
    }

    func testMethodsOfHelmValues() throws {
        try check([
            "{{ .Values.AsMap | len }}|{{ (.Values.Table \"nested.inner\").deep }}|{{ .Values.PathValue \"nested.inner.deep\" }}|{{ .Values.PathValue \"s\" }}",
            "{{ .Values.YAML }}", "{{ .Values.Table \"s\" }}", "{{ .Values.Table \"nope.x\" }}", "{{ .Values.PathValue \"nested\" }}",
            "{{ .Values.PathValue \"\" }}", "{{ .Values.PathValue \"nope.deep\" }}", "{{ $.AsMap | len }}|{{ .Template.Table \"x\" }}",
            "{{ .Values.nested.AsMap }}",
        ])
    }

    func testFromYamlGivesEachCallItsOwnMapThoughTheRenderParsesOnce() throws {
        try check(
            [
                "{{ $a := fromYaml \"x: 1\\nl: [1]\" }}{{ $_ := set $a \"x\" 2 }}{{ $b := fromYaml \"x: 1\\nl: [1]\" }}{{ $b.x }}|{{ $a.x }}|{{ include \"again\" . }}",
                "{{ $a := fromYamlArray \"[1, 2]\" }}{{ $b := fromYamlArray \"[1, 2]\" }}{{ $a }}{{ $b }}|{{ fromYaml \"[1]\" }}|{{ fromYaml \"[1]\" }}|{{ fromYamlArray \"[1]\" | len }}",
            ], extra: ["_again.tpl": "{{ define \"again\" }}{{ (fromYaml \"x: 1\\nl: [1]\").x }}{{ end }}"])
    }

    func testMultipleFilesShareValuesAndRunInHelmOrder() throws {
        try check(
            ["x: {{ .Values.x | default \"unset\" }}\n"],
            extra: [
                "b.yaml": "{{- $_ := set .Values \"x\" \"from-b\" }}", "c.yaml": "{{ $_ := set $ \"Values\" (dict \"x\" \"replaced\") }}c",
                "sub/z.yaml": "{{ $_ := set .Values \"deep\" \"first\" }}z", "NOTES.txt": "notes {{ .Values.deep }} {{ .Release.Name }}",
                "_partial.yaml": "{{ fail \"partials never run\" }}",
            ])
    }
}
