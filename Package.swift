// swift-tools-version:6.0
// kubectl-mesh: a kubectl plugin that joins Kubernetes clusters into one Istio mesh.
// No package dependencies: the toolchain's libraries and the system's libcurl only.
import PackageDescription

let package = Package(
    name: "kubectl-mesh",
    products: [
        .executable(name: "kubectl-mesh", targets: ["kubectl-mesh"]),
    ],
    targets: [
        // Opening a shared library at first use and resolving its symbols (dlopen), for
        // the two C shims below.
        .target(
            name: "CLibraryLoader",
            linkerSettings: [.linkedLibrary("dl")]
        ),
        // libcurl, through a tiny C shim (curl_easy_setopt is variadic). The shim loads
        // libcurl.so.4 with dlopen on first use, so starting the program stays cheap.
        .target(name: "CCurl", dependencies: ["CLibraryLoader"]),
        // OpenSSL 3's libcrypto for Sprig's key, certificate and AES functions, loaded
        // with dlopen on first use: no OpenSSL headers at build time, no link dependency.
        .target(name: "CCrypto", dependencies: ["CLibraryLoader"]),
        .target(name: "YAML"),
        .target(name: "Kube", dependencies: ["YAML", "CCurl"]),
        .target(name: "Helm", dependencies: ["YAML", "CCrypto"]),
        .target(name: "Mesh", dependencies: ["YAML", "Kube", "Helm"]),
        .target(name: "CLI", dependencies: ["YAML", "Kube", "Helm", "Mesh"]),
        .executableTarget(name: "kubectl-mesh", dependencies: ["CLI"]),

        // Starts and drives the test API server (Tests/TestCluster/server, Python 3) for the tests.
        // Non-Swift fixtures live in Tests/Fixtures, outside every target.
        .target(
            name: "TestCluster",
            dependencies: ["YAML"],
            path: "Tests/TestCluster",
            exclude: ["server"]
        ),
        // In-process benchmarks (run by the scripts in Tests/Benchmarks; never by the tests).
        .executableTarget(
            name: "mesh-bench",
            dependencies: ["YAML", "Kube", "Helm"],
            path: "Tests/Benchmarks/mesh-bench"
        ),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "KubeTests", dependencies: ["Kube", "YAML", "TestCluster"]),
        .testTarget(name: "HelmTests", dependencies: ["Helm", "YAML"]),
        .testTarget(name: "MeshTests", dependencies: ["Mesh", "Kube", "Helm", "YAML", "TestCluster"]),
        .testTarget(name: "CLITests", dependencies: ["CLI", "YAML", "TestCluster"]),
    ],
    swiftLanguageModes: [.v6]
)
