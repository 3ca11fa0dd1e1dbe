import Kube
import Mesh

/// Opening clusters for the mesh commands: a kubeconfig context becomes a
/// `ClusterSession` whose errors carry the mesh's name for the cluster.
enum MeshSessions {
    /// The client environment of this invocation (proxies, PATH for exec plugins).
    static func environment(_ invocation: Invocation) -> KubeEnvironment {
        KubeEnvironment(variables: invocation.environment)
    }

    /// Looks contexts up in `kubeconfig`, with kubectl's "did you mean" hints.
    static func lookup(_ kubeconfig: Kubeconfig) -> ContextLookup {
        { name in
            do throws(KubeconfigError) {
                return .success(try kubeconfig.resolve(context: name))
            } catch {
                if case .contextNotFound(_, let available) = error {
                    let near = Spelling.closest(to: name, among: available).map { "did you mean \"\($0)\"? " } ?? ""
                    return .failure(ContextLookupFailure(
                        error.description, hint: near + "the kubeconfig's contexts: " + available.joined(separator: ", ")))
                }
                return .failure(ContextLookupFailure(error.description, hint: error.hint))
            }
        }
    }

    /// A session for `context`, named `name` (default: the context made a cluster name).
    static func open(_ kubeconfig: Kubeconfig, context: String, name: String? = nil, invocation: Invocation) throws
        -> ClusterSession
    {
        // The lookup's hint names the contexts there are, not a --context flag these commands may not have.
        let resolved: ResolvedContext
        switch lookup(kubeconfig)(context) {
        case .success(let found): resolved = found
        case .failure(let failure): throw CommandFailure(failure.message, hint: failure.hint)
        }
        let ref = ClusterRef(name: name ?? ClusterName.derived(fromContext: context), context: context)
        do {
            return try ClusterSession(cluster: MeshCluster(ref: ref, context: resolved), environment: environment(invocation))
        } catch {
            throw MeshError.cluster(ref, cause: error.message, hint: error.hint)
        }
    }
}

