import Foundation

/// A running test Kubernetes API server (Tests/TestCluster/server, Python 3) for one test.
///
/// ```swift
/// let east = try TestCluster.start(name: "east")
/// defer { east.stop() }
/// // east.kubeconfigPath has context "east" with a client-certificate admin (system:masters)
/// try east.addFault(.status(429, path: "/api/v1/namespaces/default/configmaps", retryAfter: 1))
/// let writes = try east.requestLog().filter { $0.method != "GET" }
/// ```
///
/// The server listens on 127.0.0.1 with a random port, behaves like kube-apiserver (discovery,
/// Status errors, server-side apply, watches, RBAC, CRDs, controllers) and exits when ``stop()``
/// runs, when this object is deinitialised, or when the test process dies (it watches its stdin
/// pipe and its parent), so no server outlives the test run. Its temporary directory (certificates,
/// kubeconfig) is removed with it.
public final class TestCluster: @unchecked Sendable {
    /// The cluster name (kubeconfig cluster entry; certificates are named after it).
    public let name: String
    /// The kubeconfig context of the admin user.
    public let contextName: String
    /// The kubeconfig user entry of the admin (client certificate CN=kubernetes-admin, O=system:masters).
    public let userName: String
    /// `https://127.0.0.1:PORT`
    public let server: URL
    public let port: Int
    /// A kubeconfig with exactly this cluster, its admin user and context (current).
    public let kubeconfigPath: String
    /// The server's temporary directory (removed by ``stop()``).
    public let directory: String
    public let caCertificatePath: String
    public let caKeyPath: String
    public let adminCertificatePath: String
    public let adminKeyPath: String
    /// Plain-HTTP control endpoint on loopback (`/__test/…`); the same controls are served on the API
    /// port to the admin certificate (`kubectl get --raw /__test/log`).
    public let controlURL: URL
    public let kubeVersion: String

    private let process: Process
    private let lifeline: FileHandle
    private let lock = NSLock()
    private var stopped = false

    /// The directory holding server.py, found next to this source file.
    public static var serverDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("server").path
    }

    /// Starts a server and returns once it accepts requests (about 0.1 s).
    public static func start(name: String = "test", options: TestClusterOptions = .init()) throws -> TestCluster {
        let launched = try ServerProcess.launch(name: name, options: options)
        return TestCluster(launched: launched)
    }

    private init(launched: ServerProcess.Launched) {
        let info = launched.info
        name = info.name
        contextName = info.context
        userName = info.user
        server = URL(string: info.server)!
        port = info.port
        kubeconfigPath = info.kubeconfig
        directory = info.directory
        caCertificatePath = info.caCertificate
        caKeyPath = info.caKey
        adminCertificatePath = info.adminCertificate
        adminKeyPath = info.adminKey
        controlURL = URL(string: info.controlURL)!
        kubeVersion = info.kubeVersion
        process = launched.process
        lifeline = launched.lifeline
    }

    /// Stops the server and removes its directory. Safe to call more than once.
    public func stop() {
        lock.lock()
        let alreadyStopped = stopped
        stopped = true
        lock.unlock()
        if alreadyStopped { return }
        try? lifeline.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { stop() }

    /// The PEM text of the cluster CA.
    public func caCertificatePEM() throws -> String {
        try String(contentsOfFile: caCertificatePath, encoding: .utf8)
    }

    var control: ControlClient { ControlClient(clusterName: name, baseURL: controlURL) }
}
