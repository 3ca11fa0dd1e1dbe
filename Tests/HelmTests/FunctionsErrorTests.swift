import XCTest

@testable import Helm

/// Error paths of the function table, with the messages Helm reports (checked
/// against Helm v4 by the oracle tests; pinned here so they hold without it).
final class FunctionsErrorTests: XCTestCase {
    func testListFunctionsNameTheKindTheyCannotUse() {
        XCTAssertEqual(F.error("append", "x", 1), "Cannot push on type string")
        XCTAssertEqual(F.error("prepend", 1.5, 1), "Cannot prepend on type float64")
        XCTAssertEqual(F.error("first", ["a": 1]), "Cannot find first on type map")
        XCTAssertEqual(F.error("has", 1, "x"), "Cannot find has on type string")
        XCTAssertEqual(F.error("slice", "abc", 1), "list should be type of slice or array but string")
        XCTAssertEqual(F.error("concat", GoValue.list([.int(1)]), 2), "Cannot concat type int as list")
        XCTAssertEqual(F.error("first", nil), "runtime error: invalid memory address or nil pointer dereference")
        XCTAssertEqual(F.error("mustLast", nil), "runtime error: invalid memory address or nil pointer dereference")
        XCTAssertNil(F.error("has", 1, nil))
    }

    func testMapFunctionsFailWhereGoPanics() {
        XCTAssertEqual(F.error("set", nil, "k", 1), "assignment to entry in nil map")
        XCTAssertEqual(F.error("dig", "a", "d"), "dig needs at least three arguments")
        XCTAssertEqual(
            F.error("dig", "a", "b", "d", ["a": "s"]), "interface conversion: interface {} is string, not map[string]interface {}")
        XCTAssertEqual(F.error("dig", "a", "d", nil), "interface conversion: interface {} is nil, not map[string]interface {}")
        XCTAssertEqual(F.error("dig", 1, "d", ["a": 1]), "interface conversion: interface {} is int, not string")
        let values = GoValue.map(GoMap(["a": .int(1)], goTypeName: "common.Values"))
        XCTAssertEqual(F.error("dig", "a", "d", values), "interface conversion: interface {} is common.Values, not map[string]interface {}")
        // Reading a nil map is fine.
        XCTAssertEqual(try F.printed("get", nil, "k"), "")
        XCTAssertEqual(try F.printed("unset", nil, "k"), "map[]")
        XCTAssertEqual(try F.printed("mergeOverwrite", nil, ["a": 1]), "map[a:1]")
    }

    func testMathAndStringPanics() {
        XCTAssertEqual(F.error("div", 1, 0), "runtime error: integer divide by zero")
        XCTAssertEqual(F.error("mod", 1, "0"), "runtime error: integer divide by zero")
        XCTAssertEqual(F.error("divf", 1, 0), "decimal division by 0")
        XCTAssertEqual(F.error("repeat", -1, "x"), "strings: negative Repeat count")
        XCTAssertEqual(F.error("indent", -1, "x"), "strings: negative Repeat count")
        XCTAssertEqual(F.error("substr", 4, 2, "hello"), "runtime error: slice bounds out of range [4:2]")
        XCTAssertEqual(F.error("substr", 0, 9, "hello"), nil)
        XCTAssertEqual(F.error("substr", -1, 9, "hi"), "runtime error: slice bounds out of range [:9] with length 2")
        XCTAssertEqual(try F.printed("div", Int64.min, -1), String(Int64.min))
    }

    func testRequiredAndFailAreUserFailures() {
        for (name, arguments) in [("required", ["need x", nil] as [Any?]), ("required", ["need x", ""]), ("fail", ["boom"])] {
            do {
                _ = try F.table[name]!.body(RecordingRuntime(), arguments.map(F.go))
                XCTFail("\(name) did not fail")
            } catch let error as TemplateFunctionError {
                XCTAssertEqual(error.kind, .userFailure)
                XCTAssertEqual(error.message, arguments[0] as? String)
            } catch {
                XCTFail("\(error)")
            }
        }
        XCTAssertEqual(try F.printed("required", "m", 0), "0")
        XCTAssertEqual(try F.printed("required", "m", false), "false")
    }

