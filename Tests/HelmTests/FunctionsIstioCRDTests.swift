import Foundation
import XCTest

@testable import Helm

/// Local check (skipped where the files are absent; they are never part of the
/// repository): Istio's CRDs go through `splitList`, `fromYaml`, `set` and
/// `toYaml` exactly as the base chart's crds.yaml does, and must come out
/// byte-identical to Helm's own rendering in the shared golden file.
final class FunctionsIstioCRDTests: XCTestCase {
    private let crdFile = "/work/istio/manifests/charts/base/files/crd-all.gen.yaml"
    private let goldenFile = "/work/shared/helm-golden/base.yaml"

    func testIstioCRDsRenderLikeHelm() throws {
        guard let crds = try? String(contentsOfFile: crdFile, encoding: .utf8),
            let golden = try? String(contentsOfFile: goldenFile, encoding: .utf8)
        else { throw XCTSkip("Istio CRDs or Helm golden output not on this machine; skipping the local CRD check") }

        // Helm's output: the toYaml text of each CRD follows the template's comment lines.
        let expected = golden.components(separatedBy: "\n---\n").filter { $0.contains("# Source: base/templates/crds.yaml") }
            .compactMap { doc -> String? in
                guard let start = doc.range(of: "\napiVersion: ") else { return nil }
                return String(doc[doc.index(after: start.lowerBound)...]).trimmingCharacters(in: .newlines)
            }
        XCTAssertGreaterThan(expected.count, 10)

        // The labels the chart puts on every CRD, read back from Helm's own output.
        guard case .map(let first) = YAMLText.fromYAML(expected[0]).get() ?? .missing,
            case .map(let metadata)? = first["metadata"], let labels = metadata["labels"]
        else { return XCTFail("golden CRD has no labels") }

        let pieces = try F.call("splitList", "\n---\n", crds)
        guard case .stringList(let texts) = pieces else { return XCTFail("splitList gave \(pieces)") }
        var rendered: [String] = []
        for text in texts {
            let dict = try F.call("fromYaml", text)
            guard case .map(let m) = dict, case .map(let meta)? = m["metadata"] else { continue }
            _ = try F.call("set", GoValue.map(meta), "labels", labels)
            rendered.append(try F.printed("toYaml", dict))
        }
        XCTAssertEqual(rendered.count, expected.count)
        for (i, (ours, theirs)) in zip(rendered, expected).enumerated() where ours != theirs {
            let a = ours.components(separatedBy: "\n"), b = theirs.components(separatedBy: "\n")
            let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            XCTFail("CRD \(i) differs at line \(line + 1):\nHelm: \(line < b.count ? b[line] : "<end>")\nours: \(line < a.count ? a[line] : "<end>")")
        }
    }
}

extension Result {
    fileprivate func get() -> Success? {
        if case .success(let v) = self { return v }
        return nil
    }
}
