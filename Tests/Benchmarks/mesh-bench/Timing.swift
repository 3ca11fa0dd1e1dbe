import Foundation

/// Wall times of repeated runs of one piece of work, in milliseconds: every
/// benchmark here times its runs the same way and reports the same figures.
struct Timings {
    private(set) var milliseconds: [Double] = []

    /// Runs `work` once, records how long it took and returns what it returned.
    mutating func measure<Result>(_ work: () throws -> Result) rethrows -> Result {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try work()
        milliseconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        return result
    }

    var fastest: Double { milliseconds.min() ?? 0 }
    var median: Double { milliseconds.isEmpty ? 0 : milliseconds.sorted()[milliseconds.count / 2] }
    var mean: Double { milliseconds.isEmpty ? 0 : milliseconds.reduce(0, +) / Double(milliseconds.count) }

    /// `min 1.23 ms, median 1.45 ms (20 runs)`.
    var summary: String {
        String(format: "min %.2f ms, median %.2f ms (%d runs)", fastest, median, milliseconds.count)
    }
}

/// The `FILE [RUNS]` arguments most benchmarks take: the file's bytes and the
/// number of runs (default 20). Prints the usage and exits when they are wrong.
func fileAndRuns(_ arguments: [String], usage: String) -> (data: Data, runs: Int) {
    guard let path = arguments.first else {
        print("usage: \(usage)")
        exit(2)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        print("cannot read \(path)")
        exit(1)
    }
    let runs = arguments.count > 1 ? Int(arguments[1]) ?? 20 : 20
    return (data, max(1, runs))
}
