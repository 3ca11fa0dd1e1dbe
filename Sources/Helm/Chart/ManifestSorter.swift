import Dispatch
import Foundation
import YAML

/// One YAML document of a rendered chart, as Helm's release manifest holds it.
public struct RenderedDocument: Sendable, Equatable {
    /// The template that produced it (`istiod/templates/deployment.yaml`).
    public var templateName: String
    /// The document text, without its `---` separator.
    public var text: String
    /// Its `kind`, or `""` for a document without one (such as a comment-only document).
    public var kind: String
    /// The parsed document (`.null` for a comment-only document).
    public var value: Value
    /// `helm.sh/hook` events, when the document is a hook; empty otherwise.
    public var hookEvents: [String]

    public var isHook: Bool { !hookEvents.isEmpty }
}

/// Helm's manifest handling after rendering (pkg/release/v1/util): split each
/// file into documents, read each one's kind and hook annotation, and order
/// them by kind in Helm v4's install order (HELM-NOTES §5.4).
enum ManifestSorter {
    struct ParseError: Error, CustomStringConvertible {
        var templateName: String
        var message: String
        var description: String { "YAML parse error on \(templateName): \(message)" }
    }

    /// Helm v4's install order; other kinds follow, sorted by name.
    static let installOrder: [String] = [
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
        "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
        "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
        "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
        "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
        "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    ]

    static let hookEvents: Set<String> = [
        "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade", "pre-rollback",
        "post-rollback", "test", "test-success",
    ]

    /// Splits, reads and orders the rendered files. Partials (`_*`) and
    /// whitespace-only files are skipped; hook documents with an unknown event
    /// are dropped, as Helm does.
    static func sort(_ files: [String: String]) throws -> (manifests: [RenderedDocument], hooks: [RenderedDocument]) {
        var pieces: [(name: String, text: String)] = []
        for name in files.keys.sorted(by: goStringLess) {
            guard let content = files[name] else { continue }
            if (name.split(separator: "/").last ?? "").hasPrefix("_") { continue }
            if content.trimmingGoSpace().isEmpty { continue }
            for text in split(content) { pieces.append((name, text)) }
        }
        let documents = try readAll(pieces)
        var manifests: [RenderedDocument] = []
        var hooks: [RenderedDocument] = []
        for document in documents {
            if document.isHook {
                if document.hookEvents.allSatisfy({ hookEvents.contains($0) }) { hooks.append(document) }
            } else {
                manifests.append(document)
            }
        }
        return (stableSortByKind(manifests), stableSortByKind(hooks))
    }

    /// Reads every document, in parallel when there are several (parsing is
    /// most of the work for large charts); the first error in document order wins.
    private static func readAll(_ pieces: [(name: String, text: String)]) throws -> [RenderedDocument] {
        if pieces.count < 4 { return try pieces.map { try read($0.text, templateName: $0.name) } }
        let results = ResultSlots(count: pieces.count)
        DispatchQueue.concurrentPerform(iterations: pieces.count) { index in
            results.set(index, Result { try read(pieces[index].text, templateName: pieces[index].name) })
        }
        return try results.values.map { try $0.get() }
    }

    /// Slots that concurrent workers fill, each its own index.
    private final class ResultSlots: @unchecked Sendable {
        private var slots: [Result<RenderedDocument, Error>]
        private let lock = NSLock()

        init(count: Int) {
            slots = Array(repeating: .failure(CancellationError()), count: count)
        }

        func set(_ index: Int, _ value: Result<RenderedDocument, Error>) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        var values: [Result<RenderedDocument, Error>] {
            lock.lock()
            defer { lock.unlock() }
            return slots
        }
    }

    /// Helm's SplitManifests: split at `(?:^|\s*\n)---\s*` after trimming leading
    /// white space; whitespace-only pieces are dropped and each piece loses its
    /// leading white space (trailing white space stays).
    static func split(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var start = 0
        // strings.TrimLeftFunc(unicode.IsSpace)
        let trimmedStart = leadingSpaceEnd(bytes, from: 0)
        start = trimmedStart
        var pieces: [ArraySlice<UInt8>] = []
        var pieceStart = start
        var i = start
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D }
        func isDashes(_ k: Int) -> Bool {
            k + 2 < bytes.count && bytes[k] == 0x2D && bytes[k + 1] == 0x2D && bytes[k + 2] == 0x2D
        }
        while i < bytes.count {
            var matchStart = -1
            var dashes = -1
            if i == start && isDashes(i) {
                matchStart = i
                dashes = i
            } else if isSpace(bytes[i]) {
                var k = i
                while k < bytes.count && isSpace(bytes[k]) { k += 1 }
                if bytes[k - 1] == 0x0A && isDashes(k) {
                    matchStart = i
                    dashes = k
                } else {
                    i = k
                    continue
                }
            }
            if matchStart < 0 {
                i += 1
                continue
            }
            var end = dashes + 3
            while end < bytes.count && isSpace(bytes[end]) { end += 1 }
            pieces.append(bytes[pieceStart..<matchStart])
            pieceStart = end
            i = end
        }
        pieces.append(bytes[pieceStart...])
        var documents: [String] = []
        for piece in pieces {
            let text = String(decoding: piece, as: UTF8.self)
            if text.trimmingGoSpace().isEmpty { continue }
            let leading = leadingSpaceEnd(Array(piece), from: 0)
            documents.append(leading == 0 ? text : String(decoding: piece.dropFirst(leading), as: UTF8.self))
        }
        return documents
    }

