import XCTest

@testable import Helm

/// values.schema.json handling without the oracle: the expected texts are
/// Helm v4's (checked once against it; SchemaOracleTests keeps checking).
final class SchemaValidatorTests: XCTestCase {
    private func failures(_ schema: String, _ valuesJSON: String) throws -> String? {
        guard case .map(let values) = try GoJSONDecoder.decode(valuesJSON) else {
            XCTFail("values must be an object")
            return nil
        }
        return ValuesSchema.validate(values, schemaText: schema)
    }

    func testValidValuesPass() throws {
        XCTAssertNil(try failures(#"{"properties": {"a": {"type": "integer", "minimum": 0}}}"#, #"{"a": 3}"#))
        XCTAssertNil(try failures("true", #"{"a": 1}"#))
        XCTAssertNil(try failures(#"{"properties": {"a": {"multipleOf": 0.01}}}"#, #"{"a": 0.3}"#))
        XCTAssertNil(try failures(#"{"properties": {"a": {"$ref": "urn:example:anything"}}}"#, #"{"a": 1}"#))
    }

    func testEachFailureIsOneLineAtItsLocation() throws {
        XCTAssertEqual(
            try failures(#"{"properties": {"a": {"type": "integer"}, "b": {"type": "string"}}}"#, #"{"a": 1.5, "b": 2}"#),
            "- at '/a': got number, want integer\n- at '/b': got number, want string\n")
        XCTAssertEqual(
            try failures(#"{"properties": {"a b/c~d": {"type": ["string", "null", "array"]}}}"#, #"{"a b/c~d": 1}"#),
            "- at '/a b~1c~0d': got number, want null or string or array\n")
        XCTAssertEqual(try failures("false", "{}"), "- at '': false schema\n")
    }

    func testNestedFailuresAreIndentedAndSingleReferencesSkipped() throws {
        XCTAssertEqual(
            try failures(#"{"properties": {"a": {"allOf": [{"type": "string"}, {"minimum": 3}]}}}"#, #"{"a": 1}"#),
            "- at '/a': 'allOf' failed\n  - at '/a': got number, want string\n  - at '/a': minimum: got 1, want 3\n")
        XCTAssertEqual(
            try failures(##"{"properties": {"a": {"$ref": "#/$defs/s"}}, "$defs": {"s": {"type": "string"}}}"##, #"{"a": 1}"#),
            "- at '/a': got number, want string\n")
        XCTAssertEqual(
            try failures(##"{"properties": {"a": {"$ref": "#/$defs/s"}}, "$defs": {"s": {"minLength": 3, "pattern": "^x"}}}"##, #"{"a": "ab"}"#),
            "- at '/a': validation failed\n  - at '/a': minLength: got 2, want 3\n  - at '/a': 'ab' does not match pattern '^x'\n")
        XCTAssertEqual(
            try failures(#"{"properties": {"a": {"oneOf": [{"type": "number"}, {"type": "integer"}]}}}"#, #"{"a": 1}"#),
            "- at '/a': 'oneOf' failed, subschemas 0, 1 matched\n")
        XCTAssertEqual(
            try failures(#"{"propertyNames": {"pattern": "^[a-z]+$"}}"#, #"{"X": 1}"#),
            "- at '': invalid propertyName 'X'\n  - at '': 'X' does not match pattern '^[a-z]+$'\n")
    }

    func testMessagesQuoteAndNumbersReadLikeHelm() throws {
        XCTAssertEqual(try failures(#"{"properties": {"a": {"enum": [1, "x", null, true]}}}"#, #"{"a": 2}"#), "- at '/a': value must be one of 1, 'x', <nil>, true\n")
        XCTAssertEqual(try failures(#"{"properties": {"a": {"const": 1.50}}}"#, #"{"a": 2}"#), "- at '/a': value must be 1.50\n")
        XCTAssertEqual(try failures(#"{"properties": {"a": {"const": "it's"}}}"#, #"{"a": 2}"#), "- at '/a': value must be 'it\\'s'\n")
        XCTAssertEqual(try failures(#"{"properties": {"a": {"enum": [[1]]}}}"#, #"{"a": 2}"#), "- at '/a': 'enum' failed\n")
        XCTAssertEqual(try failures(#"{"properties": {"a": {"minLength": 1000}}}"#, #"{"a": "x"}"#), "- at '/a': minLength: got 1, want 1,000\n")
        XCTAssertEqual(try failures(#"{"properties": {"a": {"maximum": 10}}}"#, #"{"a": 12345.678}"#), "- at '/a': maximum: got 12,345.678, want 10\n")
        XCTAssertEqual(try failures(#"{"properties": {"a": {"maximum": 1}}}"#, #"{"a": 1234567.5}"#), "- at '/a': maximum: got 1.2345675×10⁰⁶, want 1\n")
        XCTAssertEqual(try failures(#"{"properties": {"a": {"minimum": 0}}}"#, #"{"a": -0.00001}"#), "- at '/a': minimum: got -1×10⁻⁰⁵, want 0\n")
        XCTAssertEqual(try failures(#"{"additionalProperties": false}"#, #"{"b": 1, "a": 2}"#), "- at '': additional properties 'a', 'b' not allowed\n")
    }

    func testNumbersCompareExactly() {
        let tenth = SchemaNumber(0.1)
        XCTAssertEqual(tenth, SchemaNumber(literal: "0.1"))
        XCTAssertEqual(SchemaNumber(literal: "1e3"), SchemaNumber(literal: "1000.0"))
        XCTAssertLessThan(try XCTUnwrap(SchemaNumber(literal: "-2")), try XCTUnwrap(SchemaNumber(literal: "-1.5")))
        XCTAssertTrue(SchemaNumber(0.3).isMultiple(of: SchemaNumber(0.01)))
        XCTAssertFalse(SchemaNumber(0.35).isMultiple(of: SchemaNumber(0.1)))
        XCTAssertFalse(SchemaNumber(1e20).isMultiple(of: SchemaNumber(3)))
        XCTAssertTrue(SchemaNumber(1e21).isInteger)
        XCTAssertNil(SchemaNumber(literal: "x"))
        XCTAssertEqual(LocalizedNumber.float(1e21), "1×10²¹")
        XCTAssertEqual(LocalizedNumber.float(0.0001), "0.0001")
        XCTAssertEqual(LocalizedNumber.float(999999), "999,999")
        XCTAssertEqual(LocalizedNumber.integer(-1234), "-1,234")
    }

    func testReferencesResolveAgainstIDs() throws {
        XCTAssertEqual(SchemaURL.resolve("item.json", against: "http://example.com/dir/root.json"), "http://example.com/dir/item.json")
        XCTAssertEqual(SchemaURL.resolve("../x#frag", against: "http://example.com/a/b/c"), "http://example.com/a/x")
        XCTAssertEqual(SchemaURL.resolve("/abs", against: "file:///values.schema.json"), "file:///abs")
        XCTAssertEqual(
            try failures(#"{"$id": "http://example.com/root.json", "properties": {"a": {"$ref": "item.json"}}, "$defs": {"f": {"$id": "item.json", "type": "string"}}}"#, #"{"a": 1}"#),
            "- at '/a': got number, want string\n")
        XCTAssertEqual(
            try failures(##"{"$schema": "http://json-schema.org/draft-04/schema#", "properties": {"a": {"$ref": "#xx"}}, "definitions": {"x": {"id": "#xx", "type": "string"}}}"##, #"{"a": 1}"#),
            "- at '/a': got number, want string\n")
    }

    func testUnusableSchemasSayWhy() throws {
        XCTAssertEqual(try failures("", "{}"), "EOF")
        XCTAssertEqual(try failures(#"{"properties": "#, "{}"), "unexpected EOF")
        XCTAssertEqual(try failures("{} x", "{}"), "invalid character after top-level value")
        XCTAssertEqual(try failures(#"{"a": tru}"#, "{}"), "invalid character '}' in literal true (expecting 'e')")
        XCTAssertEqual(
            try failures(##"{"properties": {"a": {"$ref": "#/nope"}}}"##, "{}"), #"json-pointer in "file:///values.schema.json#/nope" not found"#)
        XCTAssertEqual(
            try failures(#"{"properties": {"a": {"minLength": -1}}}"#, "{}"),
            #""file:///values.schema.json#" is not valid against metaschema: jsonschema validation failed with 'https://json-schema.org/draft/2020-12/schema#'"#
                + "\n- at '': 'allOf' failed\n  - at '/properties/a': 'allOf' failed\n    - at '/properties/a/minLength': minimum: got -1, want 0")
        XCTAssertEqual(
            try failures(#"{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"a": {"type": "foo"}}}"#, "{}"),
            #""file:///values.schema.json#" is not valid against metaschema: jsonschema validation failed with 'http://json-schema.org/draft-07/schema#'"#
                + "\n- at '/properties/a/type': 'anyOf' failed\n  - at '/properties/a/type': value must be one of 'array', 'boolean', 'integer', 'null', 'number', 'object', 'string'\n  - at '/properties/a/type': got string, want array")
        let remote = try XCTUnwrap(try failures(#"{"properties": {"a": {"$ref": "https://example.com/s.json"}}}"#, "{}"))
        XCTAssertTrue(remote.hasPrefix(#"failing loading "https://example.com/s.json": kubectl-mesh does not load schemas over the network"#), remote)
    }

    func testFormatsOnlyInDraft7AndOlder() throws {
        let draft7 = #"{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"a": {"format": "ipv4"}}}"#
        XCTAssertEqual(try failures(draft7, #"{"a": "nope"}"#), "- at '/a': 'nope' is not valid ipv4: expected four decimals\n")
        XCTAssertNil(try failures(draft7, #"{"a": "10.0.0.1"}"#))
        XCTAssertNil(try failures(#"{"properties": {"a": {"format": "ipv4"}}}"#, #"{"a": "nope"}"#))
        XCTAssertEqual(FormatChecks.date("2023-02-29"), #"parsing time "2023-02-29": day out of range"#)
        XCTAssertEqual(FormatChecks.date("2020/01/01"), #"parsing time "2020/01/01" as "2006-01-02": cannot parse "/01/01" as "-""#)
        XCTAssertEqual(FormatChecks.ipv6("1::2::3"), #"ParseAddr("1::2::3"): multiple :: in address (at ":3")"#)
        XCTAssertEqual(FormatChecks.uri("http://x:port/"), #"parse "http://x:port/": invalid port ":port" after host"#)
        XCTAssertEqual(FormatChecks.duration("P1D1Y"), "unit 'Y' out of order")
    }

    func testHelmChecksEveryChartAndSkipsOnRequest() throws {
        let directory = try ChartFixture.write([
            "values.yaml": "replicas: 1\nsub: {}\n",
            "values.schema.json": #"{"properties": {"replicas": {"type": "integer", "maximum": 5}}}"#,
            "templates/t.yaml": "r: {{ .Values.replicas }}\n",
            "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
            "charts/sub/values.schema.json": #"{"required": ["name"]}"#,
            "charts/sub/templates/t.yaml": "n: {{ .Values.name }}\n",
        ])
        defer { ChartFixture.remove(directory) }
        guard case .error(let message) = ChartFixture.template(directory, name: "r", namespace: "ns", valuesJSON: #"{"replicas": 9}"#) else {
            return XCTFail("an invalid value must fail")
        }
        XCTAssertEqual(
            message,
            "values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- at '/replicas': maximum: got 9, want 5\nsub:\n- at '': missing property 'name'\n")
        let skipped = ChartFixture.template(directory, name: "r", namespace: "ns", valuesJSON: #"{"replicas": 9}"#) { $0.skipSchemaValidation = true }
        guard case .output(let output) = skipped else { return XCTFail("--skip-schema-validation must render: \(skipped)") }
        XCTAssertTrue(output["manifest"]?.contains("r: 9") == true)
    }
}
