/// The context names of a kubeconfig, read as fast as possible for shell
/// completion: each file goes through `ContextNameScan`, and only a file the
/// scan does not follow is parsed in full. Never touches the network; files
/// that are missing or broken contribute nothing (completion must not fail).
public enum KubeconfigContextNames {
    /// Names from every file of `sources`, first file winning, sorted.
    public static func read(from sources: KubeconfigSources) -> [String] {
        var names = Set<String>()
        for path in sources.paths {
            switch KubeconfigFileReader.withMappedBytes(path, ContextNameScan.names(in:)) {
            case .none:
                continue  // missing or unreadable: nothing to offer
            case .some(.some(let scanned)):
                names.formUnion(scanned)
            case .some(.none):
                // YAML the scan does not follow: parse this file in full.
                guard let bytes = try? KubeconfigFileReader.read(path),
                      let file = try? KubeconfigFile(text: String(decoding: bytes, as: UTF8.self), path: path)
                else { continue }
                names.formUnion(file.contexts.map(\.name).filter { !$0.isEmpty })
            }
        }
        return names.sorted()
    }
}
