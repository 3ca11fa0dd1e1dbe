/// Istio's own controllers that change objects the charts render while the mesh
/// runs. Fields they own stay theirs: a re-run of `join-remote` leaves them out
/// of what it applies instead of taking them back (with or without
/// `--force-conflicts`).
///
/// What they own, as seen on real clusters' `managedFields`: istiod's webhook
/// controllers fill in `clientConfig.caBundle` of the sidecar injector's and the
/// validator's webhooks, and turn the validator's `failurePolicy` from the
/// chart's `Ignore` to `Fail` once its endpoint answers (so re-applying `Ignore`
/// would weaken validation until istiod patches it again). They do it with
/// client-go updates, which the API server records under the binary's name.
public enum IstioRuntimeOwners {
    /// Field managers that are Istio's control plane at run time:
    /// - `pilot-discovery`: istiod's binary, the name its updates carry;
    /// - `istiod`: the same control plane where a build or distribution names its binary after it.
    public static let managers: Set<String> = ["pilot-discovery", "istiod"]

    /// True when `manager` is one of Istio's own runtime controllers.
    public static func owns(_ manager: String) -> Bool { managers.contains(manager) }
}
