import Foundation
import YAML

/// An Istio release on this machine: the directory holding `manifests/charts`
/// and its version. Found the way DESIGN.md §2 says: an explicit directory,
/// else `$ISTIO_HOME`, else the release around the `istioctl` on PATH
/// (`…/bin/istioctl` → `…/manifests/charts`).
struct IstioRelease: Equatable {
    /// The release's top directory.
    var directory: String
    /// The version its istio-discovery chart declares.
    var version: String

    var chartsDirectory: String { directory + "/manifests/charts" }

    /// The release, or nil when none is found.
    static func locate(explicitDirectory: String? = nil, environment: [String: String]) -> IstioRelease? {
        var candidates: [String] = []
        if let explicitDirectory { candidates.append(explicitDirectory) }
        if let home = environment["ISTIO_HOME"], !home.isEmpty { candidates.append(home) }
        if let istioctl = findOnPath("istioctl", path: environment["PATH"] ?? "") {
            let resolved = URL(fileURLWithPath: istioctl).resolvingSymlinksInPath()
            candidates.append(resolved.deletingLastPathComponent().deletingLastPathComponent().path)
        }
        for directory in candidates {
            let chart = directory + "/manifests/charts/istio-control/istio-discovery/Chart.yaml"
            guard let text = try? String(contentsOfFile: chart, encoding: .utf8),
                  let version = (try? YAML.parse(text))?["version"]?.string else { continue }
            return IstioRelease(directory: directory, version: version)
        }
        return nil
    }

    private static func findOnPath(_ name: String, path: String) -> String? {
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
