import Foundation
import XCTest
import YAML

@testable import Helm

/// `fromToml` against Helm v4 (BurntSushi/toml v1.6.0): every document is
/// rendered through `toJson`, `toYaml`, `%v` and `typeOf` of each top-level
/// value by Helm and by us, in the same `TZ`, and must print the same bytes;
/// rejected documents must give the same `Error` text.
final class TOMLOracleTests: XCTestCase {
    /// What each document prints: its map through `toJson`, `toYaml`, `%v`
    /// and `toToml`, then each top-level key with `typeOf`, `%v`, `%#v` of its
    /// value and, for a time, whether it `eq`s itself.
    static let template = """
        {{- range .Values.docs }}{{ $d := fromToml . -}}
        json: {{ toJson $d }}
        yaml: {{ toYaml $d }}
        v: {{ $d }}
        toml: {{ toToml $d }}
        {{ range $k, $v := $d }}{{ $k }}: {{ typeOf $v }} {{ $v }} {{ printf "%#v" $v }}{{ if eq (typeOf $v) "time.Time" }} {{ eq $v $v }}{{ end }}
        {{ end }}{{ "\\n@@@ end of document @@@\\n" }}{{ end }}
        """

    /// Renders all documents in one chart with Helm and with us and compares
    /// what each prints.
    func check(_ documents: [String], tz: String = "UTC", file: StaticString = #filePath, line: UInt = #line) throws {
        var oracle = try HelmOracle.required()
        oracle.environment = ["TZ": tz]
        let values = String(decoding: try JSONSerialization.data(withJSONObject: ["docs": documents]), as: UTF8.self)
        let c = HelmOracle.Case(templates: ["t.yaml": Self.template], valuesJSON: values)
        let helmOutcome = Self.withoutTableArrayType(try oracle.render([c])[0])
        guard case .output(let helmFiles) = helmOutcome, let helm = helmFiles["c/templates/t.yaml"] else {
            return XCTFail("Helm could not render the documents: \(helmOutcome)", file: file, line: line)
        }
        let ours = ChartFixture.renderFiles(c, environment: TemplateEnvironment.system(environment: ["TZ": tz]))
        guard case .output(let ourFiles) = ours, let text = ourFiles["c/templates/t.yaml"] else {
            return XCTFail("we could not render the documents: \(ours)", file: file, line: line)
        }
        let expected = helm.components(separatedBy: "\n@@@ end of document @@@\n")
        let got = text.components(separatedBy: "\n@@@ end of document @@@\n")
        XCTAssertEqual(expected.count, documents.count + 1, file: file, line: line)
        XCTAssertEqual(got.count, expected.count, file: file, line: line)
        for (i, doc) in documents.enumerated() where i < min(expected.count, got.count) && expected[i] != got[i] {
            XCTFail("TZ=\(tz) document \(String(reflecting: doc))\n  ours: \(String(reflecting: got[i]))\n  helm: \(String(reflecting: expected[i]))",
                file: file, line: line)
        }
    }

    /// Helm's output with the one difference we keep: BurntSushi's arrays of
    /// tables are `[]map[string]interface {}`, which `typeOf` names; ours are
    /// `[]interface {}` (they print, marshal and range the same).
    static func withoutTableArrayType(_ outcome: HelmOracle.Outcome) -> HelmOracle.Outcome {
        guard case .output(let files) = outcome else { return outcome }
        return .output(files.mapValues { $0.replacingOccurrences(of: "[]map[string]interface {}", with: "[]interface {}") })
    }

    /// The documents of one fixture file, separated by lines `=====`.
    static func fixture(_ name: String, file: StaticString = #filePath) throws -> [String] {
        let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/toml/\(name)")
        return try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n=====\n")
    }

    func testValidDocumentsReadLikeHelm() throws {
        try check(try Self.fixture("valid.toml-docs"))
    }

    func testInvalidDocumentsFailLikeHelm() throws {
        try check(try Self.fixture("invalid.toml-docs"))
    }

    /// Corners: where multi-line values end, errors at the end of the input,
    /// the redefinitions BurntSushi allows and refuses, numbers and date-times
    /// on the edge, control characters, carriage returns.
    func testCornerCasesLikeHelm() throws {
        try check(try Self.fixture("edge.toml-docs"))
    }

    /// A small deterministic generator (64-bit LCG), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let insertions = [
        "\"", "'", "=", ".", "[", "]", "{", "}", ",", "#", "\n", " ", "\\", "0", "1", "_", "e", "-", ":", "T", "Z", "+", "a",
        "\t", "\r\n", "\"\"\"", "'''", "[[", "]]", "x.y", "inf", "\\u", "é",
    ]

    /// Documents one or two edits away from the fixtures (a character
    /// dropped or inserted, a line doubled or dropped): Helm and we must accept and
    /// reject the same ones, with the same values and messages.
    func testMutatedDocumentsLikeHelm() throws {
        let seeds = try Self.fixture("valid.toml-docs") + Self.fixture("edge.toml-docs") + Self.fixture("invalid.toml-docs")
        var g = Generator(state: 20_261_125)
        var documents: [String] = []
        for _ in 0..<3000 {
            var chars = Array(seeds[g.next(seeds.count)])
            for _ in 0...g.next(2) {
            switch g.next(4) {
            case 0 where !chars.isEmpty:
                chars.remove(at: g.next(chars.count))
            case 1:
                chars.insert(contentsOf: Self.insertions[g.next(Self.insertions.count)], at: g.next(chars.count + 1))
            default:
                var lines = String(chars).components(separatedBy: "\n")
                let i = g.next(lines.count)
                if g.next(2) == 0 { lines.insert(lines[i], at: i) } else { lines.remove(at: i) }
                chars = Array(lines.joined(separator: "\n"))
            }
            }
            documents.append(String(chars))
        }
        try check(documents)
    }

    func testDateTimesInALocalZone() throws {
        let docs = try Self.fixture("valid.toml-docs").filter { $0.contains(":") || $0.contains("-") }
        try check(docs, tz: "America/New_York")
        try check(docs, tz: "Asia/Kolkata")
    }
}
