/// Which kubeconfig files to read, by kubectl's rules: `--kubeconfig FILE` alone
/// when given (then a missing file is an error); else every file listed in
/// `$KUBECONFIG` (colon-separated, duplicates and empty entries dropped, missing
/// files skipped); else `~/.kube/config` (absent means an empty configuration).
/// Like kubectl, `~` inside these paths is not expanded (the shell does that).
public struct KubeconfigSources: Sendable, Equatable {
    /// Absolute paths, in precedence order: for a name defined twice, the first file wins.
    public var paths: [String]
    /// True for `--kubeconfig`: the one file must exist.
    public var isExplicit: Bool

    public init(paths: [String], isExplicit: Bool) {
        self.paths = paths
        self.isExplicit = isExplicit
    }

    /// - Parameters:
    ///   - explicitPath: the `--kubeconfig` value, if given.
    ///   - environment: the process environment (`KUBECONFIG`).
    ///   - homeDirectory: where `.kube/config` lives; nil when unknown.
    ///   - workingDirectory: relative paths are taken from here.
    public init(explicitPath: String?, environment: [String: String], homeDirectory: String?,
                workingDirectory: String) {
        if let explicitPath, !explicitPath.isEmpty {
            self.init(paths: [FilePath.absolute(explicitPath, from: workingDirectory)], isExplicit: true)
            return
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            var paths: [String] = []
            for entry in list.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
            where seen.insert(entry).inserted {
                paths.append(FilePath.absolute(entry, from: workingDirectory))
            }
            self.init(paths: paths, isExplicit: false)
            return
        }
        if let homeDirectory, !homeDirectory.isEmpty {
            self.init(paths: [FilePath.join(homeDirectory, ".kube/config")], isExplicit: false)
        } else {
            self.init(paths: [], isExplicit: false)
        }
    }
}
