import Foundation
import XCTest

@testable import YAML

/// Runs every case of the YAML test suite (github.com/yaml/yaml-test-suite, data
/// branch) found in `$YAML_TEST_SUITE`, else beside the repository in
/// `../shared/yaml-test-suite` (where CI lays it); without it the test says so and passes:
/// cases with `in.json` must give exactly those values, cases with `error` must
/// be rejected. Cases with neither (their result has no JSON form) are skipped.
final class YAMLTestSuiteTests: XCTestCase {
    static let requiredPassRate = 0.97

    func testYAMLTestSuite() throws {
        guard let suite = Self.suiteDirectory() else {
            print("yaml-test-suite: skipped (set YAML_TEST_SUITE, or put the suite in ../shared/yaml-test-suite beside the repository)")
            return
        }
        var passed = 0
        var failed: [String] = []
        var skipped = 0
        for testCase in try Self.cases(in: suite) {
            switch run(testCase) {
            case .passed: passed += 1
            case .skipped: skipped += 1
            case .failed(let reason): failed.append("\(testCase.id) (\(testCase.name)): \(reason)")
            }
        }
        print("yaml-test-suite: \(passed) passed, \(failed.count) failed, \(skipped) skipped")
        for failure in failed { print("  FAIL \(failure)") }
        let rate = Double(passed) / Double(max(1, passed + failed.count))
        XCTAssertGreaterThanOrEqual(rate, Self.requiredPassRate, "pass rate \(rate) is below \(Self.requiredPassRate)")
    }

    func testSuiteIsFoundWhereYAMLTestSuiteNamesIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        XCTAssertEqual(Self.suiteDirectory(environment: ["YAML_TEST_SUITE": directory.path])?.path, directory.path)
        // A name that leads nowhere falls back to the places beside the repository, never to an error.
        XCTAssertEqual(Self.suiteDirectory(environment: ["YAML_TEST_SUITE": directory.path + "/missing"]),
                       Self.suiteDirectory(environment: [:]))
    }

    // MARK: Cases

    struct Case {
        var id: String
        var name: String
        var directory: URL
    }

    enum Outcome {
        case passed, skipped
        case failed(String)
    }

    static func suiteDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        // Named, else beside the repository, or beside the folder of worktrees that holds it.
        let named = environment["YAML_TEST_SUITE"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        let beside = ["../shared/yaml-test-suite", "../../shared/yaml-test-suite"].map {
            repository.appendingPathComponent($0).standardized
        }
        for url in (named.map { [$0] } ?? []) + beside {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return url
            }
        }
        return nil
    }

    static func cases(in suite: URL) throws -> [Case] {
        let fm = FileManager.default
        var result: [Case] = []
        for id in try fm.contentsOfDirectory(atPath: suite.path).sorted() {
            let dir = suite.appendingPathComponent(id)
            if fm.fileExists(atPath: dir.appendingPathComponent("in.yaml").path) {
                result.append(Case(id: id, name: name(dir), directory: dir))
                continue
            }
            guard let subs = try? fm.contentsOfDirectory(atPath: dir.path) else { continue }
            for sub in subs.sorted() where fm.fileExists(atPath: dir.appendingPathComponent(sub).appendingPathComponent("in.yaml").path) {
                let subdir = dir.appendingPathComponent(sub)
                result.append(Case(id: "\(id)/\(sub)", name: name(subdir), directory: subdir))
            }
        }
        return result
    }

    private static func name(_ dir: URL) -> String {
        ((try? String(contentsOf: dir.appendingPathComponent("==="), encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func run(_ testCase: Case) -> Outcome {
        let fm = FileManager.default
        guard let input = fm.contents(atPath: testCase.directory.appendingPathComponent("in.yaml").path) else {
            return .failed("cannot read in.yaml")
        }
        let bytes = [UInt8](input)
        if fm.fileExists(atPath: testCase.directory.appendingPathComponent("error").path) {
            do {
                let documents = try YAML.parseAll(bytes)
                return .failed("accepted invalid input: \(documents)")
            } catch {
                return .passed
            }
        }
        guard let json = try? String(contentsOf: testCase.directory.appendingPathComponent("in.json"), encoding: .utf8) else {
            // Valid, but its result has no JSON form (complex keys, …): it must still parse.
            // The suite tests syntax only, so equal keys (two empty keys in 2JQS) are allowed.
            do {
                _ = try YAML.parseAll(bytes, options: YAML.Options(duplicateKeys: .lastWins))
                return .skipped
            } catch {
                return .failed("rejected valid input: \(error)")
            }
        }
        let expected: [Value]
        do {
            expected = try JSON.parseSequence(json, duplicateKeys: .lastWins)
        } catch {
            return .failed("cannot read in.json: \(error)")
        }
        let actual: [Value]
        do {
            actual = try YAML.parseAll(bytes)
        } catch {
            return .failed("rejected valid input: \(error)")
        }
        guard actual.count == expected.count else {
            return .failed("expected \(expected.count) documents, got \(actual.count): \(actual)")
        }
        for (a, e) in zip(actual, expected) where !Self.jsonEqual(a, e) {
            return .failed("expected \(e), got \(a)")
        }
        return .passed
    }

    /// Equality as JSON sees it: tags dropped, numbers by value, mappings in any order,
    /// scalar keys by their text.
    static func jsonEqual(_ actual: Value, _ expected: Value) -> Bool {
        switch (actual.untagged, expected) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.int, .int), (.int, .float), (.float, .int), (.float, .float):
            return actual.double == expected.double
        case (.sequence(let a), .sequence(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { jsonEqual($0, $1) }
        case (.mapping(let a), .mapping(let b)):
            guard a.count == b.count else { return false }
            for entry in b {
                guard case .string(let key) = entry.key,
                    let match = a.first(where: { keyText($0.key) == key }),
                    jsonEqual(match.value, entry.value)
                else { return false }
            }
            return true
        default:
            return false
        }
    }

    static func keyText(_ key: Value) -> String? {
        switch key.untagged {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return String(b)
        case .null: return ""
        case .float(let d): return String(d)
        default: return nil
        }
    }
}