    /// The end of the leading run of Unicode white space.
    private static func leadingSpaceEnd(_ bytes: [UInt8], from: Int) -> Int {
        let text = String(decoding: bytes[from...], as: UTF8.self)
        var offset = from
        for scalar in text.unicodeScalars {
            if !scalar.properties.isWhitespace { break }
            offset += String(scalar).utf8.count
        }
        return offset
    }

    /// Reads a document's kind and hook annotation (Helm's SimpleHead).
    static func read(_ text: String, templateName: String) throws -> RenderedDocument {
        let value: Value
        do {
            value = try YAML.parse(text, options: .helm)
        } catch {
            throw ParseError(templateName: templateName, message: "error converting YAML to JSON: \(YAMLScalarText.goYAMLMessage(error))")
        }
        var kind = ""
        var hooks: [String] = []
        switch value.untagged {
        case .null:
            break
        case .mapping(let mapping):
            kind = try coerced(mapping["kind"], field: "SimpleHead.kind", templateName: templateName)
            switch mapping["metadata"]?.untagged {
            case nil, .null?:
                break
            case .mapping(let meta)?:
                _ = try coerced(meta["name"], field: ".metadata.name", templateName: templateName)
                switch meta["annotations"]?.untagged {
                case nil, .null?:
                    break
                case .mapping(let annotations)?:
                    var hook: String?
                    for entry in annotations.entries {
                        let text = try coerced(entry.value, field: ".metadata.annotations", templateName: templateName)
                        if entry.key.string == "helm.sh/hook" { hook = text }
                    }
                    if let hook {
                        hooks = hook.split(separator: ",", omittingEmptySubsequences: false).map {
                            String($0).trimmingGoSpace().lowercased()
                        }
                    }
                case let other?:
                    throw ParseError(
                        templateName: templateName,
                        message: unmarshalError(other, field: ".metadata.annotations", type: "map[string]string"))
                }
            case let other?:
                throw ParseError(
                    templateName: templateName,
                    message: unmarshalError(
                        other, field: "SimpleHead.metadata",
                        type: #"struct { Name string "json:\"name\""; Annotations map[string]string "json:\"annotations\"" }"#))
            }
        default:
            throw ParseError(
                templateName: templateName,
                message: "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(YAMLScalarText.jsonKind(value)) into Go value of type util.SimpleHead")
        }
        return RenderedDocument(templateName: templateName, text: text, kind: kind, value: value, hookEvents: hooks)
    }

    /// A scalar read into a Go string field the way sigs.k8s.io/yaml does it:
    /// numbers and booleans become their text; a list or map is an error.
    private static func coerced(_ value: Value?, field: String, templateName: String) throws -> String {
        guard let value else { return "" }
        if let text = YAMLScalarText.string(value) { return text }
        throw ParseError(templateName: templateName, message: unmarshalError(value, field: field, type: "string"))
    }

    private static func unmarshalError(_ value: Value, field: String, type: String) -> String {
        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(YAMLScalarText.jsonKind(value)) into Go struct field \(field) of type \(type)"
    }

    /// Stable sort by Helm's install order; unknown kinds last, by name.
    static func stableSortByKind(_ documents: [RenderedDocument]) -> [RenderedDocument] {
        var rank: [String: Int] = [:]
        for (i, kind) in installOrder.enumerated() { rank[kind] = i }
        let indexed = documents.enumerated().map { ($0.offset, $0.element) }
        let sorted = indexed.sorted { a, b in
            let ra = rank[a.1.kind]
            let rb = rank[b.1.kind]
            switch (ra, rb) {
            case (nil, nil):
                if a.1.kind != b.1.kind { return goStringLess(a.1.kind, b.1.kind) }
                return a.0 < b.0
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?):
                if x != y { return x < y }
                return a.0 < b.0
            }
        }
        return sorted.map(\.1)
    }
}
