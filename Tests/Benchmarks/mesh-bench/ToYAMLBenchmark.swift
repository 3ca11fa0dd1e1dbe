import Foundation
import Helm

/// `mesh-bench toyaml FILE [RUNS]`: what Istio's base chart does with its CRD
/// file — `splitList "\n---\n"`, `fromYaml` of each piece, `toYaml` of each
/// map — timed in process; prints the fastest and median of each stage.
func toYAMLBenchmark(_ arguments: [String]) throws {
    guard let path = arguments.first else {
        print("usage: mesh-bench toyaml FILE [RUNS]")
        exit(2)
    }
    let runs = arguments.count > 1 ? Int(arguments[1]) ?? 20 : 20
    guard let data = FileManager.default.contents(atPath: path) else {
        print("cannot read \(path)")
        exit(1)
    }
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
    var parseTimes: [Double] = [], emitTimes: [Double] = []
    var outputBytes = 0, documents = 0
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        guard case .stringList(let pieces) = try splitList.body(runtime, [.string("\n---\n"), .string(text)]) else { exit(1) }
        let maps = try pieces.map { try fromYaml.body(runtime, [.string($0)]) }
        let t1 = DispatchTime.now().uptimeNanoseconds
        outputBytes = 0
        for m in maps {
            if case .string(let s) = try toYaml.body(runtime, [m]) { outputBytes += s.utf8.count }
        }
        let t2 = DispatchTime.now().uptimeNanoseconds
        parseTimes.append(Double(t1 - t0) / 1e6)
        emitTimes.append(Double(t2 - t1) / 1e6)
        documents = maps.count
    }
    parseTimes.sort()
    emitTimes.sort()
    print(String(format: "toyaml: %.2f MB in, %d documents, %.2f MB out", Double(data.count) / 1e6, documents, Double(outputBytes) / 1e6))
    print(String(format: "  splitList+fromYaml: min %.2f ms, median %.2f ms", parseTimes[0], parseTimes[runs / 2]))
    print(String(format: "  toYaml:             min %.2f ms, median %.2f ms (%d runs)", emitTimes[0], emitTimes[runs / 2], runs))
}
