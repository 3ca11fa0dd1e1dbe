import XCTest

@testable import YAML

/// Anchors, aliases and merge keys.
final class YAMLAnchorTests: XCTestCase {
    func testAliasRepeatsTheAnchoredNode() throws {
        let value = try YAML.parse("base: &b {x: 1, y: [2]}\ncopy: *b\nlist: [&s scalar, *s]\n")
        XCTAssertEqual(value["copy"], ["x": 1, "y": [2]])
        XCTAssertEqual(value["list"], ["scalar", "scalar"])
    }

    func testAnchorOnABlockCollectionOnTheNextLine() throws {
        let value = try YAML.parse("a: &list\n- 1\n- 2\nb: *list\nc: &map\n  k: v\nd: *map\n")
        XCTAssertEqual(value["b"], [1, 2])
        XCTAssertEqual(value["d"], ["k": "v"])
    }

    func testRedefinedAnchorAppliesFromThere() throws {
        XCTAssertEqual(try YAML.parse("[&a 1, *a, &a 2, *a]"), [1, 1, 2, 2])
    }

    func testAnchorOnAnEmptyNode() throws {
        XCTAssertEqual(try YAML.parse("a: &e\nb: *e\n"), ["a": nil, "b": nil])
    }

    func testMergeKeyWithOneMapping() throws {
        let text = """
            defaults: &defaults
              adapter: postgres
              host: localhost
            dev:
              <<: *defaults
              host: dev.example
              extra: 1
            """
        let dev = try XCTUnwrap(YAML.parse(text)["dev"])
        XCTAssertEqual(dev, ["adapter": "postgres", "host": "dev.example", "extra": 1])
        XCTAssertEqual(dev.mapping?.keys, ["adapter", "host", "extra"])
    }

    func testMergeKeyExplicitKeysWinWhereverTheyAre() throws {
        let value = try YAML.parse("b: &x {a: 2, c: 3}\nm:\n  a: 1\n  <<: *x\n")
        XCTAssertEqual(value["m"], ["a": 1, "c": 3])
    }

    func testMergeKeyWithASequenceOfMappings() throws {
        let value = try YAML.parse("x: &x {a: 1}\ny: &y {a: 2, b: 2}\nm:\n  <<: [*x, *y]\n")
        XCTAssertEqual(value["m"], ["a": 1, "b": 2])
    }

    func testMergeKeyInFlowMapping() throws {
        XCTAssertEqual(try YAML.parse("- &a {k: 1}\n- {<<: *a, j: 2}\n")[1], ["k": 1, "j": 2])
    }

    func testExplicitlyTaggedMergeKey() throws {
        XCTAssertEqual(try YAML.parse("a: &a {x: 1}\nb:\n  !!merge <<: *a\n  y: 2\n")["b"], ["x": 1, "y": 2])
    }

    func testQuotedMergeKeyIsAnOrdinaryKey() throws {
        XCTAssertEqual(try YAML.parse("'<<': {a: 1}\n"), ["<<": ["a": 1]])
    }

    func testMergeInGoYAMLv2OrderUnderHelmOptions() throws {
        // go-yaml v2 (checked with Helm): a merge overrides keys before it, and a later
        // `<<` overrides an earlier one.
        let value = try YAML.parse("b: &x {a: 2, c: 3}\nm:\n  a: 1\n  <<: *x\n", options: .helm)
        XCTAssertEqual(value["m"], ["a": 2, "c": 3])
        let twice = try YAML.parse("m:\n  <<: {a: 1}\n  <<: {a: 2, b: 3}\n", options: .helm)
        XCTAssertEqual(twice["m"], ["a": 2, "b": 3])
        let list = try YAML.parse("x: &x {a: 1}\ny: &y {a: 2, b: 2}\nm:\n  <<: [*x, *y]\n", options: .helm)
        XCTAssertEqual(list["m"], ["a": 1, "b": 2])
    }

    func testMergeOfANonMappingIsAnError() {
        XCTAssertThrowsError(try YAML.parse("a: &s x\nb:\n  <<: *s\n")) { error in
            XCTAssertEqual(error as? YAMLError, YAMLError(
                message: "a merge key '<<' takes a mapping or a sequence of mappings, not a string", line: 3, column: 5))
        }
        XCTAssertThrowsError(try YAML.parse("b:\n  <<: [{a: 1}, 2]\n")) { error in
            XCTAssertEqual((error as? YAMLError)?.line, 2)
        }
    }

    func testAliasBombIsRefused() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...6 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        XCTAssertThrowsError(try YAML.parse(text)) { error in
            XCTAssertEqual(error as? YAMLError, YAMLError(
                message: "with its aliases expanded this document has more than 10000000 nodes (raise YAML.Options.maxNodes if that is intended)",
                line: 7, column: 45))
        }
        XCTAssertNoThrow(try YAML.parse(text, options: YAML.Options(maxNodes: 20_000_000)))
    }

    func testUnknownAlias() {
        XCTAssertThrowsError(try YAML.parse("a: 1\nb: *missing\n")) { error in
            XCTAssertEqual(error as? YAMLError, YAMLError(
                message: "unknown alias *missing: no anchor &missing before it in this document", line: 2, column: 4))
        }
    }

    func testAliasInsideItsOwnAnchor() {
        XCTAssertThrowsError(try YAML.parse("&a [1, *a]")) { error in
            XCTAssertEqual(error as? YAMLError, YAMLError(
                message: "the alias *a refers to a node that contains it", line: 1, column: 8))
        }
    }

    func testAnchorsDoNotCrossDocuments() {
        XCTAssertThrowsError(try YAML.parseAll("a: &x 1\n---\nb: *x\n")) { error in
            XCTAssertEqual((error as? YAMLError)?.line, 3)
        }
    }

    func testOnlyOneAnchorAndOneTag() {
        XCTAssertThrowsError(try YAML.parse("&a &b x")) { error in
            XCTAssertEqual(error as? YAMLError, YAMLError(message: "a node can have only one anchor", line: 1, column: 4))
        }
        XCTAssertThrowsError(try YAML.parse("a: &x *y")) { error in
            XCTAssertEqual(error as? YAMLError, YAMLError(message: "an alias cannot have an anchor or a tag", line: 1, column: 7))
        }
        XCTAssertThrowsError(try YAML.parse("!!str !!int x")) { error in
            XCTAssertEqual(error as? YAMLError, YAMLError(message: "a node can have only one tag", line: 1, column: 7))
        }
    }
}
