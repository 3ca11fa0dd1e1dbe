import Foundation

/// Finds the real kubectl binaries installed on this machine.
///
/// `kubectl` on PATH may be a dispatcher that picks a version by the server's; the versioned
/// binaries `kubectl.1.27` … `kubectl.1.33` sit beside the binary it resolves to.
public enum Kubectl {
    /// `kubectl` on PATH (symlinks resolved), or nil when it is not installed.
    public static var defaultPath: String? {
        guard let found = Command.find("kubectl") else { return nil }
        return URL(fileURLWithPath: found).resolvingSymlinksInPath().path
    }

    /// `kubectl.MAJOR.MINOR` beside the default kubectl, or nil when that version is not installed.
    public static func path(version: String) -> String? {
        guard let base = defaultPath else { return nil }
        let candidate = URL(fileURLWithPath: base).deletingLastPathComponent()
            .appendingPathComponent("kubectl.\(version)").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// Every installed versioned kubectl, oldest first, as (version, path).
    public static var installedVersions: [(version: String, path: String)] {
        guard let base = defaultPath else { return [] }
        let dir = URL(fileURLWithPath: base).deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.compactMap { name -> (String, String)? in
            guard name.hasPrefix("kubectl.") else { return nil }
            let version = String(name.dropFirst("kubectl.".count))
            let parts = version.split(separator: ".").compactMap { Int($0) }
            guard parts.count == 2 else { return nil }
            return (version, dir.appendingPathComponent(name).path)
        }.sorted { a, b in
            let x = a.0.split(separator: ".").compactMap { Int($0) }
            let y = b.0.split(separator: ".").compactMap { Int($0) }
            return x.lexicographicallyPrecedes(y)
        }
    }
}

extension TestCluster {
    /// Runs kubectl against this cluster (`--kubeconfig` set to its admin kubeconfig; its discovery
    /// cache kept in the cluster's directory, so no two test servers share one).
    public func kubectl(_ arguments: [String], binary: String? = nil, input: String? = nil) throws -> CommandResult {
        try startKubectl(arguments, binary: binary, input: input).wait()
    }

    /// Starts kubectl against this cluster without waiting (e.g. `get --watch`).
    public func startKubectl(_ arguments: [String], binary: String? = nil, input: String? = nil) throws
        -> RunningCommand {
        guard let path = binary ?? Kubectl.defaultPath else {
            throw TestClusterError.transport(name: name, request: "kubectl", reason: "kubectl is not installed")
        }
        return try Command.start(path, ["--kubeconfig", kubeconfigPath] + arguments,
                                 addingEnvironment: ["KUBECACHEDIR": directory + "/kubectl-cache",
                                                     "HOME": directory],
                                 input: input.map { Data($0.utf8) })
    }
}
