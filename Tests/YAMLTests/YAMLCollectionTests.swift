import XCTest

@testable import YAML

/// Block and flow collections, keys, documents.
final class YAMLCollectionTests: XCTestCase {
    func testBlockMappingKeepsDocumentOrder() throws {
        let value = try YAML.parse("zeta: 1\nalpha: 2\nmid: 3\n")
        XCTAssertEqual(value.mapping?.keys, ["zeta", "alpha", "mid"])
        XCTAssertEqual(value, ["zeta": 1, "alpha": 2, "mid": 3])
    }

    func testNestedBlockCollections() throws {
        let text = """
            apiVersion: v1
            clusters:
            - cluster:
                server: https://10.0.0.1:6443
                insecure-skip-tls-verify: true
              name: east
            - name: west
              cluster: {server: "https://west:443"}
            """
        let value = try YAML.parse(text)
        XCTAssertEqual(value["clusters"]?[0]?["cluster"]?["server"], "https://10.0.0.1:6443")
        XCTAssertEqual(value["clusters"]?[0]?["cluster"]?["insecure-skip-tls-verify"], true)
        XCTAssertEqual(value["clusters"]?[1]?["cluster"]?["server"], "https://west:443")
        XCTAssertEqual(value["clusters"]?[1]?.mapping?.keys, ["name", "cluster"])
    }

    func testSequenceAtTheIndentationOfItsKey() throws {
        let value = try YAML.parse("args:\n- a\n- b\nenv:\n  - c\n")
        XCTAssertEqual(value, ["args": ["a", "b"], "env": ["c"]])
    }

    func testCompactNestedSequencesAndMappings() throws {
        XCTAssertEqual(try YAML.parse("- - a\n  - b\n- c: 1\n  d: 2\n"), [["a", "b"], ["c": 1, "d": 2]])
    }

    func testEmptyValuesAreNull() throws {
        XCTAssertEqual(try YAML.parse("a:\nb: ~\nc: null\nlist:\n-\n- x\n"),
            ["a": nil, "b": nil, "c": nil, "list": [nil, "x"]])
    }

    func testFlowCollections() throws {
        XCTAssertEqual(try YAML.parse("{a: [1, 2, {b: c}], d: {}, e: [], f: [x, ]}"),
            ["a": [1, 2, ["b": "c"]], "d": [:], "e": [], "f": ["x"]])
    }

    func testFlowSequenceSinglePairMappings() throws {
        XCTAssertEqual(try YAML.parse("[a: 1, ? b : 2, c]"), [["a": 1], ["b": 2], "c"])
    }

    func testFlowMappingEntryWithoutValue() throws {
        XCTAssertEqual(try YAML.parse("{a, b: 2}"), ["a": nil, "b": 2])
    }

