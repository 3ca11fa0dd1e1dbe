import XCTest

@testable import Helm

/// Differential tests: each function call is rendered by Helm v4 (the oracle)
/// and computed by our table directly; the printed results must be identical.
final class FunctionsOracleTests: XCTestCase {
    private struct Case {
        var template: String
        var swift: () throws -> String
    }

    private func c(_ template: String, _ swift: @escaping () throws -> String) -> Case {
        Case(template: template, swift: swift)
    }

    private func check(_ cases: [Case], valuesJSON: String = "{}", file: StaticString = #filePath, line: UInt = #line) throws {
        let oracle = try HelmOracle.required()
        let outcomes = try oracle.renderTemplates(cases.map(\.template), valuesJSON: valuesJSON)
        for (c, outcome) in zip(cases, outcomes) {
            let ours: Result<String, Error> = Result { try c.swift() }
            switch (outcome, ours) {
            case (.output(let files), .success(let text)):
                XCTAssertEqual(text, files["c/templates/t.yaml"], "template \(c.template)", file: file, line: line)
            case (.error(let message), .failure(let error)):
                let ourMessage = (error as? TemplateFunctionError)?.message ?? "\(error)"
                XCTAssertTrue(message.contains(ourMessage), "template \(c.template): Helm says \(message); we say \(ourMessage)", file: file, line: line)
            case (.output(let files), .failure(let error)):
                XCTFail("template \(c.template): Helm gives \(files["c/templates/t.yaml"] ?? "?"), we fail: \(error)", file: file, line: line)
            case (.error(let message), .success(let text)):
                XCTFail("template \(c.template): Helm fails (\(message)), we give \(text)", file: file, line: line)
            }
        }
    }

