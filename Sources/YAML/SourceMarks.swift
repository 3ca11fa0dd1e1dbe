/// One step of a path into a document: a mapping key or a sequence index.
/// Literals work: `["users", 0, "user", "exec"]`.
public enum PathComponent: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    CustomStringConvertible
{
    case key(String)
    case index(Int)

    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }

    public var description: String {
        switch self {
        case .key(let k): return k
        case .index(let i): return "[\(i)]"
        }
    }
}

extension Array where Element == PathComponent {
    /// `users[0].user.exec`: the path as kubectl and error messages write it.
    public var pathDescription: String {
        var text = ""
        for component in self {
            switch component {
            case .key(let k):
                if !text.isEmpty { text += "." }
                text += k
            case .index(let i):
                text += "[\(i)]"
            }
        }
        return text
    }
}

/// A 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// Where each node of a parsed document starts, for errors about content that
/// is valid YAML but wrong for its reader (`users[0].user.exec: command must be
/// a string`). Returned by `YAML.parseWithMarks`; plain `parse` records nothing.
///
/// Nodes reached through an alias or a merge key have no marks of their own;
/// `nearestLocation(of:)` then answers with the closest recorded ancestor.
public struct SourceMarks: Sendable {
    struct Mark: Sendable {
        var node: SourceLocation
        var key: SourceLocation?
    }

    var marks: [[PathComponent]: Mark] = [:]

    /// Where the node at `path` starts (for an empty value, where its ':' or '-' is).
    public func location(of path: [PathComponent]) -> SourceLocation? {
        marks[path]?.node
    }

    /// Where the key of the mapping entry at `path` starts.
    public func keyLocation(of path: [PathComponent]) -> SourceLocation? {
        marks[path]?.key
    }

    /// The location of `path`, or of its closest ancestor that has one.
    public func nearestLocation(of path: [PathComponent]) -> SourceLocation {
        var path = path
        while true {
            if let mark = marks[path] { return mark.node }
            if path.isEmpty { return SourceLocation(line: 1, column: 1) }
            path.removeLast()
        }
    }
}

/// Records node offsets while parsing; turned into `SourceMarks` at the end.
struct MarkRecorder {
    var path: [PathComponent] = []
    var nodeOffsets: [[PathComponent]: (node: Int, key: Int)] = [:]
    /// Above zero while inside a complex (collection) key, whose nodes have no path.
    var suspended = 0

    mutating func record(node offset: Int) {
        guard suspended == 0 else { return }
        if let existing = nodeOffsets[path] {
            nodeOffsets[path] = (offset, existing.key)
        } else {
            nodeOffsets[path] = (offset, -1)
        }
    }

    mutating func record(key offset: Int) {
        guard suspended == 0 else { return }
        nodeOffsets[path, default: (-1, -1)].key = offset
    }

    func marks(_ lines: LineIndex) -> SourceMarks {
        var result = SourceMarks()
        for (path, offsets) in nodeOffsets where offsets.node >= 0 {
            result.marks[path] = SourceMarks.Mark(
                node: lines.location(of: offsets.node),
                key: offsets.key >= 0 ? lines.location(of: offsets.key) : nil)
        }
        return result
    }
}

/// Path components for mapping keys: strings as they are, other scalars by their text.
extension MarkRecorder {
    static func component(for key: Value) -> PathComponent {
        switch key.untagged {
        case .string(let s): return .key(s)
        case .int(let i): return .key(String(i))
        case .bool(let b): return .key(String(b))
        case .float(let d): return .key(String(d))
        case .null: return .key("")
        default: return .key("(\(key.kindName))")
        }
    }
}
