import XCTest

@testable import YAML

/// Expected texts below were produced by go-yaml v2 through Helm's `toYaml`
/// (HELM-NOTES §4, checked with the oracle); `emit` ends with the newline
/// that `toYaml` trims.
final class EmitterTests: XCTestCase {
    private func yaml(_ v: Value, _ options: YAMLEmitter.Options = .init()) -> String {
        YAMLEmitter.emit(v, options: options)
    }

    func testQuotingFollowsTheYAML11ResolveTable() {
        let v: Value = ["b": "true", "a": "*", "c": [1, "2"], "d": [:], "e": "x: y", "f": "", "h": "12:30"]
        XCTAssertEqual(yaml(v), "a: '*'\nb: \"true\"\nc:\n- 1\n- \"2\"\nd: {}\ne: 'x: y'\nf: \"\"\nh: \"12:30\"\n")
    }

    func testDoubleQuotedWordsAndNumbers() {
        for word in [
            "true", "True", "yes", "y", "Y", "on", "ON", "off", "n", "No", "null", "Null", "~", "", "1", "1.5", "1e3",
            "0x1F", "017", "+1", ".5", "1.", "-1", "0", "1_000", "0b101", "0o17", ".inf", "-.Inf", ".NaN",
            "2024-01-01", "2024-1-2", "2001-12-14t21:59:43.10Z", "2001-12-14 21:59:43.10", "1:20", "-1:20:30.5",
            "08", "0b-101", ".5e3", "1E3", "+.5", "1__", "99999999999999999999", ".5_5", "0_7", "1_",
            "2024-01-01 1:2:3,5", "2024-01-01T10:00:00+24:00",
        ] {
            XCTAssertEqual(yaml(.string(word)), "\"\(word)\"\n", "word \(word)")
        }
    }

    func testPlainWhenReadingBackGivesTheSameString() {
        for word in [
            "nULL", "a:b", "a#b", "a,b", "?x", ":x", "=x", "x=y", "<x>", "a&b", "é", "café", "a'b", "yess", "0x",
            "1:60", "2024-13-01", "2023-02-29", "1e", "abc def", "-x", "--x", "<<", "1.2.3", "0xZZ", "_1", "._5",
            "2024-01-01T10:00:00", "2024-01-01T10:00:00+25:00",
        ] {
            XCTAssertEqual(yaml(.string(word)), "\(word)\n", "word \(word)")
        }
    }

    func testSingleQuotedWhenPlainIsForbidden() {
        let cases: [(String, String)] = [
            ("*x", "'*x'"), ("-", "'-'"), ("- a", "'- a'"), ("a: b", "'a: b'"), ("a #b", "'a #b'"), ("#a", "'#a'"),
            (" lead", "' lead'"), ("trail ", "'trail '"), ("@x", "'@x'"), ("[a]", "'[a]'"), ("|x", "'|x'"),
            ("'q'", "'''q'''"), ("\"dq\"", "'\"dq\"'"), ("---x", "'---x'"), ("...", "'...'"), ("x:", "'x:'"),
            ("*", "'*'"), ("!self.contains(\"*\")", "'!self.contains(\"*\")'"),
        ]
        for (s, expected) in cases {
            XCTAssertEqual(yaml(.string(s)), expected + "\n", "string \(s)")
        }
    }

    func testDoubleQuotedEscapes() {
        let cases: [(String, String)] = [
            ("a\tb", "\"a\\tb\""), ("emoji \u{1F600}", "\"emoji \\U0001F600\""), ("a\rb", "\"a\\rb\""),
            ("nel\u{85}x", "\"nel\\Nx\""), ("c\u{1}", "\"c\\x01\""), ("del\u{7F}", "\"del\\x7F\""),
            ("bom\u{FEFF}", "\"bom\\uFEFF\""), ("\u{FEFF}ab", "\"\\uFEFF\\x61\\x62\""),
        ]
        for (s, expected) in cases {
            XCTAssertEqual(yaml(.string(s)), expected + "\n", "string \(s.debugDescription)")
        }
        // Trailing spaces before a newline, and a space before a break, forbid literal and single quotes.
        XCTAssertEqual(yaml(["k": "a\nb  "]), "k: \"a\\nb  \"\n")
        XCTAssertEqual(yaml(["k": "trailing space \nx"]), "k: \"trailing space \\nx\"\n")
        XCTAssertEqual(yaml(["k": "  \n"]), "k: \"  \\n\"\n")
    }

