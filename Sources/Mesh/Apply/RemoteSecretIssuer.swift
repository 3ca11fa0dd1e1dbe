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
    /// when the cluster lacks them (the charts normally make them) or when they
    /// are this set's already (made by an earlier run, so they stay wanted and
    /// are not pruned).
    public func readerObjects() throws(KubeError) -> [Value] {
        let client = session.client
        let set = ApplySet(stage: .remoteSecret, namespace: namespace)
        func ours(_ object: Value?) -> Bool { object.map { $0.label(ApplySet.partOfLabel) == set.id } ?? true }
        var objects = [ReaderAccess.tokenSecret(namespace: namespace)]
        let account = try client.get(.serviceAccount, name: ReaderAccess.serviceAccountName, namespace: namespace)
        if ours(account) { objects.append(ReaderAccess.serviceAccount(namespace: namespace)) }
        let roleName = ReaderAccess.clusterRoleName(namespace: namespace, revision: revision)
        let clusterRole = GroupVersionKind(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole")
        let role = try client.get(clusterRole, name: roleName)
        if role.map({ _ in ours(role) }) ?? ours(account) {
            objects.append(ReaderAccess.clusterRole(namespace: namespace, revision: revision))
            objects.append(ReaderAccess.clusterRoleBinding(namespace: namespace, revision: revision))
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

    /// `create-remote-secret`: makes istio-system when missing, applies the reader
    /// objects as the remote-secret stage of `join-remote` records them (its
    /// ApplySet on this cluster, with the mesh's labels), so that a later join
    /// adopts them and `leave` removes them; then returns the secret.
    public func issue(progress: @escaping (WaitProgress) -> Void = { _ in }) throws(MeshError) -> RemoteSecret {
        do {
            let client = session.client
            let existingNamespace = try client.get(.namespace, name: namespace)
            if existingNamespace == nil {
                // Created, not applied: the remote-namespace stage of a later join takes it over with its labels.
                let created = Result { () throws(KubeError) -> Value in
                    try client.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])
                }
                if case .failure(let error) = created, !error.isAlreadyExists { throw error }
            }
            // One cluster, one ID: istiod takes the key as the cluster ID and would read a cluster known by two names twice.
            let recorded = try ApplySetRemoval(session: session, namespace: namespace).parents()
                .compactMap { $0.parent.annotation(MeshLabels.clusterAnnotation) }.first
            if let recorded, recorded != clusterName {
                throw MeshError.cluster(session.ref, cause: "this cluster is in the mesh as \(recorded), not \(clusterName)",
                                        hint: "pass --name \(recorded): istiod takes the name as the cluster's ID, and one cluster under two IDs is read twice")
            }
            // The mesh a join recorded on istio-system, else the default one.
            let mesh = existingNamespace?.label(MeshLabels.mesh) ?? JoinOptions().mesh
            let applier = SetApplier(session: session, applySet: ApplySet(stage: .remoteSecret, namespace: namespace),
                                     mesh: mesh, timeout: timeout, progress: progress)
            _ = try applier.apply(try readerObjects())
            return try secretFromToken(progress: progress)
        } catch let error as KubeError {
            throw MeshError.cluster(session.ref, cause: error.message, hint: error.hint)
        } catch let error as ForeignFieldOwners {
            throw MeshError.cluster(session.ref, cause: error.message, hint: error.hint)
        } catch let error as MeshError {
            throw error
        } catch {
            throw MeshError.cluster(session.ref, cause: "\(error)", hint: nil)
        }
    }
}
