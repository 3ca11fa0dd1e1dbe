import XCTest

@testable import Helm

/// The template language on its own (Go builtins only), with expectations
/// checked against Helm v4 (HELM-NOTES §1).
final class TemplateLanguageTests: XCTestCase {
    /// Renders `text` as template `t` with `.Values` = `values`, Helm-style
    /// (`<no value>` removed).
    func render(_ text: String, _ values: [String: GoValue] = [:], functions: [TemplateFunction] = []) throws -> String {
        let set = TemplateSet(functions: functions)
        try set.parse(name: "t", text: text)
        let top = GoMap(["Values": .map(GoMap(values, goTypeName: "common.Values"))], goTypeName: "common.Values")
        return try set.execute("t", data: .map(top)).replacingAll("<no value>", with: "")
    }

    func renderError(_ text: String, _ values: [String: GoValue] = [:]) -> TemplateError? {
        do {
            _ = try render(text, values)
            return nil
        } catch let error as TemplateError {
            return error
        } catch {
            return nil
        }
    }

    func testTrimMarkersAndComments() throws {
        XCTAssertEqual(try render("a  {{- 1 -}}  b"), "a1b")
        XCTAssertEqual(try render("a\n{{- if true }}\nb\n{{- end }}\nc"), "a\nb\nc")
        XCTAssertEqual(try render("{{ \"a\" }}  {{- \"b\" }}\t\n{{- \"c\" -}} \r\n d"), "abcd")
        XCTAssertEqual(try render("a {{-3}} b"), "a -3 b")
        XCTAssertEqual(try render("a \n {{- /* c */ -}} \n b"), "ab")
        XCTAssertEqual(try render("x{{/* a\ncomment */}}y"), "xy")
        XCTAssertEqual(renderError("{{ /* c */ }}")?.helmMessage, "parse error at (t:1): unexpected \"/\" in command")
    }

    func testConstantsPrintLikeGo() throws {
        XCTAssertEqual(
            try render("{{ 1.0 }}|{{ 1e6 }}|{{ 010 }}|{{ 0x10 }}|{{ 0o17 }}|{{ 0b101 }}|{{ 1_000 }}|{{ 'a' }}|{{ .5 }}"),
            "1|1e+06|8|16|15|5|1000|97|0.5")
        XCTAssertEqual(try render("{{ 1i }}|{{ 0x1p4 }}|{{ \"a\\tb\" }}|{{ `raw\\n` }}|{{ true }}"), "(0+1i)|16|a\tb|raw\\n|true")
    }

    func testMissingKeysAndTheTwoNils() throws {
        XCTAssertEqual(
            try render("[{{ .Values.a }}][{{ print .Values.a }}][{{ (.Values.a).b }}][{{ ((.Values.a).b).c }}]"),
            "[][<nil>][][]")
        XCTAssertEqual(
            renderError("{{ .Values.a.b }}")?.helmMessage,
            "t:1:10\n  executing \"t\" at <.Values.a.b>:\n    nil pointer evaluating interface {}.b")
        XCTAssertEqual(
            renderError("{{ .Values.s.x }}", ["s": .string("hello")])?.helmMessage,
            "t:1:10\n  executing \"t\" at <.Values.s.x>:\n    can't evaluate field x in type interface {}")
        XCTAssertEqual(
            renderError("{{ with .Values.s }}{{ .x }}{{ end }}", ["s": .string("hello")])?.helmMessage,
            "t:1:23\n  executing \"t\" at <.x>:\n    can't evaluate field x in type string")
    }

    func testVariablesAndScope() throws {
        XCTAssertEqual(try render("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}"), "2")
        XCTAssertEqual(try render("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ end }}{{ $x }}"), "1")
        XCTAssertEqual(
            renderError("{{ range .Values.l }}{{ $y := 1 }}{{ end }}{{ $y }}")?.helmMessage,
            "parse error at (t:1): undefined variable \"$y\"")
        XCTAssertEqual(
            try render("{{ with $v := .Values.m }}{{ $v.k }}{{ end }}", ["m": .map(GoMap(["k": .string("v")]))]), "v")
    }

