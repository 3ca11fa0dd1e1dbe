import XCTest

@testable import YAML

/// How plain scalars resolve under the YAML 1.2 core schema and under the
/// YAML 1.1 rules of go-yaml v2 that Helm uses.
final class YAMLSchemaTests: XCTestCase {
    private func core(_ text: String) throws -> Value { try XCTUnwrap(YAML.parse("[\(text)]")[0]) }
    private func helm(_ text: String) throws -> Value { try XCTUnwrap(YAML.parse("[\(text)]", options: .helm)[0]) }

    func testCoreNulls() throws {
        for text in ["null", "Null", "NULL", "~"] { XCTAssertEqual(try core(text), .null, text) }
        XCTAssertEqual(try YAML.parse("a:")["a"], .null)
        XCTAssertEqual(try core("nULL"), "nULL")
    }

    func testCoreBooleans() throws {
        for text in ["true", "True", "TRUE"] { XCTAssertEqual(try core(text), true, text) }
        for text in ["false", "False", "FALSE"] { XCTAssertEqual(try core(text), false, text) }
        for text in ["yes", "no", "on", "off", "y", "n", "tRUE"] { XCTAssertEqual(try core(text), .string(text), text) }
    }

    func testCoreIntegers() throws {
        XCTAssertEqual(try core("0"), 0)
        XCTAssertEqual(try core("-17"), -17)
        XCTAssertEqual(try core("+17"), 17)
        XCTAssertEqual(try core("017"), 17)
        XCTAssertEqual(try core("0o17"), 15)
        XCTAssertEqual(try core("0x1F"), 31)
        XCTAssertEqual(try core("9223372036854775807"), .int(.max))
        XCTAssertEqual(try core("-9223372036854775808"), .int(.min))
        XCTAssertEqual(try core("9223372036854775808"), .float(9223372036854775808))
        XCTAssertEqual(try core("1_000"), "1_000")
        XCTAssertEqual(try core("0b101"), "0b101")
        XCTAssertEqual(try core("0x"), "0x")
    }

    func testCoreFloats() throws {
        XCTAssertEqual(try core("1.5"), 1.5)
        XCTAssertEqual(try core("-.5"), -0.5)
        XCTAssertEqual(try core("1."), 1.0)
        XCTAssertEqual(try core("1e3"), 1000.0)
        XCTAssertEqual(try core("6.02E+23"), 6.02e23)
        XCTAssertEqual(try core(".inf"), .float(.infinity))
        XCTAssertEqual(try core("-.Inf"), .float(-.infinity))
        XCTAssertEqual(try core("+.INF"), .float(.infinity))
        guard case .float(let nan) = try core(".NaN") else { return XCTFail("not a float") }
        XCTAssertTrue(nan.isNaN)
        XCTAssertEqual(try core("."), ".")
        XCTAssertEqual(try core("1.2.3"), "1.2.3")
        XCTAssertEqual(try core("e3"), "e3")
    }

    func testCoreLeavesOtherTextAsStrings() throws {
        XCTAssertEqual(try core("2024-01-01"), "2024-01-01")
        XCTAssertEqual(try core("1:20"), "1:20")
        XCTAssertEqual(try core("v1.2"), "v1.2")
    }

