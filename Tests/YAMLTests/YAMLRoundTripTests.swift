import XCTest

@testable import YAML

/// The parser reads back what the project's emitter writes: random values,
/// built from fragments that stress quoting, folding and indentation, must come
/// back equal under both schemas.
final class YAMLRoundTripTests: XCTestCase {
    // "<<" is left out: written plain (as go-yaml writes it) it reads back as a merge key.
    static let fragments = [
        "a", "b", " ", "  ", ":", ": ", "#", " #", "-", "- ", "?", "'", "\"", "\\", "\n", "\n\n", "\t", "{", "}",
        "[", "]", ",", "&", "*", "!", "|", ">", "%", "@", "`", "~", "null", "true", "yes", "no", "on", "1", "0x1F",
        "1.5", ".inf", "é", "😀", "---", "...", "=", "x y", " a ", "\r\n",
    ]

    func testEmittedValuesParseBack() throws {
        var generator = SeededGenerator(state: 42)
        for index in 0..<3000 {
            let value = randomValue(&generator, depth: 0)
            let text = YAMLEmitter.emit(value, options: .init(sortKeys: .none, numbers: .goYAML))
            for options in [YAML.Options.helm, YAML.Options.standard] {
                let back = try YAML.parse(text, options: options)
                XCTAssertTrue(Self.equal(back, value), "#\(index) \(options.schema):\n\(text)\nwant \(value)\ngot  \(back)")
            }
        }
    }

    private func randomString(_ g: inout SeededGenerator) -> String {
        let count = Int(g.next() % (g.next() % 4 == 0 ? 40 : 6))
        return (0..<count).map { _ in Self.fragments[Int(g.next() % UInt64(Self.fragments.count))] }.joined()
    }

    private func randomValue(_ g: inout SeededGenerator, depth: Int) -> Value {
        switch g.next() % (depth > 3 ? 5 : 8) {
        case 0: return .null
        case 1: return .bool(g.next() % 2 == 0)
        case 2: return .int(Int64(bitPattern: g.next()) >> Int64(g.next() % 63))
        case 3: return .float(Double(Int64(bitPattern: g.next()) >> 40) / 1000)
        case 4: return .string(randomString(&g))
        case 5, 6:
            var mapping = Mapping()
            for _ in 0..<(g.next() % 4) { mapping[randomString(&g)] = randomValue(&g, depth: depth + 1) }
            return .mapping(mapping)
        default:
            return .sequence((0..<(g.next() % 4)).map { _ in randomValue(&g, depth: depth + 1) })
        }
    }

    /// Equal, with integral floats equal to integers (the emitter writes 3.0 as 3).
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .float(let y)), (.float(let y), .int(let x)): return Double(x) == y
        case (.sequence(let x), .sequence(let y)): return x.count == y.count && zip(x, y).allSatisfy(equal)
        case (.mapping(let x), .mapping(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0.key, $1.key) && equal($0.value, $1.value) }
        default: return a == b
        }
    }
}
