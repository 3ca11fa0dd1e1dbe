import XCTest
import YAML

/// The project's one base64 codec must read and write what Go's
/// `encoding/base64` does; the error offsets below are kubectl's own
/// (`kubectl config view` on a kubeconfig holding the text).
final class Base64Tests: XCTestCase {
    func testEncodesStandardWithPadding() {
        XCTAssertEqual(Base64.encode(Array("".utf8)), "")
        XCTAssertEqual(Base64.encode(Array("f".utf8)), "Zg==")
        XCTAssertEqual(Base64.encode(Array("fo".utf8)), "Zm8=")
        XCTAssertEqual(Base64.encode(Array("foobar".utf8)), "Zm9vYmFy")
        XCTAssertEqual(Base64.encode([0xfb, 0xff, 0xfe]), "+//+")
    }

    func testEncodesRawURLWithoutPadding() {
        XCTAssertEqual(Base64.encodeRawURL([0xfb, 0xff]), "-_8")
        XCTAssertEqual(Base64.encodeRawURL(Array("f".utf8)), "Zg")
        XCTAssertEqual(Base64.encodeRawURL(Array("foobar".utf8)), "Zm9vYmFy")
    }

    func testDecodesStandardIgnoringLineBreaks() throws {
        XCTAssertEqual(try Base64.decode("aGVsbG8="), Array("hello".utf8))
        XCTAssertEqual(try Base64.decode("aGVs\r\nbG8="), Array("hello".utf8))
        XCTAssertEqual(try Base64.decode("aG==\n"), Array("h".utf8))
        XCTAssertEqual(try Base64.decode("aG=\n="), Array("h".utf8))
        XCTAssertEqual(try Base64.decode(""), [])
        XCTAssertEqual(try Base64.decode(Array("Zm9vYmFy".utf8)), Array("foobar".utf8))
    }

    func testRoundTripsEveryLength() throws {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        for count in 0..<bytes.count {
            XCTAssertEqual(try Base64.decode(Base64.encode(bytes[..<count])), Array(bytes[..<count]))
        }
    }

    func testErrorsNameGoOffsets() {
        let cases: [(String, Int)] = [
            ("aGVsbG8", 4),      // unpadded partial quantum: where it began
            ("aGVsbG8=x", 8),    // data after the padding
            ("aG=x", 2),         // "=" where "==" is needed
            ("aG=A", 2),
            ("aG=", 3),          // input ends before the second "="
            ("aG Vs", 2),        // a byte outside the alphabet
            ("a===", 1),         // padding after one sextet
            ("=", 0),
            ("aGVs\nbG8", 5),    // line breaks do not count as sextets
            ("Zm9v\u{e9}", 4),   // non-ASCII: the offset of its first byte
        ]
        for (text, offset) in cases {
            XCTAssertThrowsError(try Base64.decode(text), text) {
                XCTAssertEqual($0 as? Base64.DecodingError, Base64.DecodingError(offset: offset), text)
            }
        }
        XCTAssertEqual(Base64.DecodingError(offset: 4).message, "illegal base64 data at input byte 4")
    }
}
