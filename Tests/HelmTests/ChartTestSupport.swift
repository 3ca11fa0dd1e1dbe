import Foundation
import XCTest
import YAML

@testable import Helm

/// Charts written into temporary directories, rendered by our renderer and,
/// for differential tests, by Helm v4 (HelmOracle).
enum ChartFixture {
    static let defaultChartYAML = "apiVersion: v2\nname: c\nversion: 0.1.0\n"

    /// The project's own fixture charts (Tests/Fixtures/charts).
    static func fixturesDirectory(file: StaticString = #filePath) -> String {
        URL(fileURLWithPath: "\(file)").deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/charts").path
    }

    /// Writes `files` (paths from the chart root; Chart.yaml added when missing)
    /// into a new temporary directory; returns the chart directory.
    static func write(_ files: [String: String], chartName: String = "c") throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("helm-chart-\(UUID().uuidString)")
        let chart = root.appendingPathComponent(chartName)
        var all = files
        if all["Chart.yaml"] == nil { all["Chart.yaml"] = "apiVersion: v2\nname: \(chartName)\nversion: 0.1.0\n" }
        for (path, text) in all {
            let url = chart.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return chart.path
    }

    /// Removes a chart made by `write` (its temporary parent directory).
    static func remove(_ chartDirectory: String) {
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: chartDirectory).deletingLastPathComponent())
    }

    /// Our renderer's engine output for a batch case (release `r` in `ns`,
    /// values like `-f`), or the error Helm's wording.
    static func renderFiles(_ testCase: HelmOracle.Case, environment: TemplateEnvironment? = nil) -> HelmOracle.Outcome {
        var files = testCase.files
        for (name, text) in testCase.templates { files["templates/" + name] = text }
        do {
            let directory = try write(files)
            defer { remove(directory) }
            let chart = try ChartLoader.load(directory: directory)
            var options = RenderOptions()
            options.releaseName = "r"
            options.namespace = "ns"
            options.values = try JSON.parse(testCase.valuesJSON)
            if let environment { options.environment = environment }
            return .output(try HelmRenderer().renderTemplates(chart, options: options))
        } catch let error as HelmError {
            return .error(error.message)
        } catch {
            return .error("\(error)")
        }
    }

    /// `helm template` output of a chart directory with our renderer, or the error.
    static func template(_ directory: String, name: String, namespace: String, valuesJSON: String = "{}", configure: (inout RenderOptions) -> Void = { _ in }) -> HelmOracle.Outcome {
        do {
            var options = RenderOptions()
            options.releaseName = name
            options.namespace = namespace
            options.values = try JSON.parse(valuesJSON)
            configure(&options)
            let rendered = try HelmRenderer().renderChart(at: directory, options: options)
            // The oracle prints what helm template prints before the hooks.
            var hookBytes = 0
            for hook in rendered.hooks { hookBytes += "---\n# Source: \(hook.templateName)\n\(hook.text)\n".utf8.count }
            return .output(["manifest": String(decoding: Array(rendered.manifest.utf8).dropLast(hookBytes), as: UTF8.self)])
        } catch let error as HelmError {
            return .error(error.message)
        } catch {
            return .error("\(error)")
        }
    }
}

/// Compares our outcomes with Helm's, naming the case on a difference.
func assertSameAsHelm(
    _ ours: HelmOracle.Outcome, _ helm: HelmOracle.Outcome, _ label: String, file: StaticString = #filePath, line: UInt = #line
) {
    switch (ours, helm) {
    case (.output(let a), .output(let b)):
        for key in Set(a.keys).union(b.keys).sorted() where a[key] != b[key] {
            XCTFail("\(label): \(key) differs\n  ours: \(String(reflecting: a[key]))\n  helm: \(String(reflecting: b[key]))", file: file, line: line)
        }
    case (.error(let a), .error(let b)):
        XCTAssertEqual(a, b, "\(label): error messages differ", file: file, line: line)
    case (.output(let a), .error(let b)):
        XCTFail("\(label): Helm fails (\(b)) but we render \(a)", file: file, line: line)
    case (.error(let a), .output(let b)):
        XCTFail("\(label): Helm renders \(b) but we fail: \(a)", file: file, line: line)
    }
}
