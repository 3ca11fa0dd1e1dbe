/// Which Kubernetes versions an Istio release accepts.
///
/// The minimums are istioctl's own: the `MinK8SVersion` constant of
/// `istioctl/pkg/install/k8sversion/version.go` at each release tag (1.N.0),
/// which istioctl's install precheck compares with the server's minor version.
/// istio.io's "Supported Releases" page lists the same lower bounds among its
/// tested versions. Releases newer than the table use its newest entry (Istio
/// only ever raises the minimum); a dev build (chart version 1.0.0, or one that
/// is not a version) skips the check, and preflight says so.
public enum KubernetesVersionSupport {
    /// Istio minor version → lowest Kubernetes 1.x minor it runs on.
    public static let minimumKubernetesMinor: [(istioMinor: Int, kubernetesMinor: Int)] = [
        (17, 23), (18, 23), (19, 25), (20, 25), (21, 26), (22, 26), (23, 26),
        (24, 28), (25, 28), (26, 29), (27, 29), (28, 29), (29, 30), (30, 32),
    ]

    /// The outcome of comparing one cluster with one release.
    public enum Verdict: Sendable, Equatable {
        case supported
        /// The cluster is older than the release accepts.
        case tooOld(minimum: String)
        /// The check could not be made; the reason says why (shown as a note).
        case skipped(String)
    }

    /// Compares a server's `gitVersion` (`v1.31.2`, `v1.30.4-gke.1`) with an Istio
    /// release version (`1.28.0`, the istiod chart's version).
    public static func verdict(istioVersion: String, serverVersion: String) -> Verdict {
        guard let istio = minor(of: istioVersion), istio.major == 1, istioVersion != "1.0.0" else {
            return .skipped("Istio release \(istioVersion) is not a numbered release; Kubernetes version not checked")
        }
        guard let server = minor(of: serverVersion), server.major == 1 else {
            return .skipped("Kubernetes version \"\(serverVersion)\" is not a version number; not checked")
        }
        guard let first = minimumKubernetesMinor.first, istio.minor >= first.istioMinor else {
            return .skipped("Istio \(istioVersion) predates the versions kubectl-mesh knows; Kubernetes version not checked")
        }
        let minimum = minimumKubernetesMinor.last { $0.istioMinor <= istio.minor }?.kubernetesMinor ?? first.kubernetesMinor
        return server.minor >= minimum ? .supported : .tooOld(minimum: "1.\(minimum)")
    }

    /// `(major, minor)` of `v1.31.2`, `1.28.0-beta.1`, `v1.30.4-gke.1`, `1.29+`.
    static func minor(of version: String) -> (major: Int, minor: Int)? {
        var text = Substring(version)
        if text.hasPrefix("v") { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let major = Int(parts[0]) else { return nil }
        let minorDigits = parts[1].prefix { $0.isASCII && $0.isNumber }
        guard let minor = Int(minorDigits) else { return nil }
        return (major, minor)
    }
}
