import Foundation
import Kube
import Mesh
import TestCluster
import XCTest
import YAML

/// Several test clusters in one kubeconfig (contexts `kind-east`, `kind-west`,
/// `kind-north`, loopback servers like kind's), and the built `kubectl-mesh`
/// run against them as a user would run it.
final class MeshTestbed {
    let clusters: [String: TestCluster]
    let directory: String
    let kubeconfigPath: String
    /// The istio-like test release (Tests/Fixtures/charts/istio-like).
    static let istioRelease: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Tests/Fixtures/charts/istio-like").path
    }()

    /// Starts one cluster per name; each lists its own address in `default/kubernetes`
    /// (172.18.0.2, .3, … as kind's control-plane containers do).
    init(_ names: [String], configure: (String, inout TestClusterOptions) -> Void = { _, _ in }) throws {
        var template = Array((NSTemporaryDirectory() + "mesh-e2e-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        directory = String(cString: made)
        var started: [String: TestCluster] = [:]
        do {
            for (index, name) in names.enumerated() {
                var options = TestClusterOptions()
                options.contextName = "kind-\(name)"
                options.endpointAddress = "172.18.0.\(index + 2)"
                configure(name, &options)
                started[name] = try TestCluster.start(name: name, options: options)
            }
        } catch {
            for cluster in started.values { cluster.stop() }
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        clusters = started
        kubeconfigPath = directory + "/kubeconfig"
        try TestKubeconfig.writeMerged(names.compactMap { started[$0] }, to: kubeconfigPath)
    }

    func stop() {
        for cluster in clusters.values { cluster.stop() }
        try? FileManager.default.removeItem(atPath: directory)
    }

    subscript(name: String) -> TestCluster {
        guard let cluster = clusters[name] else { preconditionFailure("no test cluster \(name)") }
        return cluster
    }

    // MARK: Running the plugin

    struct Run {
        var status: Int32
        var output: String
        var errors: String
        var all: String { output + errors }
    }

    /// The `kubectl-mesh` built next to the tests.
    static func executable() throws -> String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first { $0.hasSuffix(".xctest") } ?? Bundle.main.bundlePath)
        let candidates = [bundle.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("kubectl-mesh").path }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("kubectl-mesh is not built next to the tests (looked in \(candidates)); run swift build first")
        }
        return found
    }

    /// Runs `kubectl-mesh ARGS…` with this testbed's kubeconfig.
    func mesh(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Run {
        var environment = ["KUBECONFIG": kubeconfigPath, "HOME": directory, "PATH": "/usr/bin:/bin", "NO_COLOR": "1"]
        environment.merge(extra) { $1 }
        let result = try Command.run(try Self.executable(), arguments, environment: environment)
        return Run(status: result.status, output: result.stdout, errors: result.stderr)
    }

    /// `join-remote` with the test release, the remotes' API servers found automatically,
    /// and waits short enough for a test.
    func join(primary: String = "east", remotes: [String] = ["west"], _ extra: [String] = []) throws -> Run {
        var arguments = ["join-remote", "--primary", "kind-\(primary)", "--istio", Self.istioRelease]
        if !extra.contains("--timeout") { arguments += ["--timeout", "10s"] }
        for remote in remotes {
            arguments += ["--remote", "kind-\(remote)", "--cluster-name", "kind-\(remote)=\(remote)",
                          "--remote-api-server", "kind-\(remote)=auto"]
        }
        arguments += ["--cluster-name", "kind-\(primary)=\(primary)"]
        return try mesh(arguments + extra)
    }

    /// Makes the istiod pods of `cluster` answer the pod proxy on their monitoring
    /// port with the sync gauge: `states` maps each remote to synced, syncing, timeout
    /// or closed (a cluster left out is not reported).
    func scriptIstiodMetrics(on cluster: String = "east", _ states: [String: String]) throws {
        var body = "# HELP istiod_remote_cluster_sync_status Current synchronization state of remote clusters.\n"
            + "# TYPE istiod_remote_cluster_sync_status gauge\n"
        for (remote, state) in states.sorted(by: { $0.key < $1.key }) {
            for candidate in ["synced", "syncing", "timeout", "closed"] {
                body += "istiod_remote_cluster_sync_status{cluster=\"\(remote)\",cluster_type=\"remote\",status=\"\(candidate)\"} "
                    + (candidate == state ? "1" : "0") + "\n"
            }
        }
        try self[cluster].updateConfig(["proxyResponses": [[
            "namespace": "istio-system", "pod": "istiod-.*", "port": "15014", "path": "/?metrics", "status": 200,
            "contentType": "text/plain; version=0.0.4", "body": body,
        ]]])
    }

    // MARK: Looking at the clusters

    func session(_ name: String) throws -> ClusterSession {
        let text = try String(contentsOfFile: kubeconfigPath, encoding: .utf8)
        let kubeconfig = try Kubeconfig.parse(text, path: kubeconfigPath)
        let context = try kubeconfig.resolve(context: "kind-\(name)")
        return try ClusterSession(cluster: MeshCluster(ref: ClusterRef(name: name, context: "kind-\(name)"), context: context),
                                  environment: KubeEnvironment(variables: [:]))
    }

    /// A client that writes as another field manager (istiod's `pilot-discovery`, `helm`, …).
    func client(_ name: String, fieldManager: String) throws -> KubeClient {
        let text = try String(contentsOfFile: kubeconfigPath, encoding: .utf8)
        let context = try Kubeconfig.parse(text, path: kubeconfigPath).resolve(context: "kind-\(name)")
        return try KubeClient(context: context, environment: KubeEnvironment(variables: [:]),
                              options: KubeClientOptions(fieldManager: fieldManager, userAgent: fieldManager))
    }

    /// Marks every cluster's request log, for `writes(since:)`.
    func marks() throws -> [String: Int] {
        try clusters.mapValues { try $0.requestLogMark() }
    }

    /// Requests that could change something, per cluster, since `marks` (reviews excluded:
    /// a SelfSubjectAccessReview asks and changes nothing).
    func writes(since marks: [String: Int]) throws -> [String: [RequestLogEntry]] {
        var out: [String: [RequestLogEntry]] = [:]
        for (name, cluster) in clusters {
            out[name] = try cluster.requestLog(since: marks[name] ?? 0).filter {
                $0.isWrite && !$0.path.hasSuffix("selfsubjectaccessreviews")
            }
        }
        return out
    }

    /// The kinds the mesh installs, to take snapshots of.
    static let snapshotKinds: [GroupVersionKind] = [
        .namespace, .configMap, .secret, .serviceAccount, .service, .deployment, .customResourceDefinition,
        GroupVersionKind(group: "discovery.k8s.io", version: "v1", kind: "EndpointSlice"),
        GroupVersionKind(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole"),
        GroupVersionKind(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding"),
        GroupVersionKind(group: "rbac.authorization.k8s.io", version: "v1", kind: "Role"),
        GroupVersionKind(group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding"),
        GroupVersionKind(group: "admissionregistration.k8s.io", version: "v1", kind: "MutatingWebhookConfiguration"),
        GroupVersionKind(group: "admissionregistration.k8s.io", version: "v1", kind: "ValidatingWebhookConfiguration"),
        GroupVersionKind(group: "networking.istio.io", version: "v1", kind: "Gateway"),
        GroupVersionKind(group: "networking.istio.io", version: "v1", kind: "VirtualService"),
    ]

    /// Every object kubectl-mesh applied on a cluster, by `Kind namespace/name`,
    /// with its resourceVersion.
    func resourceVersions(_ name: String) throws -> [String: String] {
        try objects(name).mapValues { $0["metadata"]?["resourceVersion"]?.string ?? "" }
    }

    /// Every object kubectl-mesh applied on a cluster, by `Kind namespace/name`.
    func objects(_ name: String) throws -> [String: Value] {
        let client = try session(name).client
        var out: [String: Value] = [:]
        for kind in Self.snapshotKinds {
            let listed = Result { () throws(KubeError) -> [Value] in
                try client.list(kind, labelSelector: MeshLabels.managedSelector).items
            }
            let items: [Value]
            switch listed {
            case .success(let found): items = found
            case .failure(let error) where error.kind == .unknownKind: continue
            case .failure(let error): throw error
            }
            for item in items { out[item.objectDescriptionForTests] = item }
        }
        return out
    }

    /// The objects with what differs between two equal installs removed (identity,
    /// versions, timestamps, managed fields, status, and token values).
    func state(_ name: String) throws -> [String: Value] {
        try objects(name).mapValues(Self.normalized)
    }

    static func normalized(_ object: Value) -> Value {
        var out = object
        for field in ["uid", "resourceVersion", "creationTimestamp", "managedFields", "generation", "annotations"] {
            if field == "annotations" {
                // The token controller's uid annotation differs between installs.
                out["metadata"]?["annotations"]?["kubernetes.io/service-account.uid"] = nil
                continue
            }
            out["metadata"]?[field] = nil
        }
        out["status"] = nil
        if object["kind"]?.string == "Secret" {
            // Tokens (and kubeconfigs holding them) are minted anew by each install.
            var keys = Mapping()
            for entry in object["data"]?.mapping ?? Mapping() { keys[entry.key] = "…" }
            out["data"] = .mapping(keys)
        }
        if object["kind"]?.string == "Service" {
            out["spec"]?["clusterIP"] = nil
            out["spec"]?["clusterIPs"] = nil
            out["spec"]?["ports"] = (object["spec"]?["ports"]?.sequence).map { ports in
                .sequence(ports.map { port in
                    var p = port
                    p["nodePort"] = nil
                    return p
                })
            }
        }
        return out
    }
}

extension Value {
    /// `Kind namespace/name`.
    var objectDescriptionForTests: String {
        let kind = self["kind"]?.string ?? "?"
        let name = self["metadata"]?["name"]?.string ?? "?"
        if let namespace = self["metadata"]?["namespace"]?.string, !namespace.isEmpty { return "\(kind) \(namespace)/\(name)" }
        return "\(kind) \(name)"
    }
}
