import Foundation
import YAML

/// `.Files` (Helm's `engine.files`, a `map[string][]byte` with methods): every
/// chart file outside `templates/`, `charts/`, Chart.yaml and values.yaml,
/// keyed by its path from the chart root.
final class FilesObject: GoObject {
    let files: [String: [UInt8]]
    private var texts: [String: String] = [:]
    private lazy var mapView = GoMap(files.mapValues { GoValue.bytes($0) }, goTypeName: "engine.files")

    init(_ files: [String: [UInt8]]) {
        self.files = files
    }

    var goTypeName: String { "engine.files" }
    var shape: GoObjectShape { .map(mapView) }

    func field(_ name: String) -> GoValue? { files[name].map { .bytes($0) } }

    /// The file as text (decoded once per file).
    func text(_ name: String) -> String {
        if let cached = texts[name] { return cached }
        guard let bytes = files[name] else { return "" }
        let text = String(decoding: bytes, as: UTF8.self)
        texts[name] = text
        return text
    }

    func method(_ name: String) -> GoMethod? {
        switch name {
        case "Get":
            return GoMethod([.string]) { [unowned self] arguments in .string(self.text(Self.string(arguments[0]))) }
        case "GetBytes":
            return GoMethod([.string]) { [unowned self] arguments in .bytes(self.files[Self.string(arguments[0])] ?? []) }
        case "Glob":
            return GoMethod([.string]) { [unowned self] arguments in .object(self.glob(Self.string(arguments[0]))) }
        case "Lines":
            return GoMethod([.string]) { [unowned self] arguments in try self.lines(Self.string(arguments[0])) }
        case "AsConfig":
            return GoMethod([]) { [unowned self] _ in
                .string(self.asYAML { String(decoding: $0, as: UTF8.self) })
            }
        case "AsSecrets":
            return GoMethod([]) { [unowned self] _ in
                .string(self.asYAML { Base64.encode($0) })
            }
        default:
            return nil
        }
    }

    private static func string(_ value: GoValue) -> String {
        if case .string(let s) = value { return s }
        return ""
    }

    /// The files whose path matches `pattern`; an invalid pattern matches everything, as in Helm.
    func glob(_ pattern: String) -> FilesObject {
        guard let glob = try? GlobPattern(pattern) else { return FilesObject(files) }
        return FilesObject(files.filter { glob.matches($0.key) })
    }

    /// Lines without the final empty one; an empty file is Go's index-out-of-range panic.
    func lines(_ path: String) throws -> GoValue {
        guard let bytes = files[path] else { return .stringList([]) }
        guard !bytes.isEmpty else { throw TemplateFunctionError("runtime error: index out of range [-1]") }
        var body = bytes[...]
        if body.last == 0x0A { body = body.dropLast() }
        return .stringList(body.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        })
    }

    /// toYaml of {basename: content}; Helm's toYAML gives "" on failure.
    private func asYAML(_ content: ([UInt8]) -> String) -> String {
        let map = GoMap()
        for name in files.keys.sorted(by: goStringLess) {
            let base = name.split(separator: "/").last.map(String.init) ?? name
            map[base] = .string(content(files[name] ?? []))
        }
        return (try? YAMLText.toYAML(.map(map))) ?? ""
    }
}
