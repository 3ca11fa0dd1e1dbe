import Foundation
import Helm

/// `mesh-bench toyaml FILE [RUNS]`: what Istio's base chart does with its CRD
/// file — `splitList "\n---\n"`, `fromYaml` of each piece, `toYaml` of each
/// map — timed in process; prints the fastest and median of each stage.
func toYAMLBenchmark(_ arguments: [String]) throws {
    let (data, runs) = fileAndRuns(arguments, usage: "mesh-bench toyaml FILE [RUNS]")
    let text = String(decoding: data, as: UTF8.self)
    let functions = HelmFunctions.table()
    guard let splitList = functions["splitList"], let fromYaml = functions["fromYaml"], let toYaml = functions["toYaml"] else {
        print("function table lacks splitList, fromYaml or toYaml")
        exit(1)
    }
    final class NoRuntime: TemplateRuntime {
        func include(_ name: String, _ data: GoValue) throws -> String { "" }
        func tpl(_ text: String, _ data: GoValue) throws -> String { "" }
    }
    let runtime = NoRuntime()
    var parsing = Timings(), emitting = Timings()
    var outputBytes = 0, documents = 0
    for _ in 0..<runs {
        let maps = try parsing.measure {
            guard case .stringList(let pieces) = try splitList.body(runtime, [.string("\n---\n"), .string(text)]) else { exit(1) }
            return try pieces.map { try fromYaml.body(runtime, [.string($0)]) }
        }
        outputBytes = try emitting.measure {
            var bytes = 0
            for m in maps {
                if case .string(let s) = try toYaml.body(runtime, [m]) { bytes += s.utf8.count }
            }
            return bytes
        }
        documents = maps.count
    }
    print(String(format: "toyaml: %.2f MB in, %d documents, %.2f MB out", Double(data.count) / 1e6, documents, Double(outputBytes) / 1e6))
    print("  splitList+fromYaml: " + parsing.summary)
    print("  toYaml:             " + emitting.summary)
}
