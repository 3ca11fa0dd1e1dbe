import XCTest

@testable import YAML

/// Scalar styles: plain, quoted with escapes and folding, literal and folded blocks.
final class YAMLScalarTests: XCTestCase {
    private func value(_ text: String) throws -> Value? {
        try YAML.parse("v: " + text)["v"]
    }

    func testPlainScalars() throws {
        XCTAssertEqual(try value("hello world"), "hello world")
        XCTAssertEqual(try value("https://example.com:8443/path?q=1"), "https://example.com:8443/path?q=1")
        XCTAssertEqual(try value("a:b  c"), "a:b  c")
        XCTAssertEqual(try value("-x"), "-x")
        XCTAssertEqual(try value("trailing spaces   "), "trailing spaces")
    }

    func testMultiLinePlainScalarFolds() throws {
        XCTAssertEqual(try YAML.parse("k: one\n  two\n\n  three\n"), ["k": "one two\nthree"])
        XCTAssertEqual(try YAML.parse("- a\n  b\n"), ["a b"])
    }

    func testPlainScalarsInFlowStopAtIndicators() throws {
        XCTAssertEqual(try YAML.parse("[a:b, c d, e]"), ["a:b", "c d", "e"])
    }

    func testSingleQuoted() throws {
        XCTAssertEqual(try value("'it''s # here'"), "it's # here")
        XCTAssertEqual(try value("'  spaced  '"), "  spaced  ")
        XCTAssertEqual(try YAML.parse("k: 'one\n  two\n\n  three '"), ["k": "one two\nthree "])
        XCTAssertEqual(try value("'no \\escapes'"), "no \\escapes")
    }

    func testDoubleQuotedEscapes() throws {
        XCTAssertEqual(try value(#""\0\a\b\t\"# + "\t" + #"\n\v\f\r\e\ \"\/\\""#),
            "\u{0}\u{7}\u{8}\t\t\n\u{B}\u{C}\r\u{1B} \"/\\")
        XCTAssertEqual(try value(#""\x41\u00e9\U0001F600""#), "Aé😀")
        XCTAssertEqual(try value(#""\N\_\L\P""#), "\u{85}\u{A0}\u{2028}\u{2029}")
    }

    func testDoubleQuotedFolding() throws {
        XCTAssertEqual(try YAML.parse("k: \"one   \n  two\n\n  three\""), ["k": "one two\nthree"])
        XCTAssertEqual(try YAML.parse("k: \"joined\\\n  together\""), ["k": "joinedtogether"])
        XCTAssertEqual(try YAML.parse("k: \"keep\\ \n  space\""), ["k": "keep  space"])
    }

    func testQuotedScalarsAreNeverResolved() throws {
        XCTAssertEqual(try value("'true'"), "true")
        XCTAssertEqual(try value("\"1\""), "1")
        XCTAssertEqual(try value("''"), "")
        XCTAssertEqual(try value("\"null\""), "null")
    }

    func testLiteralBlockScalar() throws {
        let text = """
            script: |
              line one
                indented
              
              after blank
            next: x
            """
        XCTAssertEqual(try YAML.parse(text), ["script": "line one\n  indented\n\nafter blank\n", "next": "x"])
    }

    func testFoldedBlockScalar() throws {
        let text = "f: >\n  one\n  two\n\n  three\n    more\n  four\n"
        XCTAssertEqual(try YAML.parse(text), ["f": "one two\nthree\n  more\nfour\n"])
    }

    func testChompingIndicators() throws {
        let body = "\n  text\n\n\nnext: 1\n"
        XCTAssertEqual(try YAML.parse("a: |" + body)["a"], "text\n")
        XCTAssertEqual(try YAML.parse("a: |-" + body)["a"], "text")
        XCTAssertEqual(try YAML.parse("a: |+" + body)["a"], "text\n\n\n")
        XCTAssertEqual(try YAML.parse("a: >-" + body)["a"], "text")
    }

    func testIndentationIndicator() throws {
        XCTAssertEqual(try YAML.parse("a: |2\n    leading spaces\n  kept\n")["a"], "  leading spaces\nkept\n")
        XCTAssertEqual(try YAML.parse("a: >1-\n  x\n")["a"], " x")
        XCTAssertEqual(try YAML.parse("- |+1 # comment\n  y\n")[0], " y\n")
    }

    func testBlockScalarAtTopLevel() throws {
        XCTAssertEqual(try YAML.parse("--- |\nno indent\n  more\n"), "no indent\n  more\n")
    }

    func testIndentationIndicatorAtTopLevelCountsFromColumnZero() throws {
        // As go-yaml writes it: `|2-` at the top level means content at column 2.
        XCTAssertEqual(try YAML.parse("|2-\n   lead\n  x\n"), " lead\nx")
    }

    func testBlockScalarWithoutFinalLineBreak() throws {
        XCTAssertEqual(try YAML.parse("a: |-\n  x"), ["a": "x"])
    }

    func testEmptyBlockScalars() throws {
        XCTAssertEqual(try YAML.parse("a: |\nb: >\n"), ["a": "", "b": ""])
    }

    func testUnicodeContent() throws {
        XCTAssertEqual(try YAML.parse("名前: 値 ✓\n"), ["名前": "値 ✓"])
    }
}
