import XCTest
import YAML

@testable import Helm

/// `helm template` behaviour the oracle cannot show (flags, hooks, typing from
/// `--set`), pinned against the fixture charts and temporary ones.
final class HelmRendererTests: XCTestCase {
    private func render(_ files: [String: String], configure: (inout RenderOptions) -> Void = { _ in }) throws -> RenderedChart {
        let directory = try ChartFixture.write(files)
        defer { ChartFixture.remove(directory) }
        var options = RenderOptions()
        configure(&options)
        return try HelmRenderer().renderChart(at: directory, options: options)
    }

    private func renderError(_ files: [String: String], configure: (inout RenderOptions) -> Void = { _ in }) -> HelmError? {
        do {
            _ = try render(files, configure: configure)
            return nil
        } catch let error as HelmError {
            return error
        } catch {
            XCTFail("unexpected \(error)")
            return nil
        }
    }

    func testHelmNotesExampleOutputAndHooksAfterManifests() throws {
        let rendered = try render([
            "templates/a.yaml": "x: {{ .Values.x | default \"unset\" }}\n",
            "templates/b.yaml": "{{- $_ := set .Values \"x\" \"from-b\" }}",
            "templates/c.yaml": "kind: Service\nmetadata: {name: s}\n---\n# only a comment\n---\nkind: ConfigMap\nmetadata: {name: cm}\n---\nkind: Widget\n",
            "templates/hook.yaml": "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install\n",
            "templates/NOTES.txt": "thanks for installing {{ .Release.Name }}",
        ])
        XCTAssertEqual(
            rendered.manifest,
            """
            ---
            # Source: c/templates/c.yaml
            kind: ConfigMap
            metadata: {name: cm}
            ---
            # Source: c/templates/c.yaml
            kind: Service
            metadata: {name: s}
            ---
            # Source: c/templates/a.yaml
            x: from-b

            ---
            # Source: c/templates/c.yaml
            # only a comment
            ---
            # Source: c/templates/c.yaml
            kind: Widget
            ---
            # Source: c/templates/hook.yaml
            kind: Job
            metadata:
              name: j
              annotations:
                helm.sh/hook: pre-install


            """)
        XCTAssertEqual(rendered.notes, "thanks for installing release-name")
        XCTAssertEqual(rendered.documents.map(\.kind), ["ConfigMap", "Service", "", "", "Widget"])
        XCTAssertEqual(rendered.hooks.map(\.hookEvents), [["pre-install"]])
        XCTAssertEqual(rendered.documents[0].value["metadata"]?["name"], "cm")
        XCTAssertEqual(try render(["templates/empty.yaml": "  \n"]).manifest, "\n")
    }

    func testFlagsReachTheTemplates() throws {
        let template = [
            "templates/t.yaml":
                "v: {{ .Values.a }} {{ typeOf .Values.a }} {{ typeOf .Values.b }} {{ .Values.s }} {{ typeOf .Values.j.x }} {{ .Values.lit }}\nk: {{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.APIVersions.Has \"x.io/v1\" }} {{ .Capabilities.APIVersions.Has \"y.io/v2\" }}\nr: {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }}\n"
        ]
        let rendered = try render(template) { options in
            options.set = ["a=1000000,b=1.5"]
            options.setString = ["s=007"]
            options.setJSON = ["j={\"x\": 2}"]
            options.setLiteral = ["lit=a,b=c"]
            options.kubeVersion = "1.30.2-gke.1"
            options.apiVersions = ["x.io/v1,y.io/v2"]
            options.isUpgrade = true
            options.releaseName = "my-rel"
            options.namespace = "team"
        }
        XCTAssertEqual(
            rendered.manifest,
            "---\n# Source: c/templates/t.yaml\nv: 1000000 int64 string 007 float64 a,b=c\nk: v1.30.2 v1.30.2-gke.1 true true\nr: my-rel team false true\n")
    }

    func testValuesMergeOrderByFlagKind() throws {
        let directory = try ChartFixture.write(["values.yaml": "a: chart\n", "templates/t.yaml": "v: {{ .Values.a }}|{{ .Values.b }}|{{ .Values.f }}\n"])
        defer { ChartFixture.remove(directory) }
        let valuesFile = directory + "/../user.yaml"
        try Data("a: file\nb: file\nf: 1000000\n".utf8).write(to: URL(fileURLWithPath: valuesFile))
        let contentFile = directory + "/../content.txt"
        try Data("from-file".utf8).write(to: URL(fileURLWithPath: contentFile))
        var options = RenderOptions()
        options.valuesFiles = [valuesFile]
        options.setString = ["a=string"]
        options.set = ["a=set,b=set"]
        options.setFile = ["b=\(contentFile)"]
        options.setJSON = ["a=\"json\""]
        let rendered = try HelmRenderer().renderChart(at: directory, options: options)
        XCTAssertEqual(rendered.manifest, "---\n# Source: c/templates/t.yaml\nv: string|from-file|1e+06\n")
    }

