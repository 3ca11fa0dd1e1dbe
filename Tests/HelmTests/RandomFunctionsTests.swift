import Foundation
import XCTest

@testable import Helm

/// Sprig's random functions: their deterministic edges and errors against
/// Helm v4, and with a seeded generator their lengths, alphabets, ranges and
/// formats; the system generator is checked for the same shapes.
final class RandomFunctionsTests: XCTestCase {
    /// SplitMix64: a small seeded generator, so failures reproduce.
    private static func seeded(_ seed: UInt64) -> TemplateEnvironment {
        final class State: @unchecked Sendable {
            var x: UInt64
            let lock = NSLock()
            init(_ x: UInt64) { self.x = x }
        }
        let state = State(seed)
        return TemplateEnvironment(
            now: { GoTime(seconds: 0) }, localZone: .utc,
            random: {
                state.lock.lock()
                defer { state.lock.unlock() }
                state.x &+= 0x9E37_79B9_7F4A_7C15
                var z = state.x
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            })
    }

    private func render(_ template: String, _ environment: TemplateEnvironment) -> String {
        switch ChartFixture.renderFiles(HelmOracle.Case(templates: ["t.yaml": template]), environment: environment) {
        case .output(let files): return files["c/templates/t.yaml"] ?? "<missing>"
        case .error(let message): return "error: \(message)"
        }
    }

    func testEdgesAndErrorsMatchHelm() throws {
        let oracle = try HelmOracle.required()
        let templates = [
            "{{ randAlpha -1 }}|{{ randAlphaNum 0 }}|{{ randAscii -5 }}|{{ randNumeric 0 }}|{{ randBytes 0 }}|{{ shuffle \"\" }}|{{ shuffle \"a\" }}|{{ randInt 1 2 }}|{{ randInt -3 -2 }}",
            "{{ len (randAlpha 7) }}|{{ len (randAlphaNum 8) }}|{{ len (randAscii 9) }}|{{ len (randNumeric 10) }}|{{ len (randBytes 3) }}|{{ len (randBytes 4) }}|{{ len uuidv4 }}|{{ len (shuffle \"héllo\") }}",
            "{{ typeOf (randInt 0 9) }}|{{ typeOf (randAlpha 1) }}|{{ typeOf uuidv4 }}|{{ typeOf (randBytes 1) }}|{{ typeOf (shuffle \"ab\") }}",
            "{{ regexMatch \"^[a-zA-Z]{40}$\" (randAlpha 40) }}|{{ regexMatch \"^[0-9]{40}$\" (randNumeric 40) }}|{{ regexMatch \"^[a-zA-Z0-9]{40}$\" (randAlphaNum 40) }}|{{ regexMatch \"^[ -~]{40}$\" (randAscii 40) }}",
            "{{ regexMatch \"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$\" uuidv4 }}|{{ sortAlpha (splitList \"\" (shuffle \"abcabc\")) | join \"\" }}",
            "{{ randBytes -1 }}", "{{ randInt 5 5 }}", "{{ randInt 2 1 }}", "{{ randInt \"a\" 2 }}", "{{ randInt 1.5 2 }}", "{{ randInt 1 }}",
            "{{ randAlpha \"x\" }}", "{{ randAlpha .Values.n }}", "{{ randNumeric nil }}", "{{ shuffle 5 }}", "{{ uuidv4 1 }}", "{{ randBytes (int64 2) | len }}",
            "{{ randAscii .Values.f }}",
        ]
        let cases = templates.map { HelmOracle.Case(templates: ["t.yaml": $0], valuesJSON: #"{"f": 2.5}"#) }
        let helm = try oracle.render(cases)
        for (c, outcome) in zip(cases, helm) {
            assertSameAsHelm(ChartFixture.renderFiles(c), outcome, "template \(c.templates["t.yaml"] ?? "")")
        }
    }

    func testStringsUseSprigsAlphabetsAndCoverThem() {
        let environment = Self.seeded(1)
        let sets: [(String, Set<Unicode.Scalar>)] = [
            ("randAlpha", Set(RandomFunctions.letters)), ("randAlphaNum", Set(RandomFunctions.letters + RandomFunctions.digits)),
            ("randNumeric", Set(RandomFunctions.digits)), ("randAscii", Set((32...126).map { Unicode.Scalar(UInt8($0)) })),
        ]
        for (name, alphabet) in sets {
            let text = render("{{ \(name) 5000 }}", environment)
            XCTAssertEqual(text.unicodeScalars.count, 5000, name)
            XCTAssertEqual(Set(text.unicodeScalars), alphabet, "\(name) draws from exactly its alphabet")
        }
        XCTAssertEqual(Set(RandomFunctions.letters).count, 52)
    }

    func testRandIntStaysInItsHalfOpenRange() {
        let environment = Self.seeded(2)
        var seen = Set<Int>()
        for _ in 0..<200 {
            guard let n = Int(render("{{ randInt -2 3 }}", environment)) else { return XCTFail("not an int") }
            seen.insert(n)
        }
        XCTAssertEqual(seen, [-2, -1, 0, 1, 2])
        XCTAssertEqual(render("{{ randInt 7 8 }}", environment), "7")
        let wide = render("{{ randInt -4611686018427387904 4611686018427387903 }}", environment)
        XCTAssertNotNil(Int(wide), wide)
        XCTAssertEqual(render("{{ randInt -9223372036854775808 9223372036854775807 }}", environment),
            "error: template: c/templates/t.yaml:1:3: executing \"c/templates/t.yaml\" at <randInt -9223372036854775808 9223372036854775807>: error calling randInt: invalid argument to Intn")
    }

    func testShuffleIsAPermutationOfCodePoints() {
        let environment = Self.seeded(3)
        let input = "héllo wörld 🌍 abc"
        var outputs = Set<String>()
        for _ in 0..<20 {
            let shuffled = render("{{ shuffle \"\(input)\" }}", environment)
            XCTAssertEqual(shuffled.unicodeScalars.sorted(), input.unicodeScalars.sorted())
            outputs.insert(shuffled)
        }
        XCTAssertGreaterThan(outputs.count, 1, "shuffle reorders")
    }

    func testBytesAndUUIDs() throws {
        for environment in [Self.seeded(4), TemplateEnvironment.system()] {
            for n in [1, 2, 3, 8, 9, 33] {
                let encoded = render("{{ randBytes \(n) }}", environment)
                XCTAssertEqual(Data(base64Encoded: encoded)?.count, n, encoded)
            }
            let uuid = try NSRegularExpression(pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
            var seen = Set<String>()
            for _ in 0..<50 {
                let u = render("{{ uuidv4 }}", environment)
                XCTAssertNotNil(uuid.firstMatch(in: u, range: NSRange(u.startIndex..., in: u)), u)
                seen.insert(u)
            }
            XCTAssertEqual(seen.count, 50)
        }
        XCTAssertEqual(RandomFunctions.uuidV4(Array(repeating: 0xFF, count: 16)), "ffffffff-ffff-4fff-bfff-ffffffffffff")
        XCTAssertEqual(RandomFunctions.uuidV4(Array(repeating: 0, count: 16)), "00000000-0000-4000-8000-000000000000")
    }

    func testTheSameSeedGivesTheSameOutput() {
        let template = "{{ randAlphaNum 12 }}|{{ randInt 0 1000 }}|{{ shuffle \"abcdef\" }}|{{ uuidv4 }}|{{ randBytes 5 }}"
        XCTAssertEqual(render(template, Self.seeded(9)), render(template, Self.seeded(9)))
        XCTAssertNotEqual(render(template, Self.seeded(9)), render(template, Self.seeded(10)))
    }
}
