import Foundation

// mesh-bench: in-process benchmarks of the library modules, driven by the
// scripts in Tests/Benchmarks. Each benchmark prints its own numbers.
//
// Usage: mesh-bench NAME [ARGS…]

let benchmarks: [String: ([String]) throws -> Void] = [
    "template": templateBenchmark,
    "yaml-parse": yamlParseBenchmark,
    "json-parse": jsonParseBenchmark,
    "apply-configmaps": applyConfigMapsBenchmark,
    "toyaml": toYAMLBenchmark,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let run = benchmarks[name] else {
    print("usage: mesh-bench NAME [ARGS…]; benchmarks: \(benchmarks.keys.sorted().joined(separator: ", "))")
    exit(2)
}
try run(Array(arguments.dropFirst()))