    func testShowOnly() throws {
        let files = [
            "templates/a.yaml": "kind: A\n", "templates/b.yaml": "kind: B\n---\nkind: C\n", "templates/sub/x.yaml": "kind: X\n",
        ]
        XCTAssertEqual(
            try render(files) { $0.showOnly = ["templates/b.yaml", "templates/a.yaml"] }.manifest,
            "---\n# Source: c/templates/b.yaml\nkind: B\n---\n# Source: c/templates/b.yaml\nkind: C\n---\n# Source: c/templates/a.yaml\nkind: A\n")
        // The last document of the whole manifest keeps its newline, as in Helm.
        XCTAssertEqual(try render(files) { $0.showOnly = ["templates/*/*.yaml"] }.manifest, "---\n# Source: c/templates/sub/x.yaml\nkind: X\n\n")
        XCTAssertEqual(
            renderError(files) { $0.showOnly = ["templates/nope.yaml"] }?.message, "could not find template templates/nope.yaml in chart")
    }

    func testErrorsOutsideTheTemplates() {
        XCTAssertEqual(
            renderError(["Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\ntype: library\n"])?.message,
            "library charts are not installable")
        XCTAssertEqual(
            renderError(["Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n- name: gone\n  version: 1.0.0\n"])?.message,
            "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: gone")
        XCTAssertEqual(
            renderError(["templates/t.yaml": "x"]) { $0.releaseName = "Bad_Name" }?.message,
            #"release name check failed: release name "Bad_Name": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53"#)
        XCTAssertEqual(
            renderError(["templates/t.yaml": "x"]) { $0.kubeVersion = "one" }?.message,
            "invalid kube version 'one': could not parse \"one\" as version")
        XCTAssertEqual(
            renderError(["templates/t.yaml": "x"]) { $0.kubeVersion = "1" }?.message,
            "invalid kube version '1': illegal version string \"1\"")
        XCTAssertEqual(renderError(["templates/t.yaml": "x"]) { $0.set = ["a"] }?.message, "failed parsing --set data: key \"a\" has no value")
        XCTAssertEqual(renderError(["templates/t.yaml": "x"]) { $0.setJSON = ["a={"] }?.message, "failed parsing --set-json data a={")
        XCTAssertEqual(
            renderError(["templates/t.yaml": "x"]) { $0.valuesFiles = ["/nonexistent/values.yaml"] }?.message,
            "open /nonexistent/values.yaml: no such file or directory")
        XCTAssertEqual(
            renderError(["Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\nkubeVersion: \">=1.37.0-0\"\n"])?.message,
            "chart requires kubeVersion: >=1.37.0-0 which is incompatible with Kubernetes v1.36.0")
        XCTAssertEqual(renderError(["templates/t.yaml": "a: b: c\n"])?.stage, .manifests)
        do {
            _ = try HelmRenderer().renderChart(at: "/nonexistent/chart", options: RenderOptions())
            XCTFail("rendered a missing chart")
        } catch let error as HelmError {
            XCTAssertEqual(error.message, "path \"/nonexistent/chart\" not found")
            XCTAssertNotNil(error.hint)
        } catch {
            XCTFail("unexpected \(error)")
        }
    }

    func testKubeVersionParsing() throws {
        let cases: [(String, String, String, String, String)] = [
            ("1.30", "v1.30", "v1.30", "1", "30"), ("v1.29.3", "v1.29.3", "v1.29.3", "1", "29"),
            ("1.33.4-gke.1245000", "v1.33.4-gke.1245000", "v1.33.4", "1", "33"), (" v2.0", "v v2.0", "v2.0", "2", "0"),
        ]
        for (input, version, normalized, major, minor) in cases {
            let parsed = try Capabilities.KubeVersion(parsing: input)
            XCTAssertEqual([parsed.version, parsed.normalized, parsed.major, parsed.minor], [version, normalized, major, minor], input)
        }
        XCTAssertThrowsError(try Capabilities.KubeVersion(parsing: "01.2"))
    }
}