    func testYAML11Booleans() throws {
        for text in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] {
            XCTAssertEqual(try helm(text), true, text)
        }
        for text in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] {
            XCTAssertEqual(try helm(text), false, text)
        }
        XCTAssertEqual(try helm("yES"), "yES")
    }

    func testYAML11Numbers() throws {
        XCTAssertEqual(try helm("0x1F"), 31)
        XCTAssertEqual(try helm("0X1F"), 31)
        XCTAssertEqual(try helm("+0x1F"), 31)
        XCTAssertEqual(try helm("017"), 15)
        XCTAssertEqual(try helm("-017"), -15)
        XCTAssertEqual(try helm("0o17"), 15)
        XCTAssertEqual(try helm("0b101"), 5)
        XCTAssertEqual(try helm("-0b11"), -3)
        XCTAssertEqual(try helm("1_000"), 1000)
        XCTAssertEqual(try helm("0x_1F"), 31)
        XCTAssertEqual(try helm("08"), 8.0)
        XCTAssertEqual(try helm("1."), 1.0)
        XCTAssertEqual(try helm(".5"), 0.5)
        XCTAssertEqual(try helm("+.5"), 0.5)
        XCTAssertEqual(try helm("1e3"), 1000.0)
        XCTAssertEqual(try helm("1_000.5e1_0"), 10005000000000.0)
        XCTAssertEqual(try helm("12345678901234567890"), .float(1.2345678901234567e19))
        XCTAssertEqual(try helm("-9223372036854775809"), .float(-9.223372036854775808e18))
        XCTAssertEqual(try helm(".inf"), .float(.infinity))
        XCTAssertEqual(try helm("-.inf"), .float(-.infinity))
    }

    func testYAML11StringsThatLookNumeric() throws {
        // As Helm's oracle shows: these stay strings under go-yaml v2.
        for text in ["0o8", "0x", "0b", "._5", "1e400", "1:20", "2024-01-01", "2024-01-01T10:00:00Z", "+"] {
            XCTAssertEqual(try helm(text), .string(text), text)
        }
    }

    func testYAML11BooleanKeysCollideAndTheLaterWins() throws {
        // HELM-NOTES §7 case 13: `on` and `yes` are both the key true.
        let value = try YAML.parse("n: 1\non: true\nyes: 2\n", options: .helm)
        XCTAssertEqual(value.mapping?.keys, [.bool(false), .bool(true)])
        XCTAssertEqual(value.mapping?[Value.bool(true)], 2)
    }

    func testExplicitStandardTags() throws {
        XCTAssertEqual(try core("!!str 123"), "123")
        XCTAssertEqual(try core("!!int \"12\""), 12)
        XCTAssertEqual(try core("!!float 3"), 3.0)
        XCTAssertEqual(try core("!!bool 'true'"), true)
        XCTAssertEqual(try core("!!null ''"), .null)
        XCTAssertEqual(try core("!!str"), "")
        XCTAssertEqual(try core("! 12"), "12")
        XCTAssertEqual(try YAML.parse("!!map {a: 1}"), ["a": 1])
        XCTAssertEqual(try YAML.parse("!!seq [1]"), [1])
        XCTAssertEqual(try YAML.parse("!<tag:yaml.org,2002:int> 7"), 7)
    }

    func testBinaryAndTimestampKeepTheirText() throws {
        XCTAssertEqual(try core("!!binary aGVsbG8="), "aGVsbG8=")
        XCTAssertEqual(try core("!!timestamp 2001-12-14"), "2001-12-14")
    }

    func testCustomTagsAreKept() throws {
        XCTAssertEqual(try core("!local 5"), .tagged("!local", "5"))
        XCTAssertEqual(try YAML.parse("!!set {a, b}"), .tagged("tag:yaml.org,2002:set", ["a": nil, "b": nil]))
        XCTAssertEqual(try YAML.parse("%TAG !e! tag:example.com,2000:\n---\n!e!thing x"), .tagged("tag:example.com,2000:thing", "x"))
        XCTAssertEqual(try YAML.parse("!<tag:example.com:x> [1]"), .tagged("tag:example.com:x", [1]))
        XCTAssertEqual(try YAML.parse("!e%21x y"), .tagged("!e!x", "y"))
    }

    func testInvalidTaggedScalars() {
        assertError("!!int abc", "\"abc\" is not a valid !!int", line: 1, column: 1)
        assertError("a: !!bool maybe", "\"maybe\" is not a valid !!bool", line: 1, column: 4)
        assertError("!!map x", "the tag !!map cannot be used on a scalar", line: 1, column: 1)
        assertError("!!seq {a: 1}", "the tag !!seq needs a sequence, found a mapping", line: 1, column: 1)
        assertError("!e!x y", "the tag handle !e! is not defined by a %TAG directive", line: 1, column: 1)
    }

    private func assertError(_ text: String, _ message: String, line: Int, column: Int, file: StaticString = #filePath, lineNumber: UInt = #line) {
        XCTAssertThrowsError(try YAML.parse(text), file: file, line: lineNumber) { error in
            XCTAssertEqual(error as? YAMLError, YAMLError(message: message, line: line, column: column), file: file, line: lineNumber)
        }
    }
}
