/// Lexical path arithmetic, as Go's `filepath.Join`/`Clean` does it (kubectl
/// resolves kubeconfig paths this way): no file system access, `.` and `..`
/// folded, repeated slashes collapsed.
enum FilePath {
    /// `path` made absolute against `base` (which is absolute), then cleaned.
    static func absolute(_ path: String, from base: String) -> String {
        path.hasPrefix("/") ? clean(path) : join(base, path)
    }

    static func join(_ base: String, _ path: String) -> String {
        clean(base + "/" + path)
    }

    /// The directory part of `path` (`/a/b/config` → `/a/b`).
    static func directory(of path: String) -> String {
        let cleaned = clean(path)
        guard let slash = cleaned.lastIndex(of: "/") else { return "." }
        return slash == cleaned.startIndex ? "/" : String(cleaned[..<slash])
    }

    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
