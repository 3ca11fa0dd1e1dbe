import XCTest
import YAML

@testable import Helm

/// `toYaml`, `toJson`, `toPrettyJson` and `toYamlPretty` of many generated values (quoting,
/// folding, literal blocks, unicode, key order) against Helm v4 itself.
final class FunctionsSerializationOracleTests: XCTestCase {
    /// A small deterministic generator (64-bit LCG), so failures reproduce.
    private struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    private static let fragments = [
        "", " ", "  ", "a", "word", "true", "yes", "No", "on", "null", "~", "1", "-1", "0x1F", "017", "1.5", "1e3", ".5", "-",
        "- ", ":", ": ", "#", " #", "'", "\"", "\n", "\n\n", "\t", "\r", "é", "ü", "\u{2028}", "\u{85}", "\u{A0}", "\u{1F600}",
        "---", "...", "*", "&", "!", "|", ">", "%", "@", "`", "{", "}", "[", "]", ",", "?", "12:30", "2024-01-01", "\\", "<<",
        "=", "<x>&", "日本", "\u{FEFF}", "x=y", "a,b", "_", "1_000", "+1", "1:2:3",
    ]

    private static let words = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "!self.size()", "(a)", "x:y", "#tag", "'q'"]

    private func string(_ g: inout Generator) -> String {
        switch g.next(4) {
        case 0:
            // Long text that folds: words separated by one or sometimes two spaces.
            var s = ""
            for i in 0..<(10 + g.next(30)) {
                if i > 0 { s += g.next(8) == 0 ? "  " : " " }
                s += g.pick(Self.words)
            }
            if g.next(3) == 0 { s = g.pick(["- ", "'", " ", "* "]) + s }
            if g.next(4) == 0 { s += g.pick(["\n", " ", "\n\n", "\nmore"]) }
            return s
        default:
            return (0..<(1 + g.next(5))).map { _ in g.pick(Self.fragments) }.joined()
        }
    }

    private func value(_ g: inout Generator, depth: Int) -> Value {
        switch depth > 2 ? g.next(6) : g.next(9) {
        case 0: return .int(Int64(g.next(2_000_001)) - 1_000_000)
        case 1: return .float(g.pick([1.5, 0.0001, 0.00001, 1e-7, -1.5e-10, 123456789.5, 1e20, 1e21, 1000000.0, 3.0, 0.1]))
        case 2: return .bool(g.next(2) == 0)
        case 3: return .null
        case 4, 5: return .string(string(&g))
        case 6:
            return .sequence((0..<g.next(4)).map { _ in value(&g, depth: depth + 1) })
        default:
            var m = Mapping()
            for _ in 0..<g.next(6) {
                // Generated keys start with a letter: go-yaml's natural order is not transitive
                // for some digit-led keys, and Go then prints them in random map order.
                let key = g.next(5) == 0 ? "k" + string(&g) : g.pick(["a", "a10", "a9", "B", "_x", "x1", "x01", "on", "", "k", "1", "a b", "a: b", "-x"])
                m[key] = value(&g, depth: depth + 1)
            }
            return .mapping(m)
        }
    }

    func testGeneratedValuesSerializeLikeHelm() throws {
        let oracle = try HelmOracle.required()
        var g = Generator(state: 20_261_125)
        let cases = (0..<1000).map { _ in value(&g, depth: 0) }
        let valuesJSON = try Value.mapping(["cases": .sequence(cases)]).jsonText()
        let separator = "\n---END---\n"
        let template =
            "{{ range .Values.cases }}{{ toYaml . }}\(separator){{ toJson . }}\(separator){{ toPrettyJson . }}\(separator){{ toYamlPretty . }}\(separator){{ end }}"
        guard case .output(let files) = try oracle.renderTemplates([template], valuesJSON: valuesJSON)[0],
            let text = files["c/templates/t.yaml"]
        else { return XCTFail("the oracle could not render the generated values") }
        let expected = text.components(separatedBy: separator)

        guard case .map(let values) = try GoJSONDecoder.decode(valuesJSON), case .list(let decoded)? = values["cases"] else {
            return XCTFail("values did not decode")
        }
        XCTAssertEqual(expected.count, decoded.count * 4 + 1)
        var failures = 0
        for (i, v) in decoded.enumerated() where 4 * i + 3 < expected.count {
            let ours = [
                (try? YAMLText.toYAML(v)) ?? "",
                try F.printed("toJson", v),
                try F.printed("toPrettyJson", v),
                try F.printed("toYamlPretty", v),
            ]
            for k in 0..<4 where ours[k] != expected[4 * i + k] && failures < 10 {
                failures += 1
                XCTFail("case \(i) (\(["toYaml", "toJson", "toPrettyJson", "toYamlPretty"][k])) of \(GoFormat.string(v).debugDescription):\nHelm: \(expected[4 * i + k].debugDescription)\nours: \(ours[k].debugDescription)")
            }
        }
    }
}
