import YAML

/// A field of an object as server-side apply names it in conflicts:
/// `.webhooks[name="validation.istio.io"].failurePolicy`. Elements are a field
/// (`.name`), a list item picked by its keys (`[name="x",port=80]`, values in
/// JSON), a set item picked by its value (`[="x"]`) or a list index (`[3]`) —
/// the spelling of structured-merge-diff's `fieldpath.Path.String()`.
///
/// The mesh uses it to leave a field out of what it applies, so that the
/// manager that owns it (istiod, at run time) keeps it.
struct FieldPath: Equatable, CustomStringConvertible {
    enum Element: Equatable {
        case field(String)
        case keys([(name: String, value: Value)])
        case value(Value)
        case index(Int)

        static func == (a: Element, b: Element) -> Bool {
            switch (a, b) {
            case (.field(let x), .field(let y)): return x == y
            case (.keys(let x), .keys(let y)): return x.map(\.name) == y.map(\.name) && x.map(\.value) == y.map(\.value)
            case (.value(let x), .value(let y)): return x == y
            case (.index(let x), .index(let y)): return x == y
            default: return false
            }
        }
    }

    var elements: [Element]
    /// The text it was read from.
    var description: String

    /// Reads a path; nil when the text is not one.
    init?(_ text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        var elements: [Element] = []
        while !scanner.atEnd {
            guard let element = scanner.element() else { return nil }
            elements.append(element)
        }
        guard !elements.isEmpty else { return nil }
        self.elements = elements
        self.description = text
    }

    /// `object` without the field (and without mappings the removal left empty);
    /// nil when the object has no such field.
    func removed(from object: Value) -> Value? {
        Self.remove(elements[...], from: object)
    }

    private static func remove(_ path: ArraySlice<Element>, from node: Value) -> Value? {
        guard let element = path.first else { return nil }
        switch element {
        case .field:
            // Field names may hold dots (`.metadata.labels.app.kubernetes.io/name`), which the
            // path does not escape: try the names that consecutive fields could join into.
            guard var mapping = node.mapping else { return nil }
            let fields = path.prefix { if case .field = $0 { return true } else { return false } }
            var name = ""
            for (offset, part) in fields.enumerated() {
                guard case .field(let piece) = part else { break }
                name += offset == 0 ? piece : "." + piece
                guard let child = mapping[name] else { continue }
                let rest = path.dropFirst(offset + 1)
                if rest.isEmpty {
                    _ = mapping.remove(name)
                    return .mapping(mapping)
                }
                guard let changed = remove(rest, from: child) else { continue }
                if changed.mapping?.isEmpty == true, child.mapping?.isEmpty == false {
                    _ = mapping.remove(name)
                } else {
                    mapping[name] = changed
                }
                return .mapping(mapping)
            }
            return nil
        case .keys, .value, .index:
            guard var items = node.sequence, let position = position(of: element, in: items) else { return nil }
            if path.count == 1 {
                items.remove(at: position)
            } else {
                guard let changed = remove(path.dropFirst(), from: items[position]) else { return nil }
                items[position] = changed
            }
            return .sequence(items)
        }
    }

    private static func position(of element: Element, in items: [Value]) -> Int? {
        switch element {
        case .field: return nil
        case .index(let index): return items.indices.contains(index) ? index : nil
        case .value(let wanted): return items.firstIndex { sameScalar($0, wanted) }
        case .keys(let keys):
            return items.firstIndex { item in
                keys.allSatisfy { key in item[key.name].map { sameScalar($0, key.value) } ?? false }
            }
        }
    }

    /// Equal, or the same number or text spelled as another type (a rendered
    /// `"80"` against the server's `80`).
    private static func sameScalar(_ a: Value, _ b: Value) -> Bool {
        if a.untagged == b.untagged { return true }
        func text(_ v: Value) -> String? {
            switch v.untagged {
            case .string(let s): return s
            case .int(let i): return String(i)
            case .bool(let b): return b ? "true" : "false"
            default: return nil
            }
        }
        guard let x = text(a), let y = text(b) else { return false }
        return x == y
    }

    /// Reads the elements one at a time.
    private struct Scanner {
        let bytes: [UInt8]
        var at = 0

        var atEnd: Bool { at >= bytes.count }

        mutating func element() -> Element? {
            switch bytes[at] {
            case UInt8(ascii: "."):
                at += 1
                let start = at
                while at < bytes.count, bytes[at] != UInt8(ascii: "."), bytes[at] != UInt8(ascii: "[") { at += 1 }
                guard at > start else { return nil }
                return .field(String(decoding: bytes[start..<at], as: UTF8.self))
            case UInt8(ascii: "["):
                at += 1
                guard let close = closingBracket() else { return nil }
                let inside = Array(bytes[at..<close])
                at = close + 1
                return Self.bracketed(inside)
            default:
                return nil
            }
        }

        /// The `]` that ends the bracket opened just before `at`, skipping JSON strings.
        private func closingBracket() -> Int? {
            let end = Self.walkOutsideStrings(bytes, from: at) { _, c, depth in
                !(depth == 0 && (c == UInt8(ascii: "]") || c == UInt8(ascii: "}")))
            }
            guard let end, bytes[end] == UInt8(ascii: "]") else { return nil }
            return end
        }

        /// `[3]`, `[="x"]` or `[name="x",port=80]`.
        private static func bracketed(_ inside: [UInt8]) -> Element? {
            if let first = inside.first, first == UInt8(ascii: "=") {
                return json(inside.dropFirst()).map(Element.value)
            }
            if !inside.isEmpty, inside.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                return Int(String(decoding: inside, as: UTF8.self)).map(Element.index)
            }
            var keys: [(name: String, value: Value)] = []
            for part in topLevelParts(inside) {
                guard let eq = part.firstIndex(of: UInt8(ascii: "=")), eq > part.startIndex,
                    let value = json(part[part.index(after: eq)...])
                else { return nil }
                keys.append((String(decoding: part[..<eq], as: UTF8.self), value))
            }
            return keys.isEmpty ? nil : .keys(keys)
        }

        /// Splits at commas outside JSON strings, arrays and objects.
        private static func topLevelParts(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
            var parts: [ArraySlice<UInt8>] = []
            var start = 0
            _ = walkOutsideStrings(bytes, from: 0) { i, c, depth in
                if c == UInt8(ascii: ","), depth == 0 {
                    parts.append(bytes[start..<i])
                    start = i + 1
                }
                return true
            }
            parts.append(bytes[start..<bytes.count])
            return parts
        }

        /// Walks `bytes` from `start`, passing over JSON strings (escapes
        /// included), and shows `visit` every other byte with the depth of
        /// brackets and braces around it; the index where `visit` says stop, or
        /// nil at the end.
        private static func walkOutsideStrings(_ bytes: [UInt8], from start: Int,
                                               _ visit: (_ index: Int, _ byte: UInt8, _ depth: Int) -> Bool) -> Int? {
            var i = start
            var depth = 0
            var inString = false
            while i < bytes.count {
                let c = bytes[i]
                if inString {
                    if c == UInt8(ascii: "\\") { i += 1 } else if c == UInt8(ascii: "\"") { inString = false }
                } else if c == UInt8(ascii: "\"") {
                    inString = true
                } else {
                    if !visit(i, c, depth) { return i }
                    if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                        depth += 1
                    } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                        depth -= 1
                    }
                }
                i += 1
            }
            return nil
        }

        private static func json(_ bytes: ArraySlice<UInt8>) -> Value? {
            guard !bytes.isEmpty else { return nil }
            return try? JSON.parse(Array(bytes))
        }
    }
}