    func testLiteralBlocksWithIndicators() {
        XCTAssertEqual(yaml(["ml": "line1\nline2\n"]), "ml: |\n  line1\n  line2\n")
        XCTAssertEqual(yaml(["ml": "line1\nline2"]), "ml: |-\n  line1\n  line2\n")
        XCTAssertEqual(yaml(["ml": "line1\n\nline2\n\n"]), "ml: |+\n  line1\n\n  line2\n\n")
        XCTAssertEqual(yaml(["ml": "  indented\nx\n"]), "ml: |2\n    indented\n  x\n")
        XCTAssertEqual(yaml(["ml": "\nlead"]), "ml: |2-\n\n  lead\n")
        XCTAssertEqual(yaml(["ml": "x\n y\n"]), "ml: |\n  x\n   y\n")
        XCTAssertEqual(yaml(["ml": "\n"]), "ml: |2+\n\n")
        XCTAssertEqual(yaml(["l": ["a\nb"]]), "l:\n- |-\n  a\n  b\n")
        XCTAssertEqual(yaml(.string("a\nb")), "|-\n  a\n  b\n")
        let c: Value = ["script": "a\nb\n", "num": 1, "t": "x\n\ny"]
        XCTAssertEqual(yaml(c), "num: 1\nscript: |\n  a\n  b\nt: |-\n  x\n\n  y\n")
    }

    func testFoldingAt80Columns() {
        let desc = "The quick brown fox jumps over the lazy dog and keeps running far beyond the eightieth column"
        XCTAssertEqual(
            yaml(["desc": .string(desc)]),
            "desc: The quick brown fox jumps over the lazy dog and keeps running far beyond the\n  eightieth column\n")
        let long = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq"
        XCTAssertEqual(
            yaml(["a": ["b": ["c": .string(long)]]]),
            "a:\n  b:\n    c: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo\n      pppp qqqq\n")
        // Double-quoted folding keeps a following space with a backslash.
        let tabbed = "\tThe quick brown fox jumps over the lazy dog and keeps running far beyond the  eightieth column"
        XCTAssertEqual(
            yaml(["k": .string(tabbed)]),
            "k: \"\\tThe quick brown fox jumps over the lazy dog and keeps running far beyond the\n  \\ eightieth column\"\n")
        // A run of spaces never breaks in plain style; a word longer than the line is never split.
        let word = String(repeating: "x", count: 100)
        XCTAssertEqual(yaml(["k": .string(word + " y")]), "k: \(word)\n  y\n")
        XCTAssertEqual(yaml(["k": .string(word + "  y")]), "k: \(word)  y\n")
        // Single-quoted folding.
        let sq = "- The quick brown fox jumps over the lazy dog and keeps running far beyond the eightieth"
        XCTAssertEqual(
            yaml(["k": .string(sq)]),
            "k: '- The quick brown fox jumps over the lazy dog and keeps running far beyond the\n  eightieth'\n")
    }

    func testLayoutOfNestedCollections() {
        let v: Value = ["a": [["c": "d", "e": ["x"]], [[1, 2]], [:], []], "m": ["k": "v"]]
        XCTAssertEqual(yaml(v), "a:\n- c: d\n  e:\n  - x\n- - - 1\n    - 2\n- {}\n- []\nm:\n  k: v\n")
        XCTAssertEqual(yaml([:]), "{}\n")
        XCTAssertEqual(yaml([]), "[]\n")
        XCTAssertEqual(yaml(nil), "null\n")
        XCTAssertEqual(yaml([[1, 2], [3]]), "- - 1\n  - 2\n- - 3\n")
    }

    func testKeysAreQuotedLikeValuesAndLongKeysUseQuestionMark() {
        let v: Value = ["": 5, "on": 1, "null": 6, "a: b": 3, "-x": 4, "a b": 2]
        XCTAssertEqual(yaml(v), "\"\": 5\n-x: 4\na b: 2\n'a: b': 3\n\"null\": 6\n\"on\": 1\n")
        let long = String(repeating: "k", count: 129)
        XCTAssertEqual(yaml(.mapping(Mapping([(.string(long), 1)]))), "? \(long)\n: 1\n")
        let exact = String(repeating: "k", count: 128)
        XCTAssertEqual(yaml(.mapping(Mapping([(.string(exact), 1)]))), "\(exact): 1\n")
        // A multi-line key is a complex key written as a literal block.
        XCTAssertEqual(yaml(["a\nb": ["x": 1]]), "? |-\n  a\n  b\n: x: 1\n")
    }

