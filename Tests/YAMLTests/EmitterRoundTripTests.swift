import XCTest

@testable import YAML

/// What the emitter writes reads back as the same value with the project's
/// parser, under both the YAML 1.2 core schema and Helm's YAML 1.1 reading.
/// Numbers compare by value (go-yaml writes the float 3.0 as `3`), and U+2028/
/// U+2029 are left out: go-yaml writes them raw in single quotes, where YAML
/// 1.2 readers keep the indentation that follows them. So is the key `<<`
/// alone: go-yaml writes it plain, and it reads back as a merge key.
final class EmitterRoundTripTests: XCTestCase {
    private static let fragments = [
        "", " ", "a", "word", "true", "yes", "No", "on", "null", "~", "1", "-1", "0x1F", "017", "0o17", "1.5", "1e3", ".5",
        "-", "- ", ":", ": ", "#", " #", "'", "\"", "\n", "\n\n", "\t", "\r", "é", "\u{85}", "\u{A0}", "\u{1F600}", "---",
        "...", "*", "&", "!", "|", ">", "%", "@", "`", "{", "[", "]", ",", "?", "12:30", "2024-01-01", "\\", "<<", "日本",
        "\u{FEFF}", "1_000", "+1", ".inf", "\u{7}", "\u{7F}",
    ]
    private static let words = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "x:y", "#t", "'q'"]

    private func string(_ g: inout SeededGenerator) -> String {
        if g.next(4) == 0 {
            var s = ""
            for i in 0..<(10 + g.next(30)) {
                if i > 0 { s += g.next(8) == 0 ? "  " : " " }
                s += g.pick(Self.words)
            }
            return s + (g.next(3) == 0 ? g.pick(["\n", " ", "\n\n"]) : "")
        }
        return (0..<(1 + g.next(5))).map { _ in g.pick(Self.fragments) }.joined()
    }

    private func value(_ g: inout SeededGenerator, depth: Int) -> Value {
        switch depth > 2 ? g.next(6) : g.next(9) {
        case 0: return .int(Int64(g.next(2_000_001)) - 1_000_000)
        case 1: return .float(g.pick([1.5, 0.0001, 0.00001, 1e-7, -1.5e-10, 123456789.5, 1e21, 0.1]))
        case 2: return .bool(g.next(2) == 0)
        case 3: return .null
        case 4, 5: return .string(string(&g))
        case 6: return .sequence((0..<g.next(4)).map { _ in value(&g, depth: depth + 1) })
        default:
            var m = Mapping()
            for _ in 0..<g.next(6) {
                let key = g.next(4) == 0 ? string(&g) : g.pick(["a", "a10", "a9", "B", "on", "", "k", "1", "a: b"])
                m[key == "<<" ? "<<x" : key] = value(&g, depth: depth + 1)
            }
            return .mapping(m)
        }
    }

    /// Integral floats as ints, so `3.0` and `3` compare equal; mapping entries in one order.
    private func normalized(_ v: Value) -> Value {
        switch v {
        case .float(let d) where d == d.rounded() && abs(d) < 9e18: return .int(Int64(d))
        case .sequence(let items): return .sequence(items.map(normalized))
        case .mapping(let m):
            let entries = m.entries.map { (normalized($0.key), normalized($0.value)) }.sorted { "\($0.0)" < "\($1.0)" }
            return .mapping(Mapping(entries))
        default: return v
        }
    }

    func testEmittedDocumentsParseBackToTheSameValue() throws {
        var g = SeededGenerator(state: 42)
        for i in 0..<1500 {
            // Roots are collections: for a root block scalar with an indentation indicator
            // (`|2`), libyaml indents the content by the indicator while YAML 1.2 readers
            // indent it by one less.
            let v = Value.sequence([value(&g, depth: 0)])
            for options in [YAMLEmitter.Options(), YAMLEmitter.Options(sortKeys: .none, numbers: .goYAML)] {
                let text = YAMLEmitter.emit(v, options: options)
                for parse in [YAML.Options.standard, YAML.Options.helm] {
                    do {
                        let back = try YAML.parse(text, options: parse)
                        if normalized(back) != normalized(v) {
                            return XCTFail("case \(i): \(text.debugDescription) read back as \(back), not \(v)")
                        }
                    } catch {
                        return XCTFail("case \(i): \(text.debugDescription) does not parse: \(error)")
                    }
                }
            }
        }
    }

    func testStreamsParseBackDocumentByDocument() throws {
        let documents: [Value] = [["a": 1], ["b": ["x", "y: z"]], "plain", ["c": "multi\nline\n"]]
        XCTAssertEqual(try YAML.parseAll(YAMLEmitter.emitStream(documents)), documents)
    }
}
