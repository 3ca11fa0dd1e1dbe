import Foundation
import Kube
import YAML

/// `mesh-bench apply-configmaps --kubeconfig FILE [--context NAME]
///   [--count 100] [--prefix bench] [--namespace default] [--concurrency N]`
///
/// Server-side applies COUNT ConfigMaps named PREFIX-0 … PREFIX-(COUNT-1), the
/// same objects `apply-configmaps.sh` hands to `kubectl apply --server-side`,
/// and prints the wall time of the applies alone. The script times the whole
/// process as well, which is what it compares with kubectl.
func applyConfigMapsBenchmark(_ arguments: [String]) throws {
    var options = [String: String]()
    var index = 0
    while index + 1 < arguments.count {
        options[arguments[index]] = arguments[index + 1]
        index += 2
    }
    guard let kubeconfig = options["--kubeconfig"] else {
        print("usage: mesh-bench apply-configmaps --kubeconfig FILE [--context NAME] [--count N] [--prefix P] [--namespace NS] [--concurrency C]")
        exit(2)
    }
    let count = Int(options["--count"] ?? "") ?? 100
    let prefix = options["--prefix"] ?? "bench"
    let namespace = options["--namespace"] ?? "default"
    // Without --concurrency, the client's own default.
    let concurrency = Int(options["--concurrency"] ?? "")

    // Loaded as the plugin loads it, so the timing includes reading the kubeconfig.
    let context = try Kubeconfig.load(from: KubeconfigSources(paths: [kubeconfig], isExplicit: true))
        .resolve(context: options["--context"])
    let client = try KubeClient(context: context, environment: KubeEnvironment.ofCurrentProcess())
    let objects: [Value] = (0..<count).map { configMap(prefix: prefix, index: $0, namespace: namespace) }

    let started = DispatchTime.now().uptimeNanoseconds
    let results = concurrency.map { client.apply(objects, concurrency: $0) } ?? client.apply(objects)
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
    let failures = results.compactMap { result -> KubeError? in
        if case .failure(let error) = result { return error }
        return nil
    }
    if let first = failures.first {
        print("apply-configmaps: \(failures.count) of \(count) failed; first: \(first)")
        exit(1)
    }
    let created = results.filter { (try? $0.get().created) == true }.count
    let width = concurrency.map(String.init) ?? "default"
    print(String(format: "apply-configmaps: %d objects (%d created) in %.1f ms, concurrency %@", count, created, elapsed, width))
}

/// The ConfigMap `apply-configmaps.sh` writes as YAML for kubectl, built in memory.
private func configMap(prefix: String, index: Int, namespace: String) -> Value {
    [
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": [
            "name": .string("\(prefix)-\(index)"), "namespace": .string(namespace),
            "labels": ["app.kubernetes.io/managed-by": "mesh-bench"],
        ],
        "data": ["index": .string(String(index)), "mesh": "mesh1", "network": "network1"],
    ]
}
