import XCTest

@testable import YAML

/// Random text built from YAML's syntax fragments, and random byte damage, is
/// either parsed or rejected with a located error: never a crash. (Run by hand
/// with far more iterations while developing; kept small here.)
final class YAMLRobustnessTests: XCTestCase {
    static let fragments = [
        "a", "b", " ", "  ", "   ", ":", ": ", "#", " #", "-", "- ", "?", "? ", "'", "\"", "\\", "\n", "\n  ", "\n    ",
        "\n- ", "\t", "{", "}", "[", "]", ",", ", ", "&a ", "*a", "&", "*", "!", "!!str ", "!e!", "!<x>", "|", "|-", "|+2",
        ">", ">1", "%YAML 1.2\n", "%TAG !e! x:\n", "---", "--- ", "\n---\n", "...", "\n...\n", "<<: ", "~", "1", "0x", "é",
        "\r\n", "\r", "\\x4", "\\u", "\\U0010FFFF", "\u{FEFF}", "\"\\\n", "'\n'", "#c\n", " \t",
    ]

    func testRandomInputIsParsedOrRejectedWithALocatedError() {
        var generator = SeededGenerator(state: 1)
        for _ in 0..<4000 {
            let length = Int(generator.next() % (generator.next() % 5 == 0 ? 120 : 30))
            let text = (0..<length).map { _ in Self.fragments[Int(generator.next() % UInt64(Self.fragments.count))] }.joined()
            let lines = text.utf8.filter { $0 == 0x0A || $0 == 0x0D }.count + 1
            do {
                let documents = try YAML.parseAll(text)
                if documents.count == 1 {
                    XCTAssertEqual(try YAML.parseWithMarks(text).value, documents[0], text)
                }
            } catch {
                XCTAssertTrue(error.line >= 1 && error.line <= lines && error.column >= 1, "\(error) for \(text.debugDescription)")
            }
            var bytes = Array(text.utf8)
            if !bytes.isEmpty {
                bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            _ = try? YAML.parseAll(bytes)
            _ = try? JSON.parse(bytes)
        }
    }
}
