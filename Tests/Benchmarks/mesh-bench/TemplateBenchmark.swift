import Foundation
import Helm

/// `mesh-bench template CHART_DIR [--name N] [--namespace NS] [--set K=V]… [-f FILE]… [--iterations N] [--print]`:
/// renders a chart in process, prints the mean render time, or the manifest with `--print`.
func templateBenchmark(_ arguments: [String]) throws {
    guard let directory = arguments.first else {
        print("usage: mesh-bench template CHART_DIR [--name N] [--namespace NS] [--set K=V]… [-f FILE]… [--iterations N] [--print]")
        exit(2)
    }
    var options = RenderOptions()
    var iterations = 20
    var printManifest = false
    var index = 1
    func next() -> String {
        index += 1
        return index < arguments.count ? arguments[index] : ""
    }
    while index < arguments.count {
        switch arguments[index] {
        case "--name": options.releaseName = next()
        case "--namespace", "-n": options.namespace = next()
        case "--set": options.set.append(next())
        case "-f", "--values": options.valuesFiles.append(next())
        case "--iterations": iterations = Int(next()) ?? iterations
        case "--print": printManifest = true
        default:
            print("unknown argument \(arguments[index])")
            exit(2)
        }
        index += 1
    }
    let renderer = HelmRenderer()
    if printManifest {
        do {
            FileHandle.standardOutput.write(Data(try renderer.renderChart(at: directory, options: options).manifest.utf8))
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            exit(1)
        }
        return
    }
    var timings = Timings()
    for _ in 0..<max(1, iterations) {
        _ = try timings.measure { try renderer.renderChart(at: directory, options: options) }
    }
    print(String(format: "template %@: mean %.1f ms, ", directory, timings.mean) + timings.summary)
}
