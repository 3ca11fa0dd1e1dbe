import Kube

/// One cluster of the run and the client that reaches it.
public struct ClusterSession: Sendable {
    public let cluster: MeshCluster
    public let client: KubeClient

    public init(cluster: MeshCluster, client: KubeClient) {
        self.cluster = cluster
        self.client = client
    }

    /// A libcurl client for `cluster`, whose errors name the mesh's cluster name.
    public init(cluster: MeshCluster, environment: KubeEnvironment, requestTimeout: Double = 60) throws(KubeError) {
        self.cluster = cluster
        self.client = try KubeClient(
            context: cluster.context, environment: environment,
            options: KubeClientOptions(clusterName: cluster.name, requestTimeout: requestTimeout))
    }

    public var ref: ClusterRef { cluster.ref }
}
