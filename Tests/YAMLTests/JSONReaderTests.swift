import XCTest

@testable import YAML

/// `JSON.parse`: strict RFC 8259 reading.
final class JSONReaderTests: XCTestCase {
    private func assertError(_ text: String, _ message: String, line: Int, column: Int, file: StaticString = #filePath, lineNumber: UInt = #line) {
        XCTAssertThrowsError(try JSON.parse(text), file: file, line: lineNumber) { error in
            XCTAssertEqual(error as? YAMLError, YAMLError(message: message, line: line, column: column), file: file, line: lineNumber)
        }
    }

    func testValues() throws {
        let value = try JSON.parse(#" {"b": [1, -2.5, 3e2, true, false, null], "a": "x", "c": {}} "#)
        XCTAssertEqual(value, ["b": [1, -2.5, 300.0, true, false, nil], "a": "x", "c": [:]])
        XCTAssertEqual(value.mapping?.keys, ["b", "a", "c"])
    }

    func testNumbersKeepIntegerAndFloatApart() throws {
        XCTAssertEqual(try JSON.parse("10"), .int(10))
        XCTAssertEqual(try JSON.parse("10.0"), .float(10))
        XCTAssertEqual(try JSON.parse("1E2"), .float(100))
        XCTAssertEqual(try JSON.parse("-0"), .int(0))
        XCTAssertEqual(try JSON.parse("9223372036854775807"), .int(.max))
        XCTAssertEqual(try JSON.parse("18446744073709551616"), .float(18446744073709551616))
    }

    func testStringEscapes() throws {
        XCTAssertEqual(try JSON.parse(#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#), "\"\\/\u{8}\u{C}\n\r\té😀")
        XCTAssertEqual(try JSON.parse("\"ünïcödé\""), "ünïcödé")
    }

    func testDuplicateKeys() throws {
        assertError(#"{"a": 1, "a": 2}"#, "duplicate key \"a\" in this object", line: 1, column: 10)
        XCTAssertEqual(try JSON.parse(#"{"a": 1, "a": 2}"#, duplicateKeys: .lastWins), ["a": 2])
    }

    func testErrors() {
        assertError("", "expected a JSON value, found the end of the input", line: 1, column: 1)
        assertError("{\"a\": 1,\n \"b\" 2}", "expected ':' after the object key, found '2'", line: 2, column: 6)
        assertError("[1, 2", "the array opened at line 1, column 1 is never closed", line: 1, column: 6)
        assertError("[1 2]", "expected ',' or ']' in the array opened at line 1, column 1, found '2'", line: 1, column: 4)
        assertError("{a: 1}", "expected a string key in the object, found 'a'", line: 1, column: 2)
        assertError("[01]", "numbers in JSON cannot have leading zeros", line: 1, column: 2)
        assertError("[1.]", "expected digits after '.' in the number", line: 1, column: 2)
        assertError("[.5]", "expected a JSON value, found '.'", line: 1, column: 2)
        assertError("tru", "invalid literal; expected true", line: 1, column: 1)
        assertError("\"a\tb\"", "control characters must be escaped in JSON strings (found U+0009)", line: 1, column: 3)
        assertError(#""\x""#, "invalid escape sequence in a JSON string", line: 1, column: 2)
        assertError(#""\ud800""#, "unpaired surrogate in \\u escape", line: 1, column: 2)
        assertError("1 2", "unexpected '2' after the JSON value", line: 1, column: 3)
        assertError("[1e999]", "the number is too large", line: 1, column: 2)
        assertError("[NaN]", "expected a JSON value, found 'N'", line: 1, column: 2)
        assertError("[-a]", "expected digits in the number", line: 1, column: 2)
        assertError("[1e+]", "expected digits in the exponent of the number", line: 1, column: 2)
        assertError(#"["\u12"]"#, "\\u must be followed by four hexadecimal digits", line: 1, column: 3)
        assertError("{\"a\": \"b", "this string is never closed; expected '\"'", line: 1, column: 7)
    }

    func testInvalidUTF8() {
        XCTAssertThrowsError(try JSON.parse([0x22, 0xFF, 0x22])) { error in
            XCTAssertEqual(error as? YAMLError, YAMLError(message: "the string is not valid UTF-8", line: 1, column: 1))
        }
    }

    func testDeepNesting() {
        XCTAssertThrowsError(try JSON.parse(String(repeating: "[", count: 600))) { error in
            XCTAssertEqual((error as? YAMLError)?.message, "JSON nested more than 512 levels deep")
        }
    }
}