    func testDecodingErrorsAreResults() throws {
        XCTAssertEqual(try F.printed("b64dec", "%%%"), "illegal base64 data at input byte 0")
        XCTAssertEqual(try F.printed("b64dec", "aGVsbG8"), "illegal base64 data at input byte 4")
        XCTAssertEqual(try F.printed("b32dec", "1111"), "illegal base32 data at input byte 0")
        XCTAssertEqual(try F.printed("fromJson", "[1]"), "map[Error:json: cannot unmarshal array into Go value of type map[string]interface {}]")
        XCTAssertEqual(try F.printed("fromJson", "tru"), "map[Error:invalid character ' ' in literal true (expecting 'e')]")
        XCTAssertEqual(try F.printed("fromJsonArray", "{}"), "[json: cannot unmarshal object into Go value of type []interface {}]")
        XCTAssertEqual(F.error("mustFromJson", "{"), "unexpected end of JSON input")
        XCTAssertEqual(
            try F.printed("fromYaml", "- 1"),
            "map[Error:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}]")
        XCTAssertEqual(try F.printed("fromYaml", "a: .inf"), "map[Error:error converting YAML to JSON: json: unsupported value: +Inf]")
        XCTAssertEqual(try F.printed("toYaml", "a\u{7F}"), "")
        XCTAssertEqual(F.error("mustToYaml", "a\u{7F}"), "yaml: control characters are not allowed")
        XCTAssertEqual(F.error("mustToJson", Double.nan), "json: unsupported value: NaN")
        XCTAssertEqual(try F.printed("toJson", Double.infinity), "")
    }

    func testRegexAndSemverErrors() {
        XCTAssertEqual(try F.printed("regexMatch", "(a", "a"), "false")
        XCTAssertEqual(F.error("mustRegexMatch", "(a", "a"), "error parsing regexp: missing closing ): `(a`")
        XCTAssertEqual(F.error("regexFind", "(a", "a"), "regexp: Compile(`(a`): error parsing regexp: missing closing ): `(a`")
        XCTAssertEqual(F.error("mustRegexMatch", #"\1"#, "a"), #"error parsing regexp: invalid escape sequence: `\1`"#)
        XCTAssertEqual(F.error("mustRegexMatch", "(?=a)", "a"), "error parsing regexp: invalid or unsupported Perl syntax: `(?=`")
        XCTAssertEqual(F.error("mustRegexMatch", "a**", "a"), "error parsing regexp: invalid nested repetition operator: `**`")
        XCTAssertEqual(F.error("mustRegexMatch", "*a", "a"), "error parsing regexp: missing argument to repetition operator: `*`")
        XCTAssertEqual(F.error("mustRegexMatch", "x{1001}", "x"), "error parsing regexp: invalid repeat count: `{1001}`")
        XCTAssertEqual(F.error("semverCompare", "bad", "1.2.3"), #"improper constraint: "bad""#)
        XCTAssertEqual(F.error("semverCompare", ">=1", "x.y"), "invalid semantic version")
        XCTAssertEqual(F.error("semverCompare", ">=1", "1.2.3-01"), "version segment starts with 0")
    }

    func testMapsThatContainThemselvesDoNotRecurseForever() throws {
        let m = GoMap(["a": .int(1)])
        m["self"] = .map(m)
        let cyclic = GoValue.map(m)
        XCTAssertEqual(F.error("mustToJson", cyclic), "json: unsupported value: encountered a cycle via map[string]interface {}")
        XCTAssertEqual(try F.printed("toJson", cyclic), "")
        XCTAssertEqual(try F.printed("toYaml", cyclic), "")
        XCTAssertEqual(try F.printed("deepEqual", cyclic, cyclic), "true")
        guard case .map(let copy) = try F.call("deepCopy", cyclic), case .map(let inner)? = copy["self"] else {
            return XCTFail("deepCopy lost the map")
        }
        XCTAssertTrue(inner === copy)
        XCTAssertFalse(copy === m)
        XCTAssertEqual(try F.printed("deepEqual", cyclic, GoValue.map(copy)), "true")
        _ = try F.call("mergeOverwrite", cyclic, cyclic)
        XCTAssertEqual(m["a"].map(GoFormat.string), "1")
    }
}
