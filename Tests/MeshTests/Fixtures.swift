import Kube

@testable import Mesh

/// Contexts and topologies for the pure tests: no server, no kubeconfig file.
enum Fixtures {
    static func context(_ name: String, server: String) -> ResolvedContext {
        ResolvedContext(
            name: name, context: KubeContext(cluster: name, user: name),
            cluster: KubeCluster(server: server), user: KubeUser(token: "t"))
    }

    static let contexts: [String: ResolvedContext] = [
        "kind-east": context("kind-east", server: "https://172.18.0.2:6443"),
        "kind-west": context("kind-west", server: "https://172.18.0.3:6443"),
        "kind-north": context("kind-north", server: "https://172.18.0.4:6443"),
        "kind-west-again": context("kind-west-again", server: "https://172.18.0.3:6443/"),
        "Weird_Context": context("Weird_Context", server: "https://172.18.0.9:6443"),
        "rancher-a": context("rancher-a", server: "https://rancher.example.com/k8s/clusters/c-a"),
        "rancher-b": context("rancher-b", server: "https://rancher.example.com/k8s/clusters/c-b"),
    ]

    static let lookup: ContextLookup = { name in
        if let found = contexts[name] { return .success(found) }
        return .failure(ContextLookupFailure("no context \"\(name)\" in the kubeconfig", hint: "see kubectl mesh contexts"))
    }

    static func options(primary: String = "kind-east", remotes: [String] = ["kind-west"]) -> JoinOptions {
        var o = JoinOptions()
        o.primary = primary
        o.remotes = remotes
        return o
    }

    static func topology(revision: String? = nil, remotes: [String] = ["kind-west"]) -> Topology {
        var o = options(remotes: remotes)
        o.revision = revision
        o.clusterNames = ["kind-east=east", "kind-west=west", "kind-north=north"].filter { pair in
            remotes.contains { pair.hasPrefix($0 + "=") } || pair.hasPrefix("kind-east=")
        }
        guard let t = try? o.resolve(lookup: lookup).topology else { preconditionFailure("fixture topology must resolve") }
        return t
    }
}
