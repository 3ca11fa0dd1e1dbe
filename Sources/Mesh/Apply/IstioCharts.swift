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
    /// `istioctl` on PATH). The user's values files are checked by preflight.
    public static func open(istioDirectory: String?, environment: [String: String], userValues: UserValues)
        -> Result<any ChartRendering, MeshError>
    {
        do {
            let release = try IstioRelease.locate(explicitDirectory: istioDirectory, environment: environment)
            return .success(IstioCharts(release: release, userValues: userValues))
        } catch let error as IstioRelease.NotFound {
            return .failure(.input(error.message, hint: error.hint))
        } catch {
            return .failure(.input("cannot use the Istio release: \(error)", hint: nil))
        }
    }

    /// The `helm template` options of one render: the user's -f files, then the
    /// mesh's values (typed: a name stays a string whatever it looks like, a flag is
    /// a bool, and a comma is just a comma), then the user's --set on top.
    public func renderOptions(_ render: ChartRender, capabilities: ClusterCapabilities?) -> RenderOptions {
        var options = RenderOptions()
        options.releaseName = render.releaseName
        options.namespace = render.namespace
        if render.takesUserValues {
            options.valuesFiles = userValues.valueFiles
            options.set = userValues.setValues
        }
        options.values = render.values
        if let capabilities {
            options.kubeVersion = capabilities.kubeVersion
            options.apiVersions = capabilities.apiVersions
        }
        return options
    }

    public func render(_ render: ChartRender, capabilities: ClusterCapabilities?) throws(MeshError) -> [Value] {
        let options = renderOptions(render, capabilities: capabilities)
        let key = [render.chart.path, render.releaseName, render.namespace, options.valuesFiles.joined(separator: "\u{1}"),
                   options.set.joined(separator: "\u{1}"), render.values.yamlText(),
                   options.kubeVersion ?? "", options.apiVersions.joined(separator: ",")].joined(separator: "\u{0}")
        if let cached = cache.withLock({ $0[key] }) { return cached }

        let directory = release.chartsDirectory + "/" + render.chart.path
        let rendered: RenderedChart
        var what = "rendering chart \(directory) (release \(render.releaseName)"
        what += render.assignments.isEmpty ? ")" : "; mesh values \(render.assignments.joined(separator: ", ")))"
        do {
            rendered = try HelmRenderer().renderChart(at: directory, options: options)
        } catch let error as HelmError {
            throw MeshError.input("\(what): \(error.message)", hint: error.hint ?? "check the values given with --set and -f")
        } catch {
            throw MeshError.input("\(what): \(error)", hint: nil)
        }
        // Comment-only documents (kind "") render nothing to apply.
        let objects = rendered.documents.filter { !$0.kind.isEmpty && !$0.value.isNull }.map(\.value)
        cache.withLock { $0[key] = objects }
        return objects
    }
}
