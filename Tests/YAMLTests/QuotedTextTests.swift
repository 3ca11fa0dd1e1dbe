import XCTest
import YAML

/// The string readers the JSON reader, the YAML parser and the kubeconfig
/// context scan share.
final class QuotedTextTests: XCTestCase {
    private func json(_ text: String) -> Result<(text: String, end: Int), JSONString.Problem> {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { JSONString.read($0, from: 1) }
    }

    func testJSONStringsAndWhereTheyEnd() throws {
        let plain = try json(#""abc" tail"#).get()
        XCTAssertEqual(plain.text, "abc")
        XCTAssertEqual(plain.end, 5)
        XCTAssertEqual(try json(#""a\"b\\c\/\n\t\u00e9\ud83d\ude00""#).get().text, "a\"b\\c/\n\té😀")
    }

    func testJSONStringProblemsSayWhere() {
        func problem(_ text: String) -> JSONString.Problem? {
            if case .failure(let problem) = json(text) { return problem }
            return nil
        }
        XCTAssertEqual(problem(#""abc"#), .init(message: "this string is never closed; expected '\"'", offset: nil))
        XCTAssertEqual(problem("\"a\u{1}\""), .init(message: "control characters must be escaped in JSON strings (found U+0001)", offset: 2))
        XCTAssertEqual(problem(#""ab\x""#), .init(message: "invalid escape sequence in a JSON string", offset: 3))
        XCTAssertEqual(problem(#""\u12""#), .init(message: "\\u must be followed by four hexadecimal digits", offset: 1))
        XCTAssertEqual(problem(#""\ud83d x""#), .init(message: "unpaired surrogate in \\u escape", offset: 1))
        XCTAssertEqual(problem(#""\ude00""#), .init(message: "unpaired surrogate in \\u escape", offset: 1))
    }

    func testDoubleQuotedEscapes() {
        func decode(_ text: String) -> DoubleQuotedEscape.Decoded {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { DoubleQuotedEscape.decode($0, at: 0, end: $0.count) }
        }
        XCTAssertEqual(decode(#"\n"#), .character("\n", length: 2))
        XCTAssertEqual(decode(#"\N"#), .character("\u{85}", length: 2))
        XCTAssertEqual(decode(#"\x41"#), .character("A", length: 4))
        XCTAssertEqual(decode(#"\u00e9"#), .character("é", length: 6))
        XCTAssertEqual(decode(#"\U0001F600"#), .character("😀", length: 10))
        XCTAssertEqual(decode(#"\x4"#), .missingHexDigits(2))
        XCTAssertEqual(decode(#"\ud800"#), .notACharacter)
        XCTAssertEqual(decode("\\\n"), .lineBreak)
        XCTAssertEqual(decode(#"\q"#), .unknown(UInt8(ascii: "q")))
    }
}
