import YAML

/// Why a kubeconfig could not be loaded, or a context in it cannot be used.
/// Each case names the file (and line:column, or the field) a user must look at.
public enum KubeconfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--kubeconfig` names a file that does not exist.
    case missingFile(path: String)
    /// A file exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// Not YAML or JSON: the parser's `path:line:column: message`.
    case malformed(YAMLError)
    /// Valid YAML, but a field has the wrong shape, or a name appears twice in one
    /// list (`config:7:20: users[0] "admin".user.token: expected a string…`).
    case invalidField(path: String, line: Int?, column: Int?, field: String, message: String)
    /// No `--context` and no `current-context` in any file.
    case noCurrentContext(available: [String])
    case contextNotFound(name: String, available: [String])
    /// The context exists, but what it points at cannot be used.
    case unusableContext(name: String, problems: [String])

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "kubeconfig \(path) does not exist"
        case .unreadable(let path, let reason):
            return "cannot read kubeconfig \(path): \(reason)"
        case .malformed(let error):
            return error.description
        case .invalidField(let path, let line, let column, let field, let message):
            let place = line.map { line in column.map { "\(path):\(line):\($0)" } ?? "\(path):\(line)" } ?? path
            return "\(place): \(field): \(message)"
        case .noCurrentContext:
            return "no context chosen: the kubeconfig sets no current-context"
        case .contextNotFound(let name, _):
            return "context \"\(name)\" does not exist in the kubeconfig"
        case .unusableContext(let name, let problems):
            return "context \"\(name)\" cannot be used: " + problems.joined(separator: "; ")
        }
    }

    /// What to do about it, one line.
    public var hint: String? {
        switch self {
        case .missingFile:
            return "check the --kubeconfig path, or leave the flag out to use $KUBECONFIG or ~/.kube/config"
        case .unreadable:
            return "check the file's permissions"
        case .malformed, .invalidField:
            return "fix the file; `kubectl config view` shows how kubectl reads it"
        case .noCurrentContext(let available), .contextNotFound(_, let available):
            if available.isEmpty { return "the kubeconfig defines no contexts; create one with `kubectl config set-context`" }
            let shown = available.prefix(8).joined(separator: ", ") + (available.count > 8 ? ", …" : "")
            if case .contextNotFound(let name, _) = self, let near = Spelling.closest(to: name, among: available) {
                return "did you mean \"\(near)\"? contexts: \(shown)"
            }
            return "pass --context NAME; contexts: \(shown)"
        case .unusableContext:
            return "fix the entries in the kubeconfig (`kubectl config view --minify --context NAME` shows them)"
        }
    }
}
