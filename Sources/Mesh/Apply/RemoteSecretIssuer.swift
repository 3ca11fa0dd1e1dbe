import Kube
import YAML

/// Makes a remote secret for one cluster, as `create-remote-secret` prints it
/// and as the remote-secret stage applies it: the reader account (created when
/// missing, as istioctl does), its long-lived token Secret, waited on until the
/// token controller fills it, and the Secret carrying a kubeconfig for it.
public struct RemoteSecretIssuer: Sendable {
    /// The cluster the secret gives access to.
    public let session: ClusterSession
    /// Its cluster ID in the mesh (the secret's data key).
    public let clusterName: String
    /// The API server address written into the kubeconfig.
    public let server: String
    public let revision: String?
    public let timeout: Double
    /// Where the reader account and its token live.
    public let namespace = "istio-system"

    public init(session: ClusterSession, clusterName: String, server: String, revision: String? = nil, timeout: Double) {
        self.session = session
        self.clusterName = clusterName
        self.server = server
        self.revision = revision
        self.timeout = timeout
    }

    /// The token Secret, plus the reader ServiceAccount, ClusterRole and binding
    /// when the cluster lacks them (the charts normally make them).
    public func readerObjects() throws(KubeError) -> [Value] {
        let client = session.client
        var objects = [ReaderAccess.tokenSecret(namespace: namespace)]
        if try client.get(.serviceAccount, name: ReaderAccess.serviceAccountName, namespace: namespace) == nil {
            objects.append(ReaderAccess.serviceAccount(namespace: namespace))
            let roleName = ReaderAccess.clusterRoleName(namespace: namespace, revision: revision)
            let clusterRole = GroupVersionKind(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole")
            if try client.get(clusterRole, name: roleName) == nil {
                objects.append(ReaderAccess.clusterRole(namespace: namespace, revision: revision))
                objects.append(ReaderAccess.clusterRoleBinding(namespace: namespace, revision: revision))
            }
        }
        return objects
    }

    /// Waits for the token controller, then builds the secret.
    public func secretFromToken(progress: (WaitProgress) -> Void) throws(KubeError) -> RemoteSecret {
        let filled = try session.client.waitForServiceAccountToken(
            secret: ReaderAccess.tokenSecretName, namespace: namespace, timeout: timeout, progress: progress)
        return RemoteSecret(clusterName: clusterName, server: server, certificateAuthority: filled.certificateAuthority,
                            token: filled.token)
    }

    /// `create-remote-secret`: applies what is missing (istio-system, the reader
    /// account, the token Secret) and returns the secret, without keeping it in
    /// any ApplySet (a later join adopts these objects).
    public func issue(progress: (WaitProgress) -> Void = { _ in }) throws(MeshError) -> RemoteSecret {
        do throws(KubeError) {
            let client = session.client
            if try client.get(.namespace, name: namespace) == nil {
                _ = try client.apply(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])
            }
            // The token Secret after the account: the token controller deletes one whose account is missing.
            let objects = try readerObjects()
            for batch in [objects.filter { !SetApplier.isTokenSecret($0) }, objects.filter(SetApplier.isTokenSecret)] {
                for result in client.apply(batch, force: true) {
                    if case .failure(let error) = result { throw error }
                }
            }
            return try secretFromToken(progress: progress)
        } catch {
            throw MeshError.cluster(session.ref, cause: error.message, hint: error.hint)
        }
    }
}
