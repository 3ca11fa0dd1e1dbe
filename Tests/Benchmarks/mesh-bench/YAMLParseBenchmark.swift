import Foundation
import YAML

/// `mesh-bench yaml-parse FILE [RUNS]`: parses FILE RUNS times (default 20) in
/// process and prints the fastest and the median time.
func yamlParseBenchmark(_ arguments: [String]) throws {
    guard let path = arguments.first else {
        print("usage: mesh-bench yaml-parse FILE [RUNS]")
        exit(2)
    }
    let runs = arguments.count > 1 ? Int(arguments[1]) ?? 20 : 20
    guard let data = FileManager.default.contents(atPath: path) else {
        print("cannot read \(path)")
        exit(1)
    }
    let text = String(decoding: data, as: UTF8.self)
    var times: [Double] = []
    var nodes = 0
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try YAML.parse(text)
        let end = DispatchTime.now().uptimeNanoseconds
        times.append(Double(end - start) / 1e6)
        nodes = value["contexts"]?.sequence?.count ?? 0
    }
    times.sort()
    let median = times[times.count / 2]
    print(String(format: "yaml-parse: %.1f MB, %d contexts: min %.2f ms, median %.2f ms (%d runs)",
        Double(data.count) / 1e6, nodes, times[0], median, runs))
}