    func testJSONIsYAML() throws {
        XCTAssertEqual(try YAML.parse(#"{"a":1,"b":[true,false,null],"c":"x"}"#),
            ["a": 1, "b": [true, false, nil], "c": "x"])
    }

    func testFlowCollectionsOverSeveralLines() throws {
        let text = """
            key: [
              one, two,
              three
              ]
            other: {
              a: 1 }
            """
        XCTAssertEqual(try YAML.parse(text), ["key": ["one", "two", "three"], "other": ["a": 1]])
    }

    func testClosingBracketMayReturnToTheParentsColumn() throws {
        XCTAssertEqual(try YAML.parse("key: {\n  \"a\": 1\n}\nlist: [\n  x\n]\n"), ["key": ["a": 1], "list": ["x"]])
    }

    func testExplicitAndComplexKeys() throws {
        let value = try YAML.parse("? a\n: 1\n? [x, y]\n: 2\n? |\n  block key\n: 3\n")
        let mapping = try XCTUnwrap(value.mapping)
        XCTAssertEqual(mapping["a"], 1)
        XCTAssertEqual(mapping[Value.sequence(["x", "y"])], 2)
        XCTAssertEqual(mapping["block key\n"], 3)
    }

    func testNonStringKeysStayTyped() throws {
        let mapping = try XCTUnwrap(YAML.parse("1: one\ntrue: yes\n~: nothing\n").mapping)
        XCTAssertEqual(mapping[Value.int(1)], "one")
        XCTAssertEqual(mapping[Value.bool(true)], "yes")
        XCTAssertEqual(mapping[Value.null], "nothing")
    }

    func testComments() throws {
        let text = """
            # leading comment
            a: 1 # trailing
            # between
            b: "x # not a comment" # comment
            c: d#not-a-comment
            """
        XCTAssertEqual(try YAML.parse(text), ["a": 1, "b": "x # not a comment", "c": "d#not-a-comment"])
    }

    func testMultiDocumentStream() throws {
        let text = """
            %YAML 1.2
            ---
            a: 1
            ...
            ---
            - b
            --- plain
            ---
            ...
            """
        XCTAssertEqual(try YAML.parseAll(text), [["a": 1], ["b"], "plain", nil])
    }

    func testBareDocumentsAfterDocumentEnd() throws {
        XCTAssertEqual(try YAML.parseAll("a\n...\nb\n"), ["a", "b"])
    }

    func testEmptyStream() throws {
        XCTAssertEqual(try YAML.parseAll(""), [])
        XCTAssertEqual(try YAML.parseAll("# only a comment\n"), [])
        XCTAssertEqual(try YAML.parse(""), .null)
        XCTAssertEqual(try YAML.parse("\n# nothing\n"), .null)
    }

    func testParseRejectsASecondDocument() {
        XCTAssertThrowsError(try YAML.parse("a: 1\n---\nb: 2\n")) { error in
            let error = error as? YAMLError
            XCTAssertEqual(error?.line, 2)
            XCTAssertEqual(error?.column, 1)
            XCTAssertEqual(error?.message, "expected a single document, but another one starts here")
        }
    }

    func testTabsAsSeparationAreAllowed() throws {
        XCTAssertEqual(try YAML.parse("a:\tb\t# comment\nc:\t[1,\t2]\n"), ["a": "b", "c": [1, 2]])
        XCTAssertEqual(try YAML.parse("-\tx\n- y\n"), ["x", "y"])
        XCTAssertEqual(try YAML.parse("a: |\n  \tindented with a tab\n"), ["a": "\tindented with a tab\n"])
        XCTAssertEqual(try YAML.parse("a:\n  \tb\n"), ["a": "b"])
        XCTAssertEqual(try YAML.parse("a: 1\n\t\nb: 2\n"), ["a": 1, "b": 2])
    }

    func testDocumentEndMarkerWithComment() throws {
        XCTAssertEqual(try YAML.parseAll("a\n... # done\n\u{FEFF}--- b\n"), ["a", "b"])
    }

    func testTagDirectivesApplyToTheirDocumentOnly() throws {
        let text = "%TAG ! tag:example.com,2000:app/\n--- !foo x\n...\n--- !foo y\n"
        XCTAssertEqual(try YAML.parseAll(text), [.tagged("tag:example.com,2000:app/foo", "x"), .tagged("!foo", "y")])
        XCTAssertEqual(try YAML.parse("%TAG !! tag:example.com,2000:\n--- !!int 1\n"), .tagged("tag:example.com,2000:int", "1"))
    }

    func testReservedDirectivesAreIgnored() throws {
        XCTAssertEqual(try YAML.parse("%FOO bar baz # comment\n--- x\n"), "x")
    }

    func testByteOrderMarkIsSkipped() throws {
        XCTAssertEqual(try YAML.parse([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8)), ["a": 1])
        XCTAssertEqual(try YAML.parse("\u{FEFF}a: 1\n"), ["a": 1])
    }

    func testUTF16Input() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a: é\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        XCTAssertEqual(try YAML.parse(bytes), ["a": "é"])
    }

    func testCRLFLineBreaks() throws {
        XCTAssertEqual(try YAML.parse("a: 1\r\nb:\r\n- x\r\nc: |\r\n  l1\r\n  l2\r\n"), ["a": 1, "b": ["x"], "c": "l1\nl2\n"])
    }

    func testDuplicateKeysRejectedByDefault() {
        XCTAssertThrowsError(try YAML.parse("name: a\nother: 1\nname: b\n")) { error in
            XCTAssertEqual(error as? YAMLError, YAMLError(message: "duplicate key \"name\" in this mapping", line: 3, column: 1))
        }
        XCTAssertThrowsError(try YAML.parse("{a: 1, a: 2}")) { error in
            XCTAssertEqual((error as? YAMLError)?.column, 8)
        }
    }

    func testDuplicateKeysLastWins() throws {
        let value = try YAML.parse("a: 1\nb: 2\na: 3\n", options: YAML.Options(duplicateKeys: .lastWins))
        XCTAssertEqual(value.mapping?.keys, ["a", "b"])
        XCTAssertEqual(value["a"], 3)
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        XCTAssertThrowsError(try YAML.parse(text)) { error in
            XCTAssertEqual((error as? YAMLError)?.message, "collections are nested more than 256 levels deep")
        }
        XCTAssertNoThrow(try YAML.parse(text, options: YAML.Options(maxDepth: 400)))
    }
}
