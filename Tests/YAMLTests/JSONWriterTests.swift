import XCTest

@testable import YAML

/// Expected texts are Go encoding/json's (HELM-NOTES §4.7, checked with the oracle).
final class JSONWriterTests: XCTestCase {
    func testCompactSortsKeysBytewiseAndEscapesHTML() throws {
        let v: Value = ["b": "<x>&", "a": 1.5, "c": [], "d": 1000000.0, "e": [:], "B": 3, "_x": 4, "a10": 1, "a9": 2]
        XCTAssertEqual(
            try v.jsonText(),
            #"{"B":3,"_x":4,"a":1.5,"a10":1,"a9":2,"b":"\u003cx\u003e\u0026","c":[],"d":1000000,"e":{}}"#)
    }

    func testPrettyIsMarshalIndentWithTwoSpaces() throws {
        let v: Value = ["b": "<x>&", "a": 1.5, "c": [], "d": 1000000.0, "e": [:], "l": [1, ["k": nil]]]
        XCTAssertEqual(
            try v.jsonText(options: .init(pretty: true)),
            "{\n  \"a\": 1.5,\n  \"b\": \"\\u003cx\\u003e\\u0026\",\n  \"c\": [],\n  \"d\": 1000000,\n  \"e\": {},\n"
                + "  \"l\": [\n    1,\n    {\n      \"k\": null\n    }\n  ]\n}")
        XCTAssertEqual(try Value.mapping([:]).jsonText(options: .init(pretty: true)), "{}")
        XCTAssertEqual(try Value.sequence([]).jsonText(options: .init(pretty: true)), "[]")
    }

    func testStringEscapes() {
        XCTAssertEqual(
            JSONWriter.quoted("q\"b\\n\nr\rt\tb\u{8}f\u{C}c\u{1}\u{1F}del\u{7F}é\u{2028}\u{2029}<"),
            #""q\"b\\n\nr\rt\tb\bf\fc\u0001\u001fdel"# + "\u{7F}é" + #"\u2028\u2029\u003c""#)
        XCTAssertEqual(JSONWriter.quoted("<&>", escapeHTML: false), #""<&>""#)
        XCTAssertEqual(JSONWriter.quoted("\u{2028}", escapeHTML: false), #""\u2028""#)
    }

    func testGoFloatLayout() throws {
        let cases: [(Double, String)] = [
            (12.0, "12"), (1000000, "1000000"), (0.00001, "0.00001"), (1e-7, "1e-7"), (1e21, "1e+21"),
            (1e20, "100000000000000000000"), (123456789.5, "123456789.5"), (-0.0, "-0"), (0, "0"),
            (1.5e-10, "1.5e-10"), (0.000001, "0.000001"), (12345678901234567168, "12345678901234567000"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (.leastNonzeroMagnitude, "5e-324"), (0.1, "0.1"),
        ]
        for (d, expected) in cases {
            XCTAssertEqual(try Value.float(d).jsonText(), expected, "\(d)")
        }
    }

    func testNaNAndInfinityAreErrors() {
        XCTAssertThrowsError(try Value.float(.nan).jsonText()) { error in
            XCTAssertEqual("\(error)", "json: unsupported value: NaN")
        }
        XCTAssertThrowsError(try Value.sequence([.float(-.infinity)]).jsonText()) { error in
            XCTAssertEqual(error as? JSONWriter.Error, .unsupportedValue("-Inf"))
        }
    }

    func testRequestBodyKeepsDocumentOrderAndScalarKeysBecomeStrings() throws {
        var m = Mapping()
        m["z"] = 1
        m[.int(2)] = "two"
        m[.bool(true)] = nil
        m["a"] = .tagged("!x", "t")
        XCTAssertEqual(try Value.mapping(m).jsonText(options: .requestBody), #"{"z":1,"2":"two","a":"t"}"#)
        var bad = Mapping()
        bad[.sequence([1])] = 1
        XCTAssertThrowsError(try Value.mapping(bad).jsonText()) { error in
            XCTAssertEqual(error as? JSONWriter.Error, .unsupportedKey("sequence"))
        }
    }

    func testGoFloatShortestG() {
        let cases: [(Double, String)] = [
            (1000000, "1e+06"), (123456, "123456"), (1234567, "1.234567e+06"), (0.0001, "0.0001"), (0.00001, "1e-05"),
            (123456789, "1.23456789e+08"), (1e21, "1e+21"), (3, "3"), (1.5, "1.5"), (100000, "100000"),
            (-2.5e-7, "-2.5e-07"), (1e100, "1e+100"), (.infinity, "+Inf"), (-.infinity, "-Inf"), (.nan, "NaN"),
        ]
        for (d, expected) in cases {
            XCTAssertEqual(GoFloat.shortestG(d), expected, "\(d)")
        }
    }
}
