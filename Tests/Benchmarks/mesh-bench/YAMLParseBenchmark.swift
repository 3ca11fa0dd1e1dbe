import Foundation
import YAML

/// `mesh-bench yaml-parse FILE [RUNS]`: parses FILE with `YAML.parse` RUNS times
/// (default 20) in process and prints the fastest and the median time.
func yamlParseBenchmark(_ arguments: [String]) throws {
    try timeParsing(arguments, name: "yaml-parse") { text in try YAML.parse(text) }
}

/// `mesh-bench json-parse FILE [RUNS]`: the same with `JSON.parse`.
func jsonParseBenchmark(_ arguments: [String]) throws {
    try timeParsing(arguments, name: "json-parse") { text in try JSON.parse(text) }
}

private func timeParsing(_ arguments: [String], name: String, _ parse: (String) throws -> Value) throws {
    guard let path = arguments.first else {
        print("usage: mesh-bench \(name) FILE [RUNS]")
        exit(2)
    }
    let runs = arguments.count > 1 ? Int(arguments[1]) ?? 20 : 20
    guard let data = FileManager.default.contents(atPath: path) else {
        print("cannot read \(path)")
        exit(1)
    }
    let text = String(decoding: data, as: UTF8.self)
    var times: [Double] = []
    var contexts = 0
    for _ in 0..<max(1, runs) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try parse(text)
        let end = DispatchTime.now().uptimeNanoseconds
        times.append(Double(end - start) / 1e6)
        contexts = value["contexts"]?.sequence?.count ?? 0
    }
    times.sort()
    print(String(format: "%@: %.1f MB, %d contexts: min %.2f ms, median %.2f ms (%d runs)",
        name, Double(data.count) / 1e6, contexts, times[0], times[times.count / 2], times.count))
}
