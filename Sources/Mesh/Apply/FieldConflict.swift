import Helm
import Kube
import YAML

/// A field that another field manager set to another value, as a server-side
/// apply without force reports it: kube-apiserver answers 409 Conflict with one
/// `details.causes` entry per field, of type `FieldManagerConflict`, whose
/// message is `conflict with "MANAGER"` (plus ` with subresource "S"` and, for
/// an Update, ` using API_VERSION`) and whose `field` is the field's path.
struct FieldConflict: Equatable, CustomStringConvertible {
    /// The field manager that owns the field (`pilot-discovery`, `helm`, …).
    var manager: String
    /// The owner's subresource, when it wrote through one (`status`).
    var subresource: String?
    /// `.webhooks[name="x"].failurePolicy`
    var field: String

    var description: String { "\(field) (manager \"\(manager)\")" }

    /// The conflicts a failed apply reports; nil when the error is not an apply conflict.
    static func all(in error: KubeError) -> [FieldConflict]? {
        guard error.isConflict, let causes = error.status?["details"]?["causes"]?.sequence else { return nil }
        let conflicts = causes.compactMap { cause -> FieldConflict? in
            guard cause["type"]?.string == "FieldManagerConflict", let field = cause["field"]?.string,
                let message = cause["message"]?.string
            else { return nil }
            guard let (manager, subresource) = owner(in: message) else { return nil }
            return FieldConflict(manager: manager, subresource: subresource, field: field)
        }
        return conflicts.isEmpty ? nil : conflicts
    }

    /// `conflict with "helm" using apps/v1` → `("helm", nil)`;
    /// `conflict with "kubelet" with subresource "status"` → `("kubelet", "status")`.
    static func owner(in message: String) -> (manager: String, subresource: String?)? {
        guard let start = message.range(of: "conflict with ")?.upperBound else { return nil }
        let rest = message[start...]
        guard let (manager, after) = quoted(rest) else { return nil }
        var subresource: String?
        if let marker = after.range(of: " with subresource "), marker.lowerBound == after.startIndex,
            let (name, _) = quoted(after[marker.upperBound...])
        {
            subresource = name
        }
        return (manager, subresource)
    }

    /// A Go-quoted string (`%q`) at the start of `text`, and what follows it.
    private static func quoted(_ text: Substring) -> (String, Substring)? {
        guard text.first == "\"" else { return nil }
        var index = text.index(after: text.startIndex)
        var escaped = false
        while index < text.endIndex {
            let c = text[index]
            if escaped {
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                let literal = String(text[text.startIndex...index])
                guard let value = try? GoQuote.unquote(literal) else { return nil }
                return (value, text[text.index(after: index)...])
            }
            index = text.index(after: index)
        }
        return nil
    }
}

/// Apply conflicts with field managers outside Istio's own controllers, found
/// on one cluster: kubectl-mesh stops rather than take fields another tool
/// manages, unless `--force-conflicts` says to.
struct ForeignFieldOwners: Error {
    /// Per object (`ConfigMap istio-system/istio`), its conflicting fields.
    var objects: [(object: String, conflicts: [FieldConflict])]
    var origin: KubeError.Origin
    /// True when the conflicts were found by dry run, before anything of the set was written.
    var nothingWritten: Bool

    var message: String {
        let count = objects.reduce(0) { $0 + $1.conflicts.count }
        var text = "\(count) field\(count == 1 ? " is" : "s are") managed by another tool, with other values than kubectl-mesh applies"
        for (object, conflicts) in objects {
            text += "\n  \(object): " + conflicts.map(\.description).joined(separator: ", ")
        }
        return text
    }

    var managers: [String] { Array(Set(objects.flatMap { $0.conflicts.map(\.manager) })).sorted() }

    var hint: String {
        let names = managers.map { "\"\($0)\"" }.joined(separator: ", ")
        let written = nothingWritten ? "nothing of this set was changed; " : ""
        return written + "if \(names) should no longer manage these fields, kubectl-mesh can take them over with"
            + " --force-conflicts; otherwise have that tool set the values kubectl-mesh applies"
    }
}
