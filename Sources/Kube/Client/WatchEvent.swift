import YAML

/// One change a watch reports.
public struct WatchEvent: Sendable {
    public enum Kind: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        /// Only a newer resourceVersion to resume from; the object carries nothing else.
        case bookmark = "BOOKMARK"
        /// The server ended the watch with a Status (e.g. 410 Gone: resourceVersion too old).
        case error = "ERROR"
    }

    public var kind: Kind
    /// The object (for `error`, the Status).
    public var object: Value

    public init(kind: Kind, object: Value) {
        self.kind = kind
        self.object = object
    }

    public var resourceVersion: String? { object["metadata"]?["resourceVersion"]?.string }
}

/// What the handler of a watch wants next.
public enum WatchControl: Sendable {
    case proceed
    case stop
}

/// Splits a watch stream (one JSON object per line) into events.
struct WatchStreamDecoder {
    private var pending: [UInt8] = []

    enum Item {
        case event(WatchEvent)
        case undecodable(String)
    }

    /// Feeds bytes; returns the events completed by them.
    mutating func feed(_ chunk: [UInt8]) -> [Item] {
        pending += chunk
        var items = [Item]()
        var start = 0
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = Array(pending[start..<newline])
            start = newline + 1
            if let item = decode(line) { items.append(item) }
        }
        pending.removeFirst(start)
        return items
    }

    /// What is left when the stream ends (a last line without newline).
    mutating func finish() -> [Item] {
        let line = pending
        pending = []
        return decode(line).map { [$0] } ?? []
    }

    private func decode(_ line: [UInt8]) -> Item? {
        guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { return nil }
        guard let document = try? KubeJSON.decode(line), let type = document["type"]?.string,
            let kind = WatchEvent.Kind(rawValue: type), let object = document["object"]
        else {
            // Only the start: the rest of a watched Secret's line is its data.
            return .undecodable(String(decoding: line.prefix(40), as: UTF8.self))
        }
        return .event(WatchEvent(kind: kind, object: object))
    }
}