    func testNaturalKeyOrder() {
        let v: Value = ["a10": 1, "a9": 2, "B": 3, "_x": 4]
        XCTAssertEqual(yaml(v), "_x: 4\nB: 3\na9: 2\na10: 1\n")
        let keys = ["a10", "a9", "b", "B", "_x", "1", "10", "2", "a", "a-b", "a.b", "aa", "Z", "a1", "a01"]
        var m = Mapping()
        for k in keys { m[k] = 0 }
        let out = yaml(.mapping(m)).split(separator: "\n").map { String($0.split(separator: ":")[0]) }
        XCTAssertEqual(out, ["_x", "\"1\"", "\"2\"", "\"10\"", "B", "Z", "a", "a-b", "a.b", "a1", "a01", "a9", "a10", "aa", "b"])
        var m2 = Mapping()
        for k in ["x101", "x19", "x20", "x3"] { m2[k] = 0 }
        XCTAssertEqual(yaml(.mapping(m2)), "x3: 0\nx19: 0\nx20: 0\nx101: 0\n")
    }

    func testDocumentOrderWhenSortingIsOff() {
        var m = Mapping()
        for k in ["zeta", "alpha", "mid"] { m[k] = 1 }
        XCTAssertEqual(yaml(.mapping(m), .init(sortKeys: .none)), "zeta: 1\nalpha: 1\nmid: 1\n")
    }

    func testNumbers() {
        let v: Value = [
            "a": 1.5, "b": 0.0001, "c": 0.00001, "d": 1e-7, "e": -1.5e-10, "f": 123456789.5, "g": 1000000.5,
            "h": 1e20, "i": 1e21, "j": 1000000.0, "k": -0.0, "l": 12345678901234567168.0, "m": .float(.infinity),
        ]
        XCTAssertEqual(
            yaml(v),
            "a: 1.5\nb: 0.0001\nc: 1e-05\nd: 1e-07\ne: -1.5e-10\nf: 1.234567895e+08\ng: 1.0000005e+06\n"
                + "h: 1e+20\ni: 1e+21\nj: 1000000\nk: 0\nl: 12345678901234567000\nm: .inf\n")
        XCTAssertEqual(yaml(["j": 1000000.0, "x": 3.0], .init(numbers: .goYAML)), "j: 1e+06\nx: 3\n")
        XCTAssertEqual(yaml(["i": .int(-9223372036854775808), "t": true, "n": nil]), "i: -9223372036854775808\n\"n\": null\nt: true\n")
    }

    func testMultiDocumentStream() {
        XCTAssertEqual(YAMLEmitter.emitStream([["a": 1], ["b": [1]], "x"]), "a: 1\n---\nb:\n- 1\n--- x\n")
    }

    func testTagsArePrinted() {
        XCTAssertEqual(yaml(["k": .tagged("!foo", "bar")]), "k: !foo bar\n")
        XCTAssertEqual(yaml(["k": .tagged("tag:yaml.org,2002:set", ["a": nil])]), "k: !!set\n  a: null\n")
        XCTAssertEqual(yaml(["k": .tagged("!e", [])]), "k: !e []\n")
    }

    func testUnicodeLineAndParagraphSeparatorsInSingleQuotes() {
        // go-yaml writes U+2028 raw inside single quotes and indents the next line.
        XCTAssertEqual(yaml(["x": "a\u{2028}b"]), "x: 'a\u{2028}  b'\n")
    }

    func testGoYAMLv3LayoutForToYamlPretty() {
        let v: Value = [
            "a": [1, ["b": [2], "t": "x\ty\n"]], "g": 1000000.0, "k": [[1, 2], []],
            "long": "The quick brown fox jumps over the lazy dog and keeps running far beyond the eightieth column",
        ]
        XCTAssertEqual(
            yaml(v, .goYAMLv3),
            "a:\n  - 1\n  - b:\n      - 2\n    t: |\n      x\ty\ng: 1e+06\nk:\n  - - 1\n    - 2\n  - []\n"
                + "long: The quick brown fox jumps over the lazy dog and keeps running far beyond the eightieth column\n")
        // After a shared digit, v3 puts letters first; v2 puts other characters first.
        XCTAssertEqual(yaml(["1_0": 1, "1e": 2], .goYAMLv3), "1e: 2\n\"1_0\": 1\n")
        XCTAssertEqual(yaml(["1_0": 1, "1e": 2]), "\"1_0\": 1\n1e: 2\n")
    }
}
