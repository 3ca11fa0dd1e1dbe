import XCTest

@testable import Helm

/// Chart loading: what becomes a template, a file or a subchart; `.helmignore`;
/// Chart.yaml typing; and the pattern languages of `.helmignore`/`--show-only`
/// (Go's filepath.Match) and `.Files.Glob` (gobwas/glob).
final class ChartLoaderTests: XCTestCase {
    func testFixtureChartLayout() throws {
        let chart = try ChartLoader.load(directory: ChartFixture.fixturesDirectory() + "/files")
        XCTAssertEqual(chart.name, "files")
        XCTAssertEqual(chart.templates.map(\.name), ["templates/configmap.yaml"])
        XCTAssertEqual(
            chart.files.map(\.name).sorted(),
            [".helmignore", "blob.bin", "config/app.properties", "config/app.yaml", "config/nested/deep.yaml", "crds/widget.yaml", "lines.txt", "secrets/password.txt"])
        let umbrella = try ChartLoader.load(directory: ChartFixture.fixturesDirectory() + "/umbrella")
        XCTAssertEqual(umbrella.dependencies.map(\.name).sorted(), ["db", "extra", "lib", "web"])
        let db = try XCTUnwrap(umbrella.dependencies.first { $0.name == "db" })
        XCTAssertEqual(db.fullPath, "umbrella/charts/db")
        XCTAssertEqual(db.dependencies.first?.fullPath, "umbrella/charts/db/charts/backup")
        XCTAssertEqual(umbrella.metadata.dependencies.map(\.alias), ["", "admin", "", ""])
    }

    func testChartYAMLReadsLikeHelm() throws {
        let metadata = try ChartMetadata(yaml: "apiVersion: v2\nName: c\nversion: 1.10\nappVersion: 010\ndeprecated: true\nkeywords: [a, 1]\nunknown: x\n")
        XCTAssertEqual(metadata.name, "c")
        XCTAssertEqual(metadata.version, "1.1")
        XCTAssertEqual(metadata.appVersion, "8")
        XCTAssertEqual(metadata.keywords, ["a", "1"])
        XCTAssertTrue(metadata.deprecated)
        XCTAssertEqual(try ChartMetadata(yaml: "name: c\nversion: 1.0.0\n").apiVersion, "v1")
        XCTAssertThrowsError(try ChartMetadata(yaml: "name: [c]\n")) {
            XCTAssertEqual(
                "\($0)",
                "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field Metadata.name of type string")
        }
        XCTAssertThrowsError(try ChartMetadata(yaml: "deprecated: yes please\n"))
        XCTAssertThrowsError(try ChartMetadata(yaml: "apiVersion: v2\nname: ../x\nversion: 1.0.0\n").validate())
        XCTAssertThrowsError(try ChartMetadata(yaml: "apiVersion: v2\nname: c\nversion: 1.0.0\ntype: other\n").validate()) {
            XCTAssertEqual("\($0)", "validation: chart.metadata.type must be application or library")
        }
    }

    func testHelmIgnoreRules() throws {
        let rules = try HelmIgnore(text: "# comment\n\n*.bak\nsecret/\n/top.txt\ndocs/*.md\n")
        XCTAssertTrue(rules.ignores("a/b/file.bak", isDirectory: false))
        XCTAssertTrue(rules.ignores("secret", isDirectory: true))
        XCTAssertFalse(rules.ignores("secret", isDirectory: false))
        XCTAssertTrue(rules.ignores("top.txt", isDirectory: false))
        XCTAssertFalse(rules.ignores("sub/top.txt", isDirectory: false))
        XCTAssertTrue(rules.ignores("docs/readme.md", isDirectory: false))
        XCTAssertFalse(rules.ignores("docs/sub/readme.md", isDirectory: false))
        XCTAssertFalse(rules.ignores("keep.txt", isDirectory: false))
        // A negated rule ignores everything it does not match (Helm's rule).
        let negated = try HelmIgnore(text: "!keep.txt\n")
        XCTAssertTrue(negated.ignores("other.txt", isDirectory: false))
        XCTAssertFalse(negated.ignores("keep.txt", isDirectory: false))
        XCTAssertTrue(HelmIgnore().ignores("templates/.hidden", isDirectory: false))
        XCTAssertFalse(HelmIgnore().ignores("templates/visible.yaml", isDirectory: false))
        XCTAssertThrowsError(try HelmIgnore(text: "a/**/b\n"))
        XCTAssertThrowsError(try HelmIgnore(text: "[a-\n"))
    }

    func testFilepathMatch() throws {
        let cases: [(String, String, Bool)] = [
            ("*.yaml", "a.yaml", true), ("*.yaml", "dir/a.yaml", false), ("templates/*", "templates/a", true),
            ("a?c", "abc", true), ("a?c", "a/c", false), ("[a-c]x", "bx", true), ("[^a-c]x", "bx", false), ("[!a]x", "!x", true),
            ("a\\*", "a*", true), ("*", "", true), ("a*b*c", "axxbyyc", true), ("a*b", "a/b", false), ("", "", true),
        ]
        for (pattern, name, expected) in cases {
            XCTAssertEqual(try PathPattern(pattern).matches(name), expected, "\(pattern) ~ \(name)")
        }
        XCTAssertThrowsError(try PathPattern("[").matches("a"))
        XCTAssertThrowsError(try PathPattern("a\\").matches("a"))
    }

    func testGlob() throws {
        let cases: [(String, String, Bool)] = [
            ("files/*", "files/a.txt", true), ("files/*", "files/sub/a.txt", false), ("files/**", "files/sub/a.txt", true),
            ("**.json", "a/b/c.json", true), ("*.{yaml,json}", "x.json", true), ("*.{yaml,json}", "x.txt", false),
            ("f?le", "file", true), ("f?le", "f/le", false), ("[ab]*", "bee", true), ("[!ab]*", "bee", false),
            ("{a,{b,c}}d", "cd", true), ("\\*", "*", true),
        ]
        for (pattern, name, expected) in cases {
            XCTAssertEqual(try GlobPattern(pattern).matches(name), expected, "\(pattern) ~ \(name)")
        }
        XCTAssertThrowsError(try GlobPattern("{a,b"))
        XCTAssertThrowsError(try GlobPattern("[]"))
    }

    func testLoadFailures() throws {
        let noChartYAML = try ChartFixture.write(["templates/t.yaml": "x"])
        try FileManager.default.removeItem(atPath: noChartYAML + "/Chart.yaml")
        defer { ChartFixture.remove(noChartYAML) }
        XCTAssertThrowsError(try ChartLoader.load(directory: noChartYAML)) { XCTAssertEqual("\($0)", "Chart.yaml file is missing") }
        let packaged = try ChartFixture.write(["charts/sub.tgz": "not really gzip"])
        defer { ChartFixture.remove(packaged) }
        XCTAssertThrowsError(try ChartLoader.load(directory: packaged)) {
            XCTAssertTrue("\($0)".contains("packaged subcharts are not supported"))
        }
        XCTAssertThrowsError(try ChartLoader.load(directory: "/nonexistent")) { XCTAssertEqual("\($0)", "path \"/nonexistent\" not found") }
    }
}