    func testControlStructures() throws {
        let values: [String: GoValue] = [
            "l": .list([.string("a"), .string("b")]),
            "m": .map(
                GoMap([
                    "b": .float64(1), "a": .float64(2), "B": .float64(3), "_": .float64(4), "10": .float64(5),
                    "9": .float64(6),
                ])),
        ]
        XCTAssertEqual(try render("{{ range $i, $v := .Values.l }}{{ $i }}={{ $v }};{{ end }}", values), "0=a;1=b;")
        XCTAssertEqual(try render("{{ range $k, $v := .Values.m }}{{ $k }} {{ end }}", values), "10 9 B _ a b ")
        XCTAssertEqual(try render("{{ range 3 }}{{ . }}{{ end }}|{{ range 0 }}x{{ else }}empty{{ end }}"), "012|empty")
        XCTAssertEqual(
            try render("{{ range .Values.l }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ . }}{{ end }}", values), "a")
        XCTAssertEqual(
            try render("{{ range .Values.l }}{{ if eq . \"a\" }}{{ continue }}{{ end }}{{ . }}{{ end }}", values), "b")
        XCTAssertEqual(try render("{{ if false }}a{{ else if 0 }}b{{ else }}c{{ end }}"), "c")
        XCTAssertEqual(try render("{{ with 0 }}a{{ else with \"x\" }}{{ . }}{{ else }}c{{ end }}"), "x")
        XCTAssertEqual(
            try render("{{ define \"d\" }}[{{ . }}]{{ end }}{{ template \"d\" 5 }}{{ block \"b\" 6 }}<{{ . }}>{{ end }}"),
            "[5]<6>")
        XCTAssertEqual(renderError("{{ break }}")?.helmMessage, "parse error at (t:1): {{break}} outside {{range}}")
    }

    func testBuiltins() throws {
        XCTAssertEqual(try render("{{ or .Values.s (index .Values.missing 1) }}", ["s": .string("hello")]), "hello")
        XCTAssertEqual(try render("{{ and 0 .Values.missing.x }}"), "0")
        XCTAssertEqual(try render("{{ print 1 2 \"x\" 3 4 nil }}"), "1 2x3 4 <nil>")
        XCTAssertEqual(try render("{{ printf \"%d %s|%v\" 3.0 3 nil }}"), "%!d(float64=3) %!s(int=3)|<nil>")
        XCTAssertEqual(
            try render("{{ len \"héllo\" }}|{{ not 0 }}|{{ eq 1 2 1 }}|{{ ne 1 2 }}|{{ lt \"a\" \"b\" }}"),
            "6|true|true|true|true")
        XCTAssertEqual(
            try render("{{ html \"<a>&'\\\"\" }}|{{ urlquery \"a b&c=d/é\" }}"), "&lt;a&gt;&amp;&#39;&#34;|a+b%26c%3Dd%2F%C3%A9")
        XCTAssertEqual(
            renderError("{{ eq .Values.port 8080 }}", ["port": .float64(8080)])?.helmMessage,
            "template: t:1:3: executing \"t\" at <eq .Values.port 8080>: error calling eq: incompatible types for comparison: float64 and int"
        )
        XCTAssertEqual(
            renderError("{{ not }}")?.helmMessage,
            "t:1:3\n  executing \"t\" at <not>:\n    wrong number of args for not: want 1 got 0")
    }

    func testFloatFormatting() {
        let cases: [(Double, String)] = [
            (1e6, "1e+06"), (123456, "123456"), (1_234_567, "1.234567e+06"), (0.0001, "0.0001"), (0.00001, "1e-05"),
            (1e21, "1e+21"), (123_456_789, "1.23456789e+08"), (1.5, "1.5"), (-0.0, "-0"),
        ]
        for (value, expected) in cases { XCTAssertEqual(GoFormat.string(.float64(value)), expected) }
        XCTAssertEqual(
            GoFormat.sprintf(
                "%.2f|%8.3f|%-8.2f|%08.2f|%+.1e|%.3g|%.10g|%g|%#g|%#.3g",
                [
                    .float64(3.14159), .float64(3.14159), .float64(3.14159), .float64(-3.14159), .float64(12345.678),
                    .float64(100000), .float64(123456), .float64(1e7), .float64(1), .float64(1),
                ]), "3.14|   3.142|3.14    |-0003.14|+1.2e+04|1e+05|123456|1e+07|1.00000|1.00")
        XCTAssertEqual(
            GoFormat.sprintf("%x|%X|%b", [.float64(1.5), .float64(-1.5), .float64(1)]),
            "0x1.8p+00|-0X1.8P+00|4503599627370496p-52")
    }
}