    func testStringFunctionsMatchHelm() throws {
        try check([
            c(#"{{ upper "straße é" }}|{{ lower "ÀB" }}"#) { try F.printed("upper", "straße é") + "|" + F.printed("lower", "ÀB") },
            c(#"{{ title "hello_world foo.bar x-y ßa éb" }}"#) { try F.printed("title", "hello_world foo.bar x-y ßa éb") },
            c(#"{{ untitle "Hello World  Élan" }}"#) { try F.printed("untitle", "Hello World  Élan") },
            c(#"{{ swapcase "Hello wORLD x" }}"#) { try F.printed("swapcase", "Hello wORLD x") },
            c("{{ trim \" \\t a b \\n\\u00a0\" }}") { try F.printed("trim", " \t a b \n\u{a0}") },
            c(#"{{ trimAll "$-" "$-a$b-$" }}"#) { try F.printed("trimAll", "$-", "$-a$b-$") },
            c(#"{{ trimPrefix "ab" "abab" }}|{{ trimSuffix "-" "x--" }}"#) {
                try F.printed("trimPrefix", "ab", "abab") + "|" + F.printed("trimSuffix", "-", "x--")
            },
            c(#"{{ trunc 3 "hello" }}|{{ trunc -2 "hello" }}|{{ trunc 9 "hi" }}|{{ trunc -9 "hi" }}"#) {
                try [F.printed("trunc", 3, "hello"), F.printed("trunc", -2, "hello"), F.printed("trunc", 9, "hi"), F.printed("trunc", -9, "hi")].joined(separator: "|")
            },
            c(#"{{ abbrev 5 "hello world" }}|{{ abbrev 3 "abcdef" }}|{{ abbrevboth 5 10 "1234 5678 9123 4567" }}|{{ abbrevboth 1 6 "abcdefghijk" }}"#) {
                try [F.printed("abbrev", 5, "hello world"), F.printed("abbrev", 3, "abcdef"),
                    F.printed("abbrevboth", 5, 10, "1234 5678 9123 4567"), F.printed("abbrevboth", 1, 6, "abcdefghijk")].joined(separator: "|")
            },
            c(#"{{ replace "" "-" "abc" }}|{{ replace "a" "bb" "banana" }}"#) {
                try F.printed("replace", "", "-", "abc") + "|" + F.printed("replace", "a", "bb", "banana")
            },
            c(#"{{ contains "" "x" }}{{ contains "ll" "hello" }}{{ hasPrefix "he" "hello" }}{{ hasSuffix "lo" "hello" }}{{ hasSuffix "x" "hello" }}"#) {
                try [F.printed("contains", "", "x"), F.printed("contains", "ll", "hello"), F.printed("hasPrefix", "he", "hello"),
                    F.printed("hasSuffix", "lo", "hello"), F.printed("hasSuffix", "x", "hello")].joined()
            },
            c(#"{{ repeat 3 "ab" }}"#) { try F.printed("repeat", 3, "ab") },
            c(#"{{ repeat -1 "ab" }}"#) { try F.printed("repeat", -1, "ab") },
            c(#"{{ substr 1 3 "hello" }}|{{ substr -1 3 "hello" }}|{{ substr 1 -1 "hello" }}|{{ substr 2 99 "hello" }}"#) {
                try [F.printed("substr", 1, 3, "hello"), F.printed("substr", -1, 3, "hello"), F.printed("substr", 1, -1, "hello"),
                    F.printed("substr", 2, 99, "hello")].joined(separator: "|")
            },
            c(#"{{ substr 4 2 "hello" }}"#) { try F.printed("substr", 4, 2, "hello") },
            c("{{ nospace \" a b\\tc \" }}|{{ initials \"First Try  x\" }}") {
                try F.printed("nospace", " a b\tc ") + "|" + F.printed("initials", "First Try  x")
            },
            c(#"{{ wrap 10 "The quick brown fox jumps over the lazy dog" }}|{{ wrap 5 "Hello World foo barbazqux" }}"#) {
                try F.printed("wrap", 10, "The quick brown fox jumps over the lazy dog") + "|" + F.printed("wrap", 5, "Hello World foo barbazqux")
            },
            c(#"{{ wrapWith 3 "<br>" "a b c d eeeeeee f" }}"#) { try F.printed("wrapWith", 3, "<br>", "a b c d eeeeeee f") },
            c(#"{{ quote "a\"b" "é\n\t" 1.5 nil 3 true "\x01\u00ad" }}|{{ squote "it's" 2 nil }}|{{ cat "a" 1 nil 2.5 (list 1 2) }}"#) {
                try [F.printed("quote", "a\"b", "é\n\t", 1.5, nil, 3, true, "\u{1}\u{ad}"), F.printed("squote", "it's", 2, nil),
                    F.printed("cat", "a", 1, nil, 2.5, [1, 2])].joined(separator: "|")
            },
            c(#"{{ indent 2 "a\nb\n\nc" }}|{{ nindent 4 "" }}|{{ indent 0 "x" }}"#) {
                try [F.printed("indent", 2, "a\nb\n\nc"), F.printed("nindent", 4, ""), F.printed("indent", 0, "x")].joined(separator: "|")
            },
            c(#"{{ split "," "a,b,,c" }}|{{ split "" "ab" }}|{{ splitn "," 2 "a,b,c" }}|{{ splitn "," 0 "a" }}|{{ splitList "," "" }}|{{ len (splitList "," "") }}"#) {
                try [F.printed("split", ",", "a,b,,c"), F.printed("split", "", "ab"), F.printed("splitn", ",", 2, "a,b,c"),
                    F.printed("splitn", ",", 0, "a"), F.printed("splitList", ",", ""), "1"].joined(separator: "|")
            },
            c(#"{{ join "-" (list 1 nil "a" 2.5) }}|{{ join "," "solo" }}|{{ join "," nil }}|{{ plural "one" "many" 1 }}{{ plural "one" "many" 2 }}"#) {
                try [F.printed("join", "-", [1, nil, "a", 2.5]), F.printed("join", ",", "solo"), F.printed("join", ",", nil),
                    F.printed("plural", "one", "many", 1) + F.printed("plural", "one", "many", 2)].joined(separator: "|")
            },
            c(#"{{ toString 1e6 }}|{{ toString nil }}|{{ toString (list 1 "a") }}|{{ toStrings (list 1 nil "a" 2.5) }}|{{ toString (dict "b" 1 "a" (dict "c" nil)) }}"#) {
                try [F.printed("toString", 1e6), F.printed("toString", nil), F.printed("toString", [1, "a"]),
                    F.printed("toStrings", F.go([1, nil, "a", 2.5] as [Any?])), F.printed("toString", ["b": 1, "a": ["c": nil] as [String: Any?]])].joined(separator: "|")
            },
        ])
    }

    func testListFunctionsMatchHelm() throws {
        try check([
            c(#"{{ list 1 "a" nil }}|{{ tuple }}|{{ append (list 1) 2 }}|{{ prepend (list 1) 0 }}|{{ push (splitList "," "a,b") "c" }}"#) {
                try [F.printed("list", 1, "a", nil), F.printed("tuple"), F.printed("append", [1], 2), F.printed("prepend", [1], 0),
                    F.printed("push", GoValue.stringList(["a", "b"]), "c")].joined(separator: "|")
            },
            c(#"{{ append "x" 1 }}"#) { try F.printed("append", "x", 1) },
            c(#"{{ first (list) }}|{{ first (list 1 2) }}|{{ last (list 1 2) }}|{{ rest (list 1 2 3) }}|{{ initial (list 1 2 3) }}|{{ rest (list) }}"#) {
                try [F.printed("first", GoValue.list([])), F.printed("first", [1, 2]), F.printed("last", [1, 2]), F.printed("rest", [1, 2, 3]),
                    F.printed("initial", [1, 2, 3]), F.printed("rest", GoValue.list([]))].joined(separator: "|")
            },
            c(#"{{ first 3 }}"#) { try F.printed("first", 3) },
            c(#"{{ reverse (list 1 2 3) }}|{{ compact (list 0 1 "" "a" nil false (list) (dict)) }}|{{ uniq (list 1 1 "1" 2 1) }}|{{ without (list 1 2 3 2) 2 3 }}"#) {
                try [F.printed("reverse", [1, 2, 3]), F.printed("compact", F.go([0, 1, "", "a", nil, false, GoValue.list([]), [String: Any?]()] as [Any?])),
                    F.printed("uniq", [1, 1, "1", 2, 1]), F.printed("without", [1, 2, 3, 2], 2, 3)].joined(separator: "|")
            },
            c(#"{{ has 1 (list 1 2) }}{{ has 1.0 (list 1 2) }}{{ has "a" nil }}{{ has nil (list nil) }}"#) {
                try [F.printed("has", 1, [1, 2]), F.printed("has", 1.0, [1, 2]), F.printed("has", "a", nil), F.printed("has", nil, [nil])].joined()
            },
            c(#"{{ has 1 "x" }}"#) { try F.printed("has", 1, "x") },
            c(#"{{ slice (list 1 2 3 4) 1 3 }}|{{ slice (list 1 2 3) 1 }}|{{ slice (list 1 2 3) }}|{{ slice (list) }}|{{ slice (splitList "," "a,b,c") 1 }}"#) {
                try [F.printed("slice", [1, 2, 3, 4], 1, 3), F.printed("slice", [1, 2, 3], 1), F.printed("slice", [1, 2, 3]),
                    F.printed("slice", GoValue.list([])), F.printed("slice", GoValue.stringList(["a", "b", "c"]), 1)].joined(separator: "|")
            },
            c(#"{{ concat (list 1) (list 2 3) (splitList "," "a") }}|{{ chunk 2 (list 1 2 3 4 5) }}|{{ chunk 3 (list) }}"#) {
                try [F.printed("concat", [1], [2, 3], GoValue.stringList(["a"])), F.printed("chunk", 2, [1, 2, 3, 4, 5]),
                    F.printed("chunk", 3, GoValue.list([]))].joined(separator: "|")
            },
            c(#"{{ sortAlpha (list "b" "B" 10 9 "_") }}|{{ sortAlpha "x" }}|{{ until 3 }}|{{ until -2 }}|{{ untilStep 0 10 3 }}|{{ untilStep 5 0 -2 }}"#) {
                try [F.printed("sortAlpha", ["b", "B", 10, 9, "_"]), F.printed("sortAlpha", "x"), F.printed("until", 3), F.printed("until", -2),
                    F.printed("untilStep", 0, 10, 3), F.printed("untilStep", 5, 0, -2)].joined(separator: "|")
            },
            c(#"{{ seq 5 }}|{{ seq 0 }}|{{ seq 2 -2 }}|{{ seq 0 2 10 }}|{{ seq 10 -3 1 }}|{{ seq 10 3 1 }}|{{ seq }}"#) {
                try [F.printed("seq", 5), F.printed("seq", 0), F.printed("seq", 2, -2), F.printed("seq", 0, 2, 10), F.printed("seq", 10, -3, 1),
                    F.printed("seq", 10, 3, 1), F.printed("seq")].joined(separator: "|")
            },
        ])
    }

    func testDictFunctionsMatchHelm() throws {
        try check([
            c(#"{{ dict "b" 1 "a" 2 3 4 "odd" }}|{{ get (dict "a" 1) "a" }}|{{ get (dict) "x" | quote }}|{{ hasKey (dict "a" nil) "a" }}"#) {
                try [F.printed("dict", "b", 1, "a", 2, 3, 4, "odd"), F.printed("get", ["a": 1], "a"), "\"\"", F.printed("hasKey", ["a": nil], "a")]
                    .joined(separator: "|")
            },
            c(#"{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $_ := unset $d "a" }}{{ $d }}|{{ keys (dict "b" 1 "a" 2) | sortAlpha }}|{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}"#) {
                let d = GoMap(["a": .int(1)])
                _ = try F.call("set", GoValue.map(d), "b", 2)
                _ = try F.call("unset", GoValue.map(d), "a")
                return [GoFormat.string(.map(d)), try F.printed("sortAlpha", try F.call("keys", ["b": 1, "a": 2])),
                    try F.printed("pluck", "a", ["a": 1], ["b": 2], ["a": 3])].joined(separator: "|")
            },
            c(#"{{ pick (dict "a" 1 "b" 2 "c" 3) "a" "c" "z" }}|{{ omit (dict "a" 1 "b" 2) "a" }}|{{ values (dict "a" 1) }}"#) {
                try [F.printed("pick", ["a": 1, "b": 2, "c": 3], "a", "c", "z"), F.printed("omit", ["a": 1, "b": 2], "a"), F.printed("values", ["a": 1])]
                    .joined(separator: "|")
            },
            c(#"{{ dig "a" "b" "d" (dict "a" (dict "b" 1)) }}|{{ dig "a" "x" "d" (dict "a" (dict "b" 1)) }}|{{ dig "a" "d" (dict) }}"#) {
                try [F.printed("dig", "a", "b", "d", ["a": ["b": 1] as [String: Any?]]), F.printed("dig", "a", "x", "d", ["a": ["b": 1] as [String: Any?]]),
                    F.printed("dig", "a", "d", [String: Any?]())].joined(separator: "|")
            },
            c(#"{{ dig "a" "b" "d" (dict "a" "s") }}"#) { try F.printed("dig", "a", "b", "d", ["a": "s"]) },
            c(#"{{ $d := dict "a" (dict "x" 1 "y" 2) "l" (list 1 2) "s" "keep" "t" true "e" (dict) }}{{ $_ := mergeOverwrite $d (dict "a" (dict "x" 9) "l" (list) "s" "" "t" false "n" nil "e" (dict "k" 1)) }}{{ toJson $d }}"#) {
                let d = F.go(["a": ["x": 1, "y": 2] as [String: Any?], "l": [1, 2], "s": "keep", "t": true, "e": [String: Any?]()])
                _ = try F.call("mergeOverwrite", d, ["a": ["x": 9] as [String: Any?], "l": GoValue.list([]), "s": "", "t": false, "n": nil, "e": ["k": 1]])
                return try F.printed("toJson", d)
            },
            c(#"{{ $e := dict "s" "" "t" false "u" "keep" "m" (dict "x" 1) }}{{ $_ := merge $e (dict "s" "S" "t" true "u" "U" "v" "V" "m" (dict "x" 2 "y" 3) "n" nil) }}{{ toJson $e }}"#) {
                let e = F.go(["s": "", "t": false, "u": "keep", "m": ["x": 1] as [String: Any?]])
                _ = try F.call("merge", e, ["s": "S", "t": true, "u": "U", "v": "V", "m": ["x": 2, "y": 3] as [String: Any?], "n": nil])
                return try F.printed("toJson", e)
            },
            c(#"{{ $src := dict "m" (dict "k" 1) }}{{ $d := mergeOverwrite (dict) $src }}{{ $_ := set $d.m "z" 2 }}{{ toJson $src }}"#) {
                // A source map lands by reference: changing the merged copy changes the source.
                let src = F.go(["m": ["k": 1] as [String: Any?]])
                let merged = try F.call("mergeOverwrite", [String: Any?](), src)
                guard case .map(let m) = merged, case .map(let inner)? = m["m"] else { return "not a map" }
                _ = try F.call("set", GoValue.map(inner), "z", 2)
                return try F.printed("toJson", src)
            },
            c(#"{{ $a := dict "l" (list (dict "x" 1)) }}{{ $b := deepCopy $a }}{{ $_ := set (index $b.l 0) "x" 2 }}{{ toJson $a }}{{ toJson $b }}"#) {
                let a = F.go(["l": [["x": 1] as [String: Any?]]])
                let b = try F.call("deepCopy", a)
                guard case .map(let bm) = b, case .list(let l)? = bm["l"] else { return "bad" }
                _ = try F.call("set", l[0], "x", 2)
                return try F.printed("toJson", a) + F.printed("toJson", b)
            },
        ])
    }

    func testDefaultsConversionsAndMathMatchHelm() throws {
        try check([
            c(#"{{ default "d" "" }}|{{ default "d" 0 }}|{{ default "d" false }}|{{ default "d" (list) }}|{{ default "d" "x" }}|{{ default "d" 0.0 }}|{{ default "d" }}"#) {
                try [F.printed("default", "d", ""), F.printed("default", "d", 0), F.printed("default", "d", false), F.printed("default", "d", GoValue.list([])),
                    F.printed("default", "d", "x"), F.printed("default", "d", 0.0), F.printed("default", "d")].joined(separator: "|")
            },
            c(#"{{ empty 0.0 }}{{ empty " " }}{{ coalesce 0 "" nil "x" 1 }}|{{ coalesce 0 }}|{{ ternary "a" "b" true }}{{ ternary "a" "b" false }}|{{ all 1 "a" }}{{ all 1 "" }}{{ any 0 "" }}{{ any 0 "x" }}"#) {
                try [F.printed("empty", 0.0) + F.printed("empty", " ") + F.printed("coalesce", 0, "", nil, "x", 1), F.printed("coalesce", 0),
                    F.printed("ternary", "a", "b", true) + F.printed("ternary", "a", "b", false),
                    F.printed("all", 1, "a") + F.printed("all", 1, "") + F.printed("any", 0, "") + F.printed("any", 0, "x")].joined(separator: "|")
            },
            c(#"{{ int 2.7 }}|{{ int "010" }}|{{ int "0x1F" }}|{{ int "1.0" }}|{{ int "08" }}|{{ int "1.5" }}|{{ int true }}|{{ int nil }}|{{ int64 "1_000" }}|{{ int -2.7 }}"#) {
                try [F.printed("int", 2.7), F.printed("int", "010"), F.printed("int", "0x1F"), F.printed("int", "1.0"), F.printed("int", "08"),
                    F.printed("int", "1.5"), F.printed("int", true), F.printed("int", nil), F.printed("int64", "1_000"), F.printed("int", -2.7)]
                    .joined(separator: "|")
            },
            c(#"{{ float64 "1.5" }}|{{ float64 "x" }}|{{ float64 3 }}|{{ atoi "42" }}|{{ atoi " 3" }}|{{ atoi "-7" }}|{{ toDecimal "0777" }}|{{ toDecimal 777 }}|{{ toDecimal "9" }}"#) {
                try [F.printed("float64", "1.5"), F.printed("float64", "x"), F.printed("float64", 3), F.printed("atoi", "42"), F.printed("atoi", " 3"),
                    F.printed("atoi", "-7"), F.printed("toDecimal", "0777"), F.printed("toDecimal", 777), F.printed("toDecimal", "9")].joined(separator: "|")
            },
            c(#"{{ kindOf 1 }} {{ kindOf 1.5 }} {{ kindOf "s" }} {{ kindOf (list) }} {{ kindOf (dict) }} {{ kindOf nil }} {{ kindOf (int64 1) }} {{ kindOf (splitList "," "") }}"#) {
                try [F.printed("kindOf", 1), F.printed("kindOf", 1.5), F.printed("kindOf", "s"), F.printed("kindOf", GoValue.list([])),
                    F.printed("kindOf", [String: Any?]()), F.printed("kindOf", nil), F.printed("kindOf", Int64(1)),
                    F.printed("kindOf", GoValue.stringList([""]))].joined(separator: " ")
            },
            c(#"{{ typeOf 1 }} {{ typeOf 1.5 }} {{ typeOf (list) }} {{ typeOf (dict) }} {{ typeOf nil }} {{ typeOf (splitList "," "") }} {{ typeIs "int" 1 }} {{ typeIsLike "int" 1 }} {{ kindIs "map" (dict) }} {{ deepEqual (list 1 (dict "a" 1)) (list 1 (dict "a" 1)) }} {{ deepEqual 1 1.0 }}"#) {
                try [F.printed("typeOf", 1), F.printed("typeOf", 1.5), F.printed("typeOf", GoValue.list([])), F.printed("typeOf", [String: Any?]()),
                    F.printed("typeOf", nil), F.printed("typeOf", GoValue.stringList([""])), F.printed("typeIs", "int", 1),
                    F.printed("typeIsLike", "int", 1), F.printed("kindIs", "map", [String: Any?]()),
                    F.printed("deepEqual", [1, ["a": 1] as [String: Any?]], [1, ["a": 1] as [String: Any?]]), F.printed("deepEqual", 1, 1.0)]
                    .joined(separator: " ")
            },
            c(#"{{ add 1 2.7 "3" }}|{{ add1 1.9 }}|{{ sub 5 7 }}|{{ mul 2 3 4 }}|{{ div 7 2 }}|{{ div -7 2 }}|{{ mod -7 3 }}|{{ max 1 5 3 }}|{{ min 4 2.9 }}|{{ biggest 1 2 }}"#) {
                try [F.printed("add", 1, 2.7, "3"), F.printed("add1", 1.9), F.printed("sub", 5, 7), F.printed("mul", 2, 3, 4), F.printed("div", 7, 2),
                    F.printed("div", -7, 2), F.printed("mod", -7, 3), F.printed("max", 1, 5, 3), F.printed("min", 4, 2.9), F.printed("biggest", 1, 2)]
                    .joined(separator: "|")
            },
            c(#"{{ div 1 0 }}"#) { try F.printed("div", 1, 0) },
            c(#"{{ addf 0.1 0.2 }}|{{ divf 1 3 }}|{{ mulf 1.1 3 }}|{{ subf 1 0.9 }}|{{ maxf 1 2.5 }}|{{ minf 1 -2 }}|{{ floor 2.7 }}|{{ ceil 2.1 }}|{{ round 3.14159 2 }}|{{ round 2.5 0 }}|{{ round 2.45 1 0.6 }}|{{ add1f 1.5 }}|{{ divf 2 3 }}|{{ addf 1e20 1 }}"#) {
                try [F.printed("addf", 0.1, 0.2), F.printed("divf", 1, 3), F.printed("mulf", 1.1, 3), F.printed("subf", 1, 0.9), F.printed("maxf", 1, 2.5),
                    F.printed("minf", 1, -2), F.printed("floor", 2.7), F.printed("ceil", 2.1), F.printed("round", 3.14159, 2), F.printed("round", 2.5, 0),
                    F.printed("round", 2.45, 1, 0.6), F.printed("add1f", 1.5), F.printed("divf", 2, 3), F.printed("addf", 1e20, 1)].joined(separator: "|")
            },
        ])
    }

    func testEncodingAndJSONFunctionsMatchHelm() throws {
        try check([
            c(#"{{ b64enc "hello" }}|{{ b64enc "" }}|{{ b64enc "ab" }}|{{ b64dec "aGVsbG8=" }}|{{ b64dec "%%%" }}|{{ b64dec "aGVsbG8" }}|{{ b64dec "aGVsbG8=x" }}|{{ b64dec "aG=" }}|{{ b64dec "aGVs\nbG8=" }}"#) {
                try [F.printed("b64enc", "hello"), F.printed("b64enc", ""), F.printed("b64enc", "ab"), F.printed("b64dec", "aGVsbG8="), F.printed("b64dec", "%%%"),
                    F.printed("b64dec", "aGVsbG8"), F.printed("b64dec", "aGVsbG8=x"), F.printed("b64dec", "aG="), F.printed("b64dec", "aGVs\nbG8=")]
                    .joined(separator: "|")
            },
            c(#"{{ b32enc "hi" }}|{{ b32enc "hello world" }}|{{ b32dec "NBUQ====" }}|{{ b32dec "NBUQ" }}|{{ b32dec "1111" }}|{{ b32dec "NBUQ===" }}"#) {
                try [F.printed("b32enc", "hi"), F.printed("b32enc", "hello world"), F.printed("b32dec", "NBUQ===="), F.printed("b32dec", "NBUQ"),
                    F.printed("b32dec", "1111"), F.printed("b32dec", "NBUQ===")].joined(separator: "|")
            },
            c(#"{{ sha1sum "a" }}|{{ sha256sum "" }}|{{ sha256sum "The quick brown fox jumps over the lazy dog, twice: The quick brown fox jumps over the lazy dog" }}|{{ adler32sum "hello" }}"#) {
                try [F.printed("sha1sum", "a"), F.printed("sha256sum", ""),
                    F.printed("sha256sum", "The quick brown fox jumps over the lazy dog, twice: The quick brown fox jumps over the lazy dog"),
                    F.printed("adler32sum", "hello")].joined(separator: "|")
            },
            c(#"{{ toJson (dict "b" "<x>&" "a" 1.5 "c" (list) "d" 1e6 "e" (dict) "f" nil "g" (int64 3)) }}|{{ toRawJson (dict "h" "<&>") }}|{{ toJson nil }}|{{ toJson "\u2028" }}"#) {
                try [F.printed("toJson", ["b": "<x>&", "a": 1.5, "c": GoValue.list([]), "d": 1e6, "e": [String: Any?](), "f": nil, "g": Int64(3)]),
                    F.printed("toRawJson", ["h": "<&>"]), F.printed("toJson", nil), F.printed("toJson", "\u{2028}")].joined(separator: "|")
            },
            c(#"{{ toPrettyJson (dict "b" "<x>&" "a" 1.5 "c" (list 1 (dict)) "d" 1000000.0 "e" (dict)) }}|{{ toPrettyJson (list) }}"#) {
                try [F.printed("toPrettyJson", ["b": "<x>&", "a": 1.5, "c": [1, [String: Any?]()], "d": 1000000.0, "e": [String: Any?]()]),
                    F.printed("toPrettyJson", GoValue.list([]))].joined(separator: "|")
            },
            c(#"{{ fromJson "{\"a\":1,\"b\":[true,null],\"a\":2}" }}|{{ fromJson "[1]" }}|{{ fromJson "{" }}|{{ fromJson "null" }}|{{ fromJson "x" }}|{{ fromJson "{\"a\" 1}" }}|{{ fromJson "" }}|{{ fromJson "{}x" }}|{{ fromJson "tru" }}|{{ fromJson "[1,]" }}"#) {
                try [F.printed("fromJson", "{\"a\":1,\"b\":[true,null],\"a\":2}"), F.printed("fromJson", "[1]"), F.printed("fromJson", "{"),
                    F.printed("fromJson", "null"), F.printed("fromJson", "x"), F.printed("fromJson", "{\"a\" 1}"), F.printed("fromJson", ""),
                    F.printed("fromJson", "{}x"), F.printed("fromJson", "tru"), F.printed("fromJson", "[1,]")].joined(separator: "|")
            },
            c(#"{{ fromJsonArray "[1,\"a\",{\"b\":2}]" }}|{{ fromJsonArray "{}" }}|{{ fromJsonArray "[" }}|{{ mustFromJson "\"s\"" }}|{{ fromJson "{\"s\":\"\\u00e9\\n\\ud83d\\ude00\"}" }}"#) {
                try [F.printed("fromJsonArray", "[1,\"a\",{\"b\":2}]"), F.printed("fromJsonArray", "{}"), F.printed("fromJsonArray", "["),
                    F.printed("mustFromJson", "\"s\""), F.printed("fromJson", "{\"s\":\"\\u00e9\\n\\ud83d\\ude00\"}")].joined(separator: "|")
            },
            c(#"{{ mustToJson (list (float64 "NaN")) }}"#) { try F.printed("mustToJson", [Double.nan]) },
            c(#"{{ toYaml (dict "a" (list 1 "2") "b" "x: y" "c" 1e6 "d" (dict)) }}|{{ toYaml nil }}|{{ toYaml "" }}|{{ toYaml (list) }}|{{ toYaml "a\u007fb" }}"#) {
                try [F.printed("toYaml", ["a": [1, "2"], "b": "x: y", "c": 1e6, "d": [String: Any?]()]), F.printed("toYaml", nil), F.printed("toYaml", ""),
                    F.printed("toYaml", GoValue.list([])), F.printed("toYaml", "a\u{7f}b")].joined(separator: "|")
            },
        ])
    }

    func testHelmFlowFunctionsMatchHelm() throws {
        try check([
            c(#"{{ required "need x" 0 }}|{{ required "need x" false }}|{{ lookup "v1" "Pod" "ns" "n" }}|{{ getHostByName "localhost" | quote }}"#) {
                try [F.printed("required", "need x", 0), F.printed("required", "need x", false), F.printed("lookup", "v1", "Pod", "ns", "n"), "\"\""]
                    .joined(separator: "|")
            },
            c(#"{{ required "need x" "" }}"#) { try F.printed("required", "need x", "") },
            c(#"{{ required "need y" nil }}"#) { try F.printed("required", "need y", nil) },
            c(#"{{ fail "boom" }}"#) { try F.printed("fail", "boom") },
        ])
    }

    func testRegexFunctionsMatchHelm() throws {
        let matchCases: [(String, String)] = [
            (#"^([0-9]*\.){3}[0-9]*$"#, "192.0.2.10"), (#"^([0-9]*\.){3}[0-9]*$"#, "istiod.example.com"),
            (#"^([0-9a-fA-F]*:)+[0-9a-fA-F]*$"#, "2001:db8::1"), (#"^([0-9a-fA-F]*:)+[0-9a-fA-F]*$"#, "192.0.2.10"),
            ("a$", "a\n"), ("(?m)a$", "a\nb"), ("^b", "a\nb"), ("(?m)^b", "a\nb"), ("a.c", "a\nc"), ("(?s)a.c", "a\nc"),
            (#"\d+"#, "x٣"), (#"\w"#, "é"), (#"\s"#, "\u{a0}"), ("[[:alpha:]]+", "é"), ("[[:digit:]-]", "-"), ("[a-c-]", "-"),
            ("[]a]", "]"), ("[^]a]", "b"), ("[[]", "["), ("a{", "a{"), ("a{2}", "aa"), ("a{,2}", "a{,2}"), ("x{1001}", "x"),
            ("(?i)ABC", "abc"), ("(?P<n>a)", "a"), ("(?<n>a)", "a"), (#"\1"#, "a"), ("(?=a)", "a"), ("a**", "a"), ("a*?", "a"),
            ("(a", "a"), ("a)", "a"), ("[a", "a"), (#"\Z"#, "a"), (#"\Qa.b\E"#, "a.b"), (#"\Qa.b\E"#, "axb"), ("a|", "b"),
            ("*a", "a"), (#"\pL"#, "é"), (#"\p{Greek}"#, "α"), (#"\x41"#, "A"), (#"\x{263a}"#, "☺"), ("[\\d.]+", "1.2"),
            ("a#b", "a#b"), ("a b", "a b"), ("&&", "&&"), ("[a&&b]", "&"), ("[a-]", "-"), ("(?U)a+", "aa"), ("(?x)a b", "ab"),
        ]
        var cases = matchCases.map { pattern, s in
            c("{{ regexMatch \(GoQuote.quote(pattern)) \(GoQuote.quote(s)) }}") { try F.printed("regexMatch", pattern, s) }
        }
        cases += matchCases.map { pattern, s in
            c("{{ mustRegexMatch \(GoQuote.quote(pattern)) \(GoQuote.quote(s)) }}") { try F.printed("mustRegexMatch", pattern, s) }
        }
        cases += [
            c(#"{{ regexFindAll "a*" "baaac" -1 }}|{{ regexFindAll "[0-9]+" "a1b22c333" 2 }}|{{ regexFindAll "" "abc" -1 }}|{{ regexFind "b+" "abbbc" }}|{{ regexFind "z" "abc" }}"#) {
                try [F.printed("regexFindAll", "a*", "baaac", -1), F.printed("regexFindAll", "[0-9]+", "a1b22c333", 2), F.printed("regexFindAll", "", "abc", -1),
                    F.printed("regexFind", "b+", "abbbc"), F.printed("regexFind", "z", "abc")].joined(separator: "|")
            },
            c(#"{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}|{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexReplaceAll "a*" "baaac" "X" }}|{{ regexReplaceAll "(?P<k>\\w+)=(\\w+)" "a=b c=d" "$2:${k}$$" }}|{{ regexReplaceAll "x" "xx" "$" }}"#) {
                try [F.printed("regexReplaceAll", "a(x*)b", "-ab-axxb-", "$1W"), F.printed("regexReplaceAll", "a(x*)b", "-ab-axxb-", "${1}W"),
                    F.printed("regexReplaceAll", "a*", "baaac", "X"), F.printed("regexReplaceAll", #"(?P<k>\w+)=(\w+)"#, "a=b c=d", "$2:${k}$$"),
                    F.printed("regexReplaceAll", "x", "xx", "$")].joined(separator: "|")
            },
            c(#"{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "$1" }}|{{ regexSplit "z+" "pizza" -1 }}|{{ regexSplit "z+" "pizza" 1 }}|{{ regexSplit "" "abc" -1 }}|{{ regexSplit "a" "" -1 }}|{{ regexSplit "x*" "axbc" -1 }}|{{ regexQuoteMeta "1.5+[a]" }}"#) {
                try [F.printed("regexReplaceAllLiteral", "a(x*)b", "-ab-axxb-", "$1"), F.printed("regexSplit", "z+", "pizza", -1),
                    F.printed("regexSplit", "z+", "pizza", 1), F.printed("regexSplit", "", "abc", -1), F.printed("regexSplit", "a", "", -1),
                    F.printed("regexSplit", "x*", "axbc", -1), F.printed("regexQuoteMeta", "1.5+[a]")].joined(separator: "|")
            },
            c(#"{{ regexFind "(a" "x" }}"#) { try F.printed("regexFind", "(a", "x") },
            c(#"{{ mustRegexFind "a{2,1}" "x" }}"#) { try F.printed("mustRegexFind", "a{2,1}", "x") },
        ]
        try check(cases)
    }

    func testSemverMatchesHelm() throws {
        let pairs: [(String, String)] = [
            (">=1.21-0", "v1.36.0"), ("1.x", "1.36.0-gke.1"), (">=1.21", "1.36.0-gke.1"), (">=1.21-0", "1.36.0-gke.1"), ("^1.2.3", "1.9.0"),
            ("^1.2.3", "2.0.0"), ("^0.2.3", "0.2.9"), ("^0.2.3", "0.3.0"), ("^0.0.3", "0.0.4"), ("~1.2.3", "1.2.9"), ("~1.2.3", "1.3.0"),
            ("~1", "1.9.9"), ("~1", "2.0.0"), ("1.2 - 1.4.5", "1.4.5"), ("1.2 - 1.4.5", "1.4.6"), (">1.2 <2 || =3.0.0", "3.0.0"),
            (">1.2, <2", "1.5.0"), (">1.2,<2", "2.0.0"), ("!=1.2.3", "1.2.3"), ("!=1.2.x", "1.2.4"), ("!=1.x", "2.0.0"), ("*", "1.0.0"),
            ("", "1.0.0"), (">1.x", "2.0.0"), (">1.2.x", "1.3.0"), (">1.2.x", "1.2.9"), ("<=1.2.x", "1.2.9"), ("<=1.x", "1.9.0"),
            ("<=1.x", "2.0.0"), ("=1.2.3+meta", "1.2.3"), ("1.2.3-alpha.1", "1.2.3-alpha.1"), (">1.2.3-alpha.1", "1.2.3-alpha.2"),
            (">1.2.3-alpha.10", "1.2.3-alpha.9"), (">1.2.3-alpha", "1.2.3-beta"), (">=1.2.3-0", "1.2.3-rc.1"), ("~> 1.2", "1.2.7"),
            ("=> 1.2", "1.3"), ("=< 1.2", "1.2.0"), ("v1.2.3", "1.2.3"), (">= 1.2.3, < 2.0.0 || >= 3", "3.1"), ("1.2.3", "1.2.3.4"),
            ("bad", "1.2.3"), (">=1.2", "x.y"), (">=1.2", "1.2.3-01"), ("^0.x", "0.5.0"), ("~0.0.0", "0.5.0"), (">=1.2 foo", "1.2.3"),
            ("1.2.3 || ", "1.2.3"), (">=99999999999999999999", "1.0.0"), (">=1.0.0", "99999999999999999999.0.0"),
        ]
        try check(pairs.map { constraint, version in
            c("{{ semverCompare \(GoQuote.quote(constraint)) \(GoQuote.quote(version)) }}") { try F.printed("semverCompare", constraint, version) }
        } + [
            c(#"{{ semver "v1.2.3-rc.1+b5" }}|{{ (semver "1.2").Minor }}|{{ (semver "1.2.3-x").Prerelease }}|{{ (semver "v1.2").Original }}"#) {
                guard case .object(let o)? = try? F.call("semver", "v1.2.3-rc.1+b5"), let s = o as? SemverObject,
                    case .object(let o2)? = try? F.call("semver", "1.2"), let s2 = o2 as? SemverObject,
                    case .object(let o3)? = try? F.call("semver", "1.2.3-x"), let s3 = o3 as? SemverObject,
                    case .object(let o4)? = try? F.call("semver", "v1.2"), let s4 = o4 as? SemverObject
                else { return "no object" }
                return [s.text, GoFormat.string(try s2.method("Minor")!.body([])), GoFormat.string(try s3.method("Prerelease")!.body([])),
                    GoFormat.string(try s4.method("Original")!.body([]))].joined(separator: "|")
            },
        ])
    }

    func testFromYamlMatchesHelm() throws {
        let texts = [
            "a: 1\n---\nb: 2", "- 1", "a: .inf", "1: a\ntrue: b\n1.5: c", "a: 1\na: 2", "x", "", "null", "a: 2024-01-01",
            "n: 1\non: true\nyes: 2\nm: 017\nh: 0x1F\nu: 1_000\nbig: 12345678901234567890\nf: 1e3\ns: '1'", "a: -0.0",
            "l: [1, 'a', {b: null}]\nm: {}\ne: []", "a: &x {k: v}\nb: *x\nc:\n  <<: *x\n  z: 1",
        ]
        var cases: [Case] = texts.map { t in c("{{ fromYaml \(GoQuote.quote(t)) }}") { try F.printed("fromYaml", t) } }
        let arrays: [String] = ["a: 1", "- 1\n- a: -0.0", "", "- [1, 2]\n- x"]
        for t in arrays {
            cases.append(c("{{ fromYamlArray \(GoQuote.quote(t)) }}") { try F.printed("fromYamlArray", t) })
        }
        cases.append(c(#"{{ typeOf (fromYaml "a: 1").a }}"#) { "float64" })
        try check(cases)
    }

    func testWordCaseFunctionsMatchHelm() throws {
        let inputs = [
            "FirstName HTTPServer", "http_server foo-bar", "ABCDef ghi_JKL  mno-pqr 123abc Abc123Def", "__x", "__", "_", "x", "X", "",
            "NoHTTPS", "GO_PATH", "GO PATH", "http2xx", "HTTP20xOK", "Duration2m3s", "Bld4Floor3rd", "some words", "GOLANG_IS_GREAT",
            "_complex__case_", "ÉlanVital àB", "a.b,c!d", "日本語Text", "x--y", "A1b2C3", "Ünïcödé_wörds", "1st 2nd", "a\u{FFFD}b",
        ]
        var cases: [Case] = []
        for name in ["snakecase", "kebabcase", "camelcase"] {
            for input in inputs {
                cases.append(c("{{ \(name) \(GoQuote.quote(input)) }}") { try F.printed(name, input) })
            }
        }
        try check(cases)
    }

    func testPathFunctionsMatchHelm() throws {
        let paths = ["", "/", "//", "a", "/a/b/", "a/b/../c", "../../a", "/../a", "a/./b//c/", "./", "..", "a/..", "/a/b.tar.gz", "a.b/c", ".hidden", "x/"]
        var cases: [Case] = []
        for name in ["base", "dir", "clean", "ext", "isAbs"] {
            for p in paths {
                cases.append(c("{{ \(name) \(GoQuote.quote(p)) }}") { try F.printed(name, p) })
            }
        }
        try check(cases)
    }
}
