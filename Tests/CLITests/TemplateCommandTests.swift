import Foundation
import XCTest

@testable import CLI

/// `kubectl mesh template`: flags reach the renderer, output is helm
/// template's, errors exit 1 with Helm's wording, completion offers
/// directories and values files.
final class TemplateCommandTests: XCTestCase {
    private static let charts = CLITest.packageRoot + "/Tests/Fixtures/charts"

    func testRendersAFixtureChartWithFlags() throws {
        let scratch = try Scratch()
        _ = try scratch.write("values.yaml", "replicas: 4\n")
        let result = CLITest.run(
            ["template", Self.charts + "/sorting", "--name", "demo", "-n", "apps", "-f", "values.yaml", "--set", "hooks=false",
             "--show-only", "templates/quirks.yaml"],
            workingDirectory: scratch.path)
        XCTAssertEqual(result.status, .success, result.errors)
        // As in Helm, --show-only re-splits the output: the quirky "---" line inside that
        // document leaves an empty "# Source:" document and drops the Namespace.
        XCTAssertTrue(
            result.output.hasPrefix(
                "---\n# Source: sorting/templates/quirks.yaml\n---\n# Source: sorting/templates/quirks.yaml\nkind: CustomResourceDefinition\n"),
            result.output)
        XCTAssertTrue(result.output.contains("kind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 4\n"), result.output)
        XCTAssertFalse(result.output.contains("helm.sh/hook"))
    }

    func testNamespaceDefaultsToTheContextsNamespace() throws {
        let scratch = try Scratch()
        let kubeconfig = try scratch.write("config", CLITest.kubeconfig)
        let chart = try scratch.write("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n")
        _ = try scratch.write("c/templates/t.yaml", "ns: {{ .Release.Namespace }}\n")
        let directory = (chart as NSString).deletingLastPathComponent
        let west = CLITest.run(["template", directory, "--kubeconfig", kubeconfig, "--context", "kind-west"])
        XCTAssertEqual(west.output, "---\n# Source: c/templates/t.yaml\nns: apps\n")
        let east = CLITest.run(["template", directory, "--kubeconfig", kubeconfig])
        XCTAssertEqual(east.output, "---\n# Source: c/templates/t.yaml\nns: default\n")
        let given = CLITest.run(["template", directory, "--kubeconfig", kubeconfig, "--namespace", "given"])
        XCTAssertEqual(given.output, "---\n# Source: c/templates/t.yaml\nns: given\n")
    }

    func testErrorsExitOneWithHelmsMessage() throws {
        let scratch = try Scratch()
        _ = try scratch.write("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n")
        _ = try scratch.write("c/templates/t.yaml", "a: 1\nx: {{ .Values.a.b }}\n")
        let failed = CLITest.run(["template", "c"], workingDirectory: scratch.path)
        XCTAssertEqual(failed.status, .failure)
        XCTAssertEqual(
            failed.errors,
            "error: c/templates/t.yaml:2:13\n  executing \"c/templates/t.yaml\" at <.Values.a.b>:\n    nil pointer evaluating interface {}.b\n")
        let missing = CLITest.run(["template", "/nonexistent/chart"])
        XCTAssertEqual(missing.status, .failure)
        XCTAssertTrue(missing.errors.hasPrefix("error: path \"/nonexistent/chart\" not found\nhint: "), missing.errors)
        let usage = CLITest.run(["template"])
        XCTAssertEqual(usage.status, .usage)
        let badSet = CLITest.run(["template", "c", "--set", "a"], workingDirectory: scratch.path)
        XCTAssertEqual(badSet.errors, "error: failed parsing --set data: key \"a\" has no value\n")
    }

    func testReleaseNameComesFirstAsInHelm() throws {
        let scratch = try Scratch()
        _ = try scratch.write("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n")
        _ = try scratch.write("c/templates/t.yaml", "name: {{ .Release.Name }}\n")
        let helmOrder = CLITest.run(["template", "istiod", "c", "-n", "istio-system"], workingDirectory: scratch.path)
        XCTAssertEqual(helmOrder.output, "---\n# Source: c/templates/t.yaml\nname: istiod\n", helmOrder.errors)
        let flag = CLITest.run(["template", "c", "--name", "flagged"], workingDirectory: scratch.path)
        XCTAssertEqual(flag.output, "---\n# Source: c/templates/t.yaml\nname: flagged\n", flag.errors)
        let same = CLITest.run(["template", "both", "c", "--name", "both"], workingDirectory: scratch.path)
        XCTAssertEqual(same.output, "---\n# Source: c/templates/t.yaml\nname: both\n", same.errors)
        let unnamed = CLITest.run(["template", "c"], workingDirectory: scratch.path)
        XCTAssertEqual(unnamed.output, "---\n# Source: c/templates/t.yaml\nname: release-name\n", unnamed.errors)

        let twice = CLITest.run(["template", "one", "c", "--name", "two"], workingDirectory: scratch.path)
        XCTAssertEqual(twice.status, .usage)
        XCTAssertEqual(
            twice.errors,
            "error: the release name is given twice: \"one\" and --name \"two\"; give one\nhint: run \"kubectl mesh template --help\" for usage\n")
        let swapped = CLITest.run(["template", "c", "istiod"], workingDirectory: scratch.path)
        XCTAssertEqual(swapped.status, .failure)
        XCTAssertTrue(
            swapped.errors.hasSuffix("\nhint: the release name comes first, as in helm template: kubectl mesh template NAME CHART_DIR\n"),
            swapped.errors)
        let three = CLITest.run(["template", "a", "b", "c"], workingDirectory: scratch.path)
        XCTAssertEqual(three.status, .usage)
        XCTAssertTrue(three.errors.hasPrefix("error: unexpected argument \"c\""), three.errors)
        let badName = CLITest.run(["template", "Bad_Name", "c"], workingDirectory: scratch.path)
        XCTAssertEqual(badName.status, .failure)
        XCTAssertTrue(badName.errors.hasPrefix("error: release name check failed: release name \"Bad_Name\": invalid release name"), badName.errors)
        XCTAssertEqual(CLITest.run(["__complete", "template", "istiod", ""]).output, ":16\n")
    }

    func testSchemaRefusesValuesUnlessSkipped() {
        let refused = CLITest.run(["template", Self.charts + "/schema", "--set", "kind=Job"])
        XCTAssertEqual(refused.status, .failure)
        XCTAssertTrue(
            refused.errors.hasPrefix(
                "error: values don't meet the specifications of the schema(s) in the following chart(s):\nshop:\n- at '/kind': value must be one of 'Deployment', 'DaemonSet', 'StatefulSet'\n"),
            refused.errors)
        XCTAssertTrue(refused.errors.contains("hint: "), refused.errors)
        let skipped = CLITest.run(["template", Self.charts + "/schema", "--set", "kind=Job", "--skip-schema-validation"])
        XCTAssertEqual(skipped.status, .success, skipped.errors)
        XCTAssertTrue(skipped.output.contains("kind: Job\n"), skipped.output)
    }

    func testCompletionOffersDirectoriesAndValuesFiles() {
        XCTAssertEqual(CLITest.run(["__complete", "template", ""]).output, ":16\n")
        XCTAssertEqual(CLITest.run(["__complete", "template", "c", "-f", ""]).output, "yaml\nyml\njson\n:8\n")
        XCTAssertTrue(CLITest.run(["__complete", "template", "c", "--set-"]).output.contains("--set-string"))
    }
}
