import Helm
import Synchronization
import YAML

/// The charts of one Istio release, rendered with the built-in Helm engine as
/// `helm template` would render them against a given cluster. Renders are kept
/// for the run: preflight and the stages ask for the same ones.
public final class IstioCharts: ChartRendering {
    public let release: IstioRelease
    public let userValues: UserValues
    private let cache = Mutex<[String: [Value]]>([:])

    public var istioVersion: String { release.version }
    public var location: String { release.root ?? release.chartsDirectory }

    public init(release: IstioRelease, userValues: UserValues) {
        self.release = release
        self.userValues = userValues
    }

    /// Finds the release (`--istio`, else `$ISTIO_HOME`, else the one around
    /// `istioctl` on PATH) and checks the user's values files can be read.
    public static func open(istioDirectory: String?, environment: [String: String], userValues: UserValues)
        -> Result<any ChartRendering, MeshError>
    {
        do {
            let release = try IstioRelease.locate(explicitDirectory: istioDirectory, environment: environment)
            for file in userValues.valueFiles {
                do {
                    _ = try YAML.parse(try IstioRelease.FileSystem.local.readFile(file))
                } catch {
                    return .failure(.input("values file \(file): \(error)", hint: "check the path given to -f"))
                }
            }
            return .success(IstioCharts(release: release, userValues: userValues))
        } catch let error as IstioRelease.NotFound {
            return .failure(.input(error.message, hint: error.hint))
        } catch {
            return .failure(.input("cannot use the Istio release: \(error)", hint: nil))
        }
    }

    public func render(_ render: ChartRender, capabilities: ClusterCapabilities?) throws(MeshError) -> [Value] {
        var options = RenderOptions()
        options.releaseName = render.releaseName
        options.namespace = render.namespace
        if render.takesUserValues { options.valuesFiles = userValues.valueFiles }
        // The mesh's values, typed as they are (a string stays a string), then the user's --set.
        for (path, value) in render.settings {
            switch value {
            case .string(let text): options.setString.append("\(path)=\(text)")
            default: options.set.append("\(path)=\(Self.setText(value))")
            }
        }
        if render.takesUserValues { options.set += userValues.setValues }
        if let capabilities {
            options.kubeVersion = capabilities.kubeVersion
            options.apiVersions = capabilities.apiVersions
        }
        let key = [render.chart.path, render.releaseName, render.namespace, options.valuesFiles.joined(separator: "\u{1}"),
                   options.set.joined(separator: "\u{1}"), options.setString.joined(separator: "\u{1}"),
                   options.kubeVersion ?? "", options.apiVersions.joined(separator: ",")].joined(separator: "\u{0}")
        if let cached = cache.withLock({ $0[key] }) { return cached }

        let directory = release.chartsDirectory + "/" + render.chart.path
        let rendered: RenderedChart
        do {
            rendered = try HelmRenderer().renderChart(at: directory, options: options)
        } catch let error as HelmError {
            throw MeshError.input("rendering chart \(directory) (release \(render.releaseName)): \(error.message)",
                                  hint: error.hint ?? "check the values given with --set and -f")
        } catch {
            throw MeshError.input("rendering chart \(directory) (release \(render.releaseName)): \(error)", hint: nil)
        }
        // Comment-only documents (kind "") render nothing to apply.
        let objects = rendered.documents.filter { !$0.kind.isEmpty && !$0.value.isNull }.map(\.value)
        cache.withLock { $0[key] = objects }
        return objects
    }

    private static func setText(_ value: Value) -> String {
        switch value {
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .string(let s): return s
        default: return "\(value)"
        }
    }
}
