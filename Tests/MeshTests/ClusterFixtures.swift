import Foundation
import Kube
import Mesh
import TestCluster
import XCTest

/// Test clusters opened as the mesh opens them: a `ClusterSession` per test API server.
enum ClusterFixtures {
    static func session(_ cluster: TestCluster, name: String? = nil) throws -> ClusterSession {
        let text = try String(contentsOfFile: cluster.kubeconfigPath, encoding: .utf8)
        let kubeconfig = try Kubeconfig.parse(text, path: cluster.kubeconfigPath)
        let context = try kubeconfig.resolve(context: cluster.contextName)
        let ref = ClusterRef(name: name ?? cluster.name, context: cluster.contextName)
        return try ClusterSession(cluster: MeshCluster(ref: ref, context: context),
                                  environment: KubeEnvironment(variables: [:]))
    }

    /// Writes (PATCH, PUT, POST, DELETE) in the request log since `mark`, leaving out
    /// SelfSubjectAccessReviews, which ask and change nothing.
    static func writes(_ cluster: TestCluster, since mark: Int) throws -> [RequestLogEntry] {
        try cluster.requestLog(since: mark).filter { $0.isWrite && !$0.path.contains("selfsubjectaccessreviews") }
    }
}
