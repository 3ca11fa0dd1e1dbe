import XCTest

@testable import YAML

/// Every syntax error names its line and column and says what is wrong.
final class YAMLErrorTests: XCTestCase {
    private func assertError(
        _ text: String, _ message: String, line: Int, column: Int,
        file: StaticString = #filePath, lineNumber: UInt = #line
    ) {
        XCTAssertThrowsError(try YAML.parseAll(text), file: file, line: lineNumber) { error in
            XCTAssertEqual(error as? YAMLError, YAMLError(message: message, line: line, column: column), file: file, line: lineNumber)
        }
    }

    func testDescriptionWithAndWithoutPath() {
        let error = YAMLError(message: "mapping values are not allowed here", line: 3, column: 5)
        XCTAssertEqual(error.description, "line 3, column 5: mapping values are not allowed here")
        XCTAssertEqual(error.inFile("/home/u/.kube/config").description, "/home/u/.kube/config:3:5: mapping values are not allowed here")
    }

    func testMappingValueInsidePlainScalar() {
        assertError("key: value: more\n", "mapping values are not allowed here (a plain value cannot contain ': '; quote it)", line: 1, column: 11)
    }

    func testMissingColon() {
        assertError("a: 1\nb\nc: 2\n", "could not find the ':' that should follow this mapping key (each line of a mapping needs 'key: value')", line: 2, column: 1)
    }

    func testMissingSpaceAfterColon() {
        assertError("a: 1\nb:2\nc: 3\n", "could not find the ':' that should follow this mapping key; a ':' must be followed by a space", line: 2, column: 1)
    }

    func testKeyIndentedDeeperThanItsSiblings() {
        assertError("a:\n  b: 1\n   c: 2\n", "mapping values are not allowed here: this line is indented more than the keys before it, so it reads as part of the value above; fix its indentation", line: 3, column: 5)
    }

    func testBadIndentation() {
        assertError("a:\n  b: 1\n c: 2\n", "bad indentation: this line does not line up with the keys of its mapping", line: 3, column: 2)
        assertError("a:\n  - x\n - y\n", "bad indentation: this line does not line up with the keys of its mapping", line: 3, column: 2)
        assertError("- a:\n  - x\n - y\n", "bad indentation: this line does not line up with the items of its sequence", line: 3, column: 2)
    }

    func testSequenceEntryAfterMappingValueOnTheSameLine() {
        assertError("a: - b\n", "a block sequence entry ('- ') is not allowed here; start it on its own line", line: 1, column: 4)
    }

    func testTabIndentation() {
        assertError("a:\n\tb: 1\n", "tab characters cannot be used for indentation; indent with spaces", line: 2, column: 2)
        assertError("-\t- x\n", "tab characters cannot be used for indentation; indent with spaces", line: 1, column: 3)
    }

    func testUnclosedQuotes() {
        assertError("a: \"never closed\nb: 1\n", "this double-quoted string is never closed; expected '\"'", line: 1, column: 4)
        assertError("a: 'open\n", "this single-quoted string is never closed; expected \"'\"", line: 1, column: 4)
    }

