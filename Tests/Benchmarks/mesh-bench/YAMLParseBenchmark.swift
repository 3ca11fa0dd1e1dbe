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
    let (data, runs) = fileAndRuns(arguments, usage: "mesh-bench \(name) FILE [RUNS]")
    let text = String(decoding: data, as: UTF8.self)
    var timings = Timings()
    var contexts = 0
    for _ in 0..<runs {
        let value = try timings.measure { try parse(text) }
        contexts = value["contexts"]?.sequence?.count ?? 0
    }
    print(String(format: "%@: %.1f MB, %d contexts: ", name, Double(data.count) / 1e6, contexts) + timings.summary)
}
