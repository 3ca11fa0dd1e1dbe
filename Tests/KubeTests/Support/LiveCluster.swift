import Foundation
import Kube
import TestCluster
import XCTest
import YAML

/// Builds clients for a running `TestCluster` with any kind of credential.
enum LiveCluster {
    /// The cluster's kubeconfig entry for `user` (the CA from the cluster's file).
    static func context(
        _ cluster: TestCluster, user: KubeUser, userName: String = "tester", namespace: String? = nil,
        kubeCluster: KubeCluster? = nil
    ) -> ResolvedContext {
        ResolvedContext(
            name: cluster.contextName,
            context: KubeContext(cluster: cluster.name, user: userName, namespace: namespace),
            cluster: kubeCluster
                ?? KubeCluster(server: cluster.server.absoluteString, certificateAuthority: cluster.caCertificatePath),
            user: user)
    }

    /// The admin (client certificate from files).
    static func adminUser(_ cluster: TestCluster) -> KubeUser {
        KubeUser(clientCertificate: cluster.adminCertificatePath, clientKey: cluster.adminKeyPath)
    }

    static func client(
        _ cluster: TestCluster, user: KubeUser? = nil, userName: String = "tester", clusterName: String = "west",
        clock: any KubeClock = SystemClock(), variables: [String: String] = ProcessInfo.processInfo.environment,
        retry: RetryPolicy = RetryPolicy(), requestTimeout: Double = 30, kubeCluster: KubeCluster? = nil
    ) throws -> KubeClient {
        try KubeClient(
            context: context(cluster, user: user ?? adminUser(cluster), userName: userName, kubeCluster: kubeCluster),
            environment: KubeEnvironment(variables: variables, clock: clock, random: { 0.5 }),
            options: KubeClientOptions(clusterName: clusterName, requestTimeout: requestTimeout, retry: retry))
    }

    static func configMap(_ name: String, namespace: String = "default", data: [String: String] = ["a": "1"]) -> Value {
        var entries = Mapping()
        for (key, value) in data.sorted(by: { $0.key < $1.key }) { entries[key] = .string(value) }
        return [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "data": .mapping(entries),
        ]
    }
}

/// A temporary directory removed at the end of the test.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kube-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let path = path(name)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
        return path
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