    func testBadEscape() {
        assertError(#"a: "bad \q escape""#, "unknown escape sequence '\\q' in a double-quoted string", line: 1, column: 9)
        assertError(#"a: "\x4""#, "escape sequence needs 2 hexadecimal digits", line: 1, column: 5)
        assertError(#"a: "\uD800""#, "escape sequence does not name a Unicode character", line: 1, column: 5)
    }

    func testUnclosedFlowCollections() {
        assertError("a: [1, 2\n", "this '[' is never closed; expected ']'", line: 1, column: 4)
        assertError("a: {b: 1\n", "this '{' is never closed; expected '}'", line: 1, column: 4)
        assertError("[a, b}\n", "found '}' but the open collection expects ']'", line: 1, column: 6)
        assertError("a: ]\n", "found ']' without a matching opening bracket", line: 1, column: 4)
    }

    func testMissingCommaInFlow() {
        assertError("[a, b\n  c: d]\n", "expected ',' or ']' to continue the flow sequence opened at line 1, column 1, found ':'", line: 2, column: 4)
        assertError("{a: 1\n b: 2}\n", "expected ',' or '}' to continue the flow mapping opened at line 1, column 1, found ':'", line: 2, column: 3)
    }

    func testFlowContentMustBeIndented() {
        assertError("key: [a,\nb]\n", "this line is inside the '[' opened at line 1, column 6, so it must be indented more than its parent (at least 1 spaces); or is a closing bracket missing?", line: 2, column: 1)
        assertError("a: [x, y\nb: 2\n", "this line is inside the '[' opened at line 1, column 4, so it must be indented more than its parent (at least 1 spaces); or is a closing bracket missing?", line: 2, column: 1)
    }

    func testCommentWithoutSpace() {
        assertError("a: \"x\"#c\n", "a comment must be separated from the text before it by a space", line: 1, column: 7)
    }

    func testReservedIndicators() {
        assertError("a: @x\n", "'@' is reserved and cannot start a plain scalar; quote the value", line: 1, column: 4)
        assertError("a: `x`\n", "'`' is reserved and cannot start a plain scalar; quote the value", line: 1, column: 4)
    }

    func testBlockScalarHeaders() {
        assertError("a: |0\n  x\n", "a block scalar's indentation indicator must be 1 to 9", line: 1, column: 5)
        assertError("a: |x\n", "expected a comment or a line break after the block scalar header", line: 1, column: 5)
        assertError("a: |\n    \n  x\n", "a leading empty line of this block scalar has more spaces than its first content line", line: 2, column: 5)
    }

    func testDirectives() {
        assertError("%YAML 1.2\n%YAML 1.2\n---\na\n", "a document may have only one %YAML directive", line: 2, column: 1)
        assertError("%YAML 2.0\n---\na\n", "unsupported YAML version 2.0; this parser reads YAML 1.x", line: 1, column: 1)
        assertError("%TAG !a! x:\n%TAG !a! y:\n---\na\n", "the tag handle !a! is defined twice", line: 2, column: 1)
        assertError("%YAML 1.2\na: 1\n", "expected '---' after the directives, found a block mapping", line: 2, column: 1)
        assertError("a: 1\n%YAML 1.2\n---\nb\n", "a directive must come after '...' ending the previous document", line: 2, column: 1)
    }

    func testContentAfterDocumentEnd() {
        assertError("a\n... b\n", "only a comment may follow '...' on its line", line: 2, column: 5)
    }

    func testDocumentMarkerInsideQuotedString() {
        assertError("\"a\n---\nb\"\n", "a document marker cannot appear inside a quoted string; the string starting here is never closed", line: 1, column: 1)
    }

    func testSecondNodeInADocument() {
        assertError("\"a\" b\n", "expected the end of the document, found a scalar", line: 1, column: 5)
    }

    func testControlCharactersAndInvalidUTF8() {
        assertError("a: b\u{7}\n", "the control character U+0007 is not allowed in YAML; escape it in a double-quoted string", line: 1, column: 5)
        XCTAssertThrowsError(try YAML.parse([0x61, 0x3A, 0x20, 0xC3, 0x28])) { error in
            XCTAssertEqual(error as? YAMLError, YAMLError(message: "the input is not valid UTF-8", line: 1, column: 4))
        }
    }

    func testColumnsCountCharactersNotBytes() {
        assertError("ключ: значение: x\n", "mapping values are not allowed here (a plain value cannot contain ': '; quote it)", line: 1, column: 15)
    }

    func testMisplacedIndicators() {
        assertError("a: ? b\n", "a mapping key ('? ') is not allowed here; start it on its own line", line: 1, column: 4)
        assertError("- ,a\n", "',' is only a separator inside [ ] or { }; quote the value if it belongs to it", line: 1, column: 3)
        assertError("[a, |\n  x]\n", "block scalars ('|') are not allowed inside a flow collection", line: 1, column: 5)
        assertError("[,]\n", "expected a value, found ','", line: 1, column: 2)
        assertError("- a\n? b\n", "expected '- ' for the next item of this block sequence, found a mapping key", line: 2, column: 1)
        assertError("a: 1\n- b\n", "expected a mapping key ('key: value'), found '-'", line: 2, column: 1)
    }

    func testTagSyntax() {
        assertError("!a! x\n", "the tag handle '!a!' needs a suffix", line: 1, column: 1)
        assertError("!a%G x\n", "'%' in a tag must be followed by two hexadecimal digits", line: 1, column: 3)
        assertError("!a%FF x\n", "a %-escaped tag is not valid UTF-8", line: 1, column: 1)
        assertError("!<x y\n", "a verbatim tag '!<…>' must end with '>'", line: 1, column: 4)
        assertError("!<> x\n", "a verbatim tag cannot be empty", line: 1, column: 1)
        assertError("!a,b x\n", "a tag must be followed by a space", line: 1, column: 3)
        assertError("!!map [a]\n", "the tag !!map needs a mapping, found a sequence", line: 1, column: 1)
    }

    func testDirectiveSyntax() {
        assertError("% x\n---\n", "expected a directive name after '%'", line: 1, column: 1)
        assertError("%TAG\n---\n", "expected a space in the directive", line: 1, column: 5)
        assertError("%TAG x y\n---\n", "expected a tag handle ('!', '!!' or '!name!') after %TAG", line: 1, column: 6)
        assertError("%TAG !a tag:x\n---\n", "a named tag handle must end with '!'", line: 1, column: 6)
        assertError("%TAG !a! \n---\n", "expected a tag prefix after the handle !a!", line: 1, column: 10)
        assertError("%YAML x\n---\n", "expected a version like 1.2 after %YAML", line: 1, column: 7)
        assertError("%YAML 1.2 x\n---\n", "unexpected text after the %YAML directive", line: 1, column: 11)
    }

    func testC1ControlCharacter() {
        assertError("a: \u{80}\n", "the character U+0080 is not allowed in YAML; escape it in a double-quoted string", line: 1, column: 4)
        XCTAssertEqual(try YAML.parse("a: \"\\x80\\u0085\"\n")["a"], "\u{80}\u{85}")
    }
}
