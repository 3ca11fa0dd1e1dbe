import YAML

/// DESIGN.md §5 step 7, remote side: the read-only identity the primary's istiod
/// uses in a remote, and its long-lived token. The base chart creates the
/// ServiceAccount and the istiod chart its ClusterRole and binding; these
/// builders make them when a remote lacks them (as `istioctl create-remote-secret` does).
public enum ReaderAccess {
    public static let serviceAccountName = "istio-reader-service-account"
    /// The Secret `istioctl create-remote-secret` creates for the reader's token.
    public static let tokenSecretName = "istio-reader-service-account-istio-remote-secret-token"
    public static let serviceAccountNameAnnotation = "kubernetes.io/service-account.name"
    public static let tokenSecretType = "kubernetes.io/service-account-token"

    /// The ClusterRole (and binding) name the istiod chart gives the reader role.
    public static func clusterRoleName(namespace: String, revision: String?) -> String {
        "istio-reader-clusterrole-" + (revision.map { "\($0)-" } ?? "") + namespace
    }

    public static func serviceAccount(namespace: String) -> Value {
        [
            "apiVersion": "v1", "kind": "ServiceAccount",
            "metadata": ["name": .string(serviceAccountName), "namespace": .string(namespace), "labels": ["app": "istio-reader"]],
        ]
    }

    /// What istiod reads in a remote to discover its services and endpoints, and
    /// the reviews it asks for to authenticate the remote's workloads.
    public static func clusterRole(namespace: String, revision: String?) -> Value {
        func rule(_ groups: [String], _ resources: [String], _ verbs: [String]) -> Value {
            ["apiGroups": .sequence(groups.map { .string($0) }), "resources": .sequence(resources.map { .string($0) }),
             "verbs": .sequence(verbs.map { .string($0) })]
        }
        let read = ["get", "list", "watch"]
        return [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
            "metadata": ["name": .string(clusterRoleName(namespace: namespace, revision: revision)), "labels": ["app": "istio-reader"]],
            "rules": [
                rule(["config.istio.io", "security.istio.io", "networking.istio.io", "authentication.istio.io",
                      "rbac.istio.io", "telemetry.istio.io", "extensions.istio.io"], ["*"], read),
                rule([""], ["endpoints", "pods", "services", "nodes", "replicationcontrollers", "namespaces", "secrets",
                            "configmaps"], read),
                rule(["discovery.k8s.io"], ["endpointslices"], read),
                rule(["apps"], ["replicasets"], read),
                rule(["apiextensions.k8s.io"], ["customresourcedefinitions"], read),
                rule(["networking.x-k8s.io", "gateway.networking.k8s.io"], ["*"], read),
                rule(["multicluster.x-k8s.io"], ["serviceexports", "serviceimports"], read),
                rule(["authentication.k8s.io"], ["tokenreviews"], ["create"]),
                rule(["authorization.k8s.io"], ["subjectaccessreviews"], ["create"]),
            ],
        ]
    }

    public static func clusterRoleBinding(namespace: String, revision: String?) -> Value {
        let name = clusterRoleName(namespace: namespace, revision: revision)
        return [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": ["name": .string(name), "labels": ["app": "istio-reader"]],
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(name)],
            "subjects": [["kind": "ServiceAccount", "name": .string(serviceAccountName), "namespace": .string(namespace)]],
        ]
    }

    /// The long-lived token Secret; the token controller fills `token` and `ca.crt`.
    /// Not a TokenRequest token: those expire, and the mesh would silently lose the remote.
    public static func tokenSecret(namespace: String) -> Value {
        [
            "apiVersion": "v1", "kind": "Secret",
            "metadata": [
                "name": .string(tokenSecretName), "namespace": .string(namespace),
                "annotations": [serviceAccountNameAnnotation: .string(serviceAccountName)],
            ],
            "type": .string(tokenSecretType),
        ]
    }
}
