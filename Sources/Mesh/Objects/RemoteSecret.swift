import YAML

/// The remote secret of DESIGN.md §5 step 7, in the shape `istioctl
/// create-remote-secret` makes, so that either tool's secret works: it lets the
/// primary's istiod read a remote's API server.
///
/// istiod takes the data key as the remote's cluster ID, so the key must equal
/// the remote's `clusterName`; the kubeconfig inside names its cluster, user
/// and context after it too.
public struct RemoteSecret: Sendable, Equatable {
    public static let multiClusterLabel = "istio/multiCluster"
    public static let clusterAnnotation = "networking.istio.io/cluster"
    public static let namePrefix = "istio-remote-secret-"

    /// The remote's cluster name.
    public var clusterName: String
    /// The API server as istiod inside the primary reaches it.
    public var server: String
    /// PEM bytes of the remote's CA (the token Secret's `ca.crt`).
    public var certificateAuthority: [UInt8]
    public var token: String

    public init(clusterName: String, server: String, certificateAuthority: [UInt8], token: String) {
        self.clusterName = clusterName
        self.server = server
        self.certificateAuthority = certificateAuthority
        self.token = token
    }

    /// `istio-remote-secret-west`
    public static func secretName(for clusterName: String) -> String { namePrefix + clusterName }

    /// The kubeconfig istiod loads: one cluster, one user with the reader token,
    /// one context, all named after the remote.
    public var kubeconfig: Value {
        let name = Value.string(clusterName)
        return [
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [[
                "name": name,
                "cluster": [
                    "certificate-authority-data": .string(Base64.encode(certificateAuthority)),
                    "server": .string(server),
                ],
            ]],
            "contexts": [["name": name, "context": ["cluster": name, "user": name]]],
            "current-context": name,
            "preferences": [:],
            "users": [["name": name, "user": ["token": .string(token)]]],
        ]
    }

    /// The Secret, in `namespace` of the primary (always `istio-system` unless
    /// `create-remote-secret --namespace` says otherwise).
    public func secret(namespace: String) -> Value {
        let kubeconfigText = kubeconfig.yamlText()
        var secret: Value = [
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": [
                "name": .string(Self.secretName(for: clusterName)),
                "namespace": .string(namespace),
                "labels": [Self.multiClusterLabel: "true"],
                "annotations": [Self.clusterAnnotation: .string(clusterName)],
            ],
            "type": "Opaque",
        ]
        secret["data"] = .mapping([clusterName: .string(Base64.encode(Array(kubeconfigText.utf8)))])
        return secret
    }
}

/// A remote secret found on the primary, as `status` reads it back.
public struct AttachedRemote: Sendable, Equatable {
    /// The cluster ID (the annotation, else the data key).
    public var clusterName: String
    public var secretName: String
    /// The API server named in the kubeconfig, if it could be read.
    public var server: String?
    /// True when kubectl-mesh applied this secret (it carries the mesh's labels).
    public var managedByKubectlMesh: Bool

    /// Reads a Secret labelled `istio/multiCluster: "true"`. Each data key is one
    /// cluster; istioctl and kubectl-mesh write exactly one.
    public static func read(secret: Value) -> [AttachedRemote] {
        let secretName = secret["metadata"]?["name"]?.string ?? "?"
        let managed = secret.label(MeshLabels.managedBy) == MeshLabels.managedByValue
        guard let data = secret["data"]?.mapping, !data.isEmpty else {
            let name = secret.annotation(RemoteSecret.clusterAnnotation) ?? secretName
            return [AttachedRemote(clusterName: name, secretName: secretName, server: nil, managedByKubectlMesh: managed)]
        }
        return data.compactMap { entry in
            guard let key = entry.key.string else { return nil }
            var server: String?
            if let encoded = entry.value.string, let bytes = try? Base64.decode(encoded),
                let config = try? YAML.parse(String(decoding: bytes, as: UTF8.self))
            {
                let clusters = config["clusters"]?.sequence ?? []
                let current = config["current-context"]?.string
                let contextCluster = config["contexts"]?.sequence?.first { $0["name"]?.string == current }?["context"]?["cluster"]?.string
                let chosen = clusters.first { $0["name"]?.string == contextCluster } ?? clusters.first
                server = chosen?["cluster"]?["server"]?.string
            }
            return AttachedRemote(clusterName: key, secretName: secretName, server: server, managedByKubectlMesh: managed)
        }
    }
}
