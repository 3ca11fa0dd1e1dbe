/// Builds `Value`s from the scanner's tokens by recursive descent over YAML's
/// grammar of documents, block and flow collections, properties and aliases.
/// Anchors, tags, merge keys and duplicate keys are resolved on the way.
struct Parser {
    var scanner: Scanner
    let options: YAML.Options
    var recorder: MarkRecorder?

    private var anchors: [String: Value] = [:]
    private var anchorsInProgress: Set<String> = []
    private var tagHandles: [String: String] = [:]
    private var depth = 0
    /// Set by `parseNode` when the node was a plain, untagged `<<` (a merge key).
    private var lastNodeWasMergeKey = false

    init(_ input: UnsafeBufferPointer<UInt8>, options: YAML.Options, recordMarks: Bool) {
        scanner = Scanner(input)
        self.options = options
        recorder = recordMarks ? MarkRecorder() : nil
    }

    // MARK: Stream and documents

    /// Parses documents until the end of the stream. With `limit`, finding a
    /// document beyond it is an error (`YAML.parse` wants exactly one).
    mutating func parseStream(limit: Int? = nil) throws -> [Value] {
        _ = try scanner.next()  // STREAM-START
        var documents: [Value] = []
        while true {
            while try scanner.peekKind() == .documentEnd { _ = try scanner.next() }
            if try scanner.peekKind() == .streamEnd { break }
            if let limit, documents.count >= limit {
                let token = try scanner.peek()
                throw ParseFailure("expected a single document, but another one starts here", at: token.start)
            }
            documents.append(try parseDocument())
        }
        return documents
    }

    private mutating func parseDocument() throws -> Value {
        tagHandles = [:]
        anchors = [:]
        var sawVersion = false
        var sawDirective = false
        while true {
            let kind = try scanner.peekKind()
            if kind == .versionDirective {
                let token = try scanner.next()
                if sawVersion { throw ParseFailure("a document may have only one %YAML directive", at: token.start) }
                sawVersion = true
                if !token.text.hasPrefix("1.") {
                    throw ParseFailure("unsupported YAML version \(token.text); this parser reads YAML 1.x", at: token.start)
                }
            } else if kind == .tagDirective {
                let token = try scanner.next()
                if tagHandles[token.text] != nil {
                    throw ParseFailure("the tag handle \(token.text) is defined twice", at: token.start)
                }
                tagHandles[token.text] = token.suffix
            } else {
                break
            }
            sawDirective = true
        }
        var explicit = false
        let kind = try scanner.peekKind()
        if kind == .documentStart {
            _ = try scanner.next()
            explicit = true
        } else if sawDirective {
            let token = try scanner.peek()
            throw ParseFailure("expected '---' after the directives, found \(token.displayName)", at: token.start)
        }

        let value: Value
        let first = try scanner.peekKind()
        if explicit && (first == .documentStart || first == .documentEnd || first == .streamEnd
            || first == .versionDirective || first == .tagDirective)
        {
            value = .null
            recorder?.record(node: try scanner.peek().start)
        } else {
            value = try parseNode(block: true, indentlessSequence: false)
        }

        let after = try scanner.peek()
        switch after.kind {
        case .documentEnd:
            _ = try scanner.next()
        case .documentStart, .streamEnd:
            break
        case .versionDirective, .tagDirective:
            throw ParseFailure("a directive must come after '...' ending the previous document", at: after.start)
        default:
            throw ParseFailure("expected the end of the document, found \(after.displayName)", at: after.start)
        }
        return value
    }

    // MARK: Nodes

    /// A node with its properties. `block`: block collections may appear here;
    /// `indentlessSequence`: a '-' at the parent's own indentation starts a sequence
    /// (mapping values and keys).
    mutating func parseNode(block: Bool, indentlessSequence: Bool) throws -> Value {
        lastNodeWasMergeKey = false
        var kind = try scanner.peekKind()
        if kind == .alias {
            let token = try scanner.next()
            recorder?.record(node: token.start)
            guard let value = anchors[token.text] else {
                if anchorsInProgress.contains(token.text) {
                    throw ParseFailure("the alias *\(token.text) refers to a node that contains it", at: token.start)
                }
                throw ParseFailure("unknown alias *\(token.text): no anchor &\(token.text) before it in this document", at: token.start)
            }
            return value
        }

        var anchor: String?
        var tag: String?
        var tagOffset = 0
        while kind == .anchor || kind == .tag {
            let token = try scanner.next()
            if kind == .anchor {
                if anchor != nil { throw ParseFailure("a node can have only one anchor", at: token.start) }
                anchor = token.text
            } else {
                if tag != nil { throw ParseFailure("a node can have only one tag", at: token.start) }
                tag = try resolveTag(token)
                tagOffset = token.start
            }
            kind = try scanner.peekKind()
        }
        if let anchor { anchorsInProgress.insert(anchor) }

        depth += 1
        defer { depth -= 1 }
        if recorder != nil && kind != .scalar {
            recorder?.record(node: try scanner.peek().start)
        }
        var value: Value
        switch kind {
        case .scalar:
            let token = try scanner.next()
            recorder?.record(node: token.start)
            if let tag {
                value = try ScalarResolver.resolveTagged(tag, token.text, style: token.style, schema: options.schema, at: tagOffset)
            } else if token.style == .plain {
                value = ScalarResolver.resolvePlain(token.text, schema: options.schema)
                lastNodeWasMergeKey = token.text == "<<"
            } else {
                value = .string(token.text)
            }
        case .flowSequenceStart:
            try checkDepth()
            value = try applyCollectionTag(tag, to: parseFlowSequence(), at: tagOffset)
        case .flowMappingStart:
            try checkDepth()
            value = try applyCollectionTag(tag, to: parseFlowMapping(), at: tagOffset)
        case .blockSequenceStart where block:
            try checkDepth()
            value = try applyCollectionTag(tag, to: parseBlockSequence(), at: tagOffset)
        case .blockMappingStart where block:
            try checkDepth()
            value = try applyCollectionTag(tag, to: parseBlockMapping(), at: tagOffset)
        case .blockEntry where indentlessSequence:
            try checkDepth()
            value = try applyCollectionTag(tag, to: parseIndentlessSequence(), at: tagOffset)
        default:
            let token = try scanner.peek()
            guard anchor != nil || tag != nil else {
                throw ParseFailure("expected a value, found \(token.displayName)", at: token.start)
            }
            // Properties on an empty node.
            recorder?.record(node: token.start)
            if let tag {
                value = try ScalarResolver.resolveTagged(tag, "", style: .plain, schema: options.schema, at: tagOffset)
            } else {
                value = .null
            }
        }
        if let anchor {
            anchorsInProgress.remove(anchor)
            anchors[anchor] = value
        }
        return value
    }

    private func checkDepth() throws {
        if depth > options.maxDepth {
            throw ParseFailure("collections are nested more than \(options.maxDepth) levels deep", at: scanner.pos)
        }
    }

    /// The full tag a tag token names, by the document's %TAG handles.
    private func resolveTag(_ token: Token) throws -> String {
        switch token.text {
        case "":
            return token.suffix
        case "!":
            if token.suffix.isEmpty { return "!" }
            return (tagHandles["!"] ?? "!") + token.suffix
        case "!!":
            return (tagHandles["!!"] ?? ScalarResolver.tagPrefix) + token.suffix
        default:
            guard let prefix = tagHandles[token.text] else {
                throw ParseFailure("the tag handle \(token.text) is not defined by a %TAG directive", at: token.start)
            }
            return prefix + token.suffix
        }
    }

    private func applyCollectionTag(_ tag: String?, to value: Value, at offset: Int) throws -> Value {
        guard let tag, tag != "!" else { return value }
        switch tag {
        case ScalarResolver.tagPrefix + "map":
            guard case .mapping = value else {
                throw ParseFailure("the tag !!map needs a mapping, found a \(value.kindName)", at: offset)
            }
            return value
        case ScalarResolver.tagPrefix + "seq":
            guard case .sequence = value else {
                throw ParseFailure("the tag !!seq needs a sequence, found a \(value.kindName)", at: offset)
            }
            return value
        case ScalarResolver.tagPrefix + "str", ScalarResolver.tagPrefix + "int", ScalarResolver.tagPrefix + "float",
            ScalarResolver.tagPrefix + "bool", ScalarResolver.tagPrefix + "null":
            throw ParseFailure("the tag \(ScalarResolver.shortTag(tag)) needs a scalar, found a \(value.kindName)", at: offset)
        default:
            return .tagged(tag, value)
        }
    }

    // MARK: Block collections

    private mutating func parseBlockSequence() throws -> Value {
        _ = try scanner.next()  // BLOCK-SEQUENCE-START
        var items: [Value] = []
        while true {
            let token = try scanner.next()
            switch token.kind {
            case .blockEntry:
                recorder?.path.append(.index(items.count))
                let kind = try scanner.peekKind()
                if kind == .blockEntry || kind == .blockEnd {
                    recorder?.record(node: token.start)
                    items.append(.null)
                } else {
                    items.append(try parseNode(block: true, indentlessSequence: false))
                }
                recorder?.path.removeLast()
            case .blockEnd:
                return .sequence(items)
            case .blockMappingStart, .blockSequenceStart:
                throw ParseFailure("bad indentation: this line does not line up with the items of its sequence", at: token.start)
            default:
                throw ParseFailure("expected '- ' for the next item of this block sequence, found \(token.displayName)", at: token.start)
            }
        }
    }

    private mutating func parseIndentlessSequence() throws -> Value {
        var items: [Value] = []
        while try scanner.peekKind() == .blockEntry {
            let token = try scanner.next()
            recorder?.path.append(.index(items.count))
            let kind = try scanner.peekKind()
            if kind == .blockEntry || kind == .key || kind == .value || kind == .blockEnd {
                recorder?.record(node: token.start)
                items.append(.null)
            } else {
                items.append(try parseNode(block: true, indentlessSequence: false))
            }
            recorder?.path.removeLast()
        }
        return .sequence(items)
    }

    private mutating func parseBlockMapping() throws -> Value {
        _ = try scanner.next()  // BLOCK-MAPPING-START
        var builder = MappingBuilder(policy: options.duplicateKeys)
        while true {
            let token = try scanner.peek()
            switch token.kind {
            case .key:
                _ = try scanner.next()
                let kind = try scanner.peekKind()
                let keyOffset = try scanner.peek().start
                var key = Value.null
                var isMerge = false
                if kind != .key && kind != .value && kind != .blockEnd {
                    recorder?.suspended += 1
                    key = try parseNode(block: true, indentlessSequence: true)
                    recorder?.suspended -= 1
                    isMerge = lastNodeWasMergeKey
                }
                try parseBlockMappingValue(key: key, keyOffset: keyOffset, isMerge: isMerge, into: &builder)
            case .value:
                // An entry with an empty key: `: value`.
                try parseBlockMappingValue(key: .null, keyOffset: token.start, isMerge: false, into: &builder)
            case .blockEnd:
                _ = try scanner.next()
                return .mapping(builder.finish())
            case .blockMappingStart, .blockSequenceStart:
                throw ParseFailure("bad indentation: this line does not line up with the keys of its mapping", at: token.start)
            default:
                throw ParseFailure("expected a mapping key ('key: value'), found \(token.displayName)", at: token.start)
            }
        }
    }

    private mutating func parseBlockMappingValue(key: Value, keyOffset: Int, isMerge: Bool, into builder: inout MappingBuilder) throws {
        recorder?.path.append(MarkRecorderPath.component(for: key))
        recorder?.record(key: keyOffset)
        var value = Value.null
        let valueStart: Int
        if try scanner.peekKind() == .value {
            let colon = try scanner.next()
            valueStart = colon.start
            let kind = try scanner.peekKind()
            if kind == .key || kind == .value || kind == .blockEnd {
                recorder?.record(node: colon.start)
            } else {
                value = try parseNode(block: true, indentlessSequence: true)
            }
        } else {
            valueStart = keyOffset
            recorder?.record(node: keyOffset)
        }
        recorder?.path.removeLast()
        if isMerge {
            try builder.merge(value, at: valueStart)
        } else {
            try builder.add(key, value, keyOffset: keyOffset)
        }
    }

    // MARK: Flow collections

    private mutating func parseFlowSequence() throws -> Value {
        let open = try scanner.next()
        var items: [Value] = []
        while true {
            var kind = try scanner.peekKind()
            if kind == .flowSequenceEnd {
                _ = try scanner.next()
                return .sequence(items)
            }
            if !items.isEmpty {
                guard kind == .flowEntry else {
                    let token = try scanner.peek()
                    throw ParseFailure(
                        "expected ',' or ']' to continue the flow sequence opened at {related}, found \(token.displayName)",
                        at: token.start, related: open.start)
                }
                _ = try scanner.next()
                kind = try scanner.peekKind()
                if kind == .flowSequenceEnd { continue }
            }
            recorder?.path.append(.index(items.count))
            if kind == .key || kind == .value {
                // A single-pair mapping: `[a: b]`, `[? a : b]`, `[: b]`.
                let start = try scanner.peek().start
                if kind == .key { _ = try scanner.next() }
                recorder?.record(node: start)
                var builder = MappingBuilder(policy: options.duplicateKeys)
                try parseFlowEntry(into: &builder, end: .flowSequenceEnd)
                items.append(.mapping(builder.finish()))
            } else {
                items.append(try parseNode(block: false, indentlessSequence: false))
            }
            recorder?.path.removeLast()
        }
    }

    private mutating func parseFlowMapping() throws -> Value {
        let open = try scanner.next()
        var builder = MappingBuilder(policy: options.duplicateKeys)
        var first = true
        while true {
            var kind = try scanner.peekKind()
            if kind == .flowMappingEnd {
                _ = try scanner.next()
                return .mapping(builder.finish())
            }
            if !first {
                guard kind == .flowEntry else {
                    let token = try scanner.peek()
                    throw ParseFailure(
                        "expected ',' or '}' to continue the flow mapping opened at {related}, found \(token.displayName)",
                        at: token.start, related: open.start)
                }
                _ = try scanner.next()
                kind = try scanner.peekKind()
                if kind == .flowMappingEnd { continue }
            }
            first = false
            if kind == .key { _ = try scanner.next() }
            try parseFlowEntry(into: &builder, end: .flowMappingEnd)
        }
    }

    /// One `key: value` of a flow collection, after any KEY token.
    private mutating func parseFlowEntry(into builder: inout MappingBuilder, end: Token.Kind) throws {
        var kind = try scanner.peekKind()
        let keyOffset = try scanner.peek().start
        var key = Value.null
        var isMerge = false
        if kind != .value && kind != .flowEntry && kind != end {
            recorder?.suspended += 1
            key = try parseNode(block: false, indentlessSequence: false)
            recorder?.suspended -= 1
            isMerge = lastNodeWasMergeKey
            kind = try scanner.peekKind()
        }
        recorder?.path.append(MarkRecorderPath.component(for: key))
        recorder?.record(key: keyOffset)
        var value = Value.null
        var valueStart = keyOffset
        if kind == .value {
            let colon = try scanner.next()
            valueStart = colon.start
            let next = try scanner.peekKind()
            if next == .flowEntry || next == end {
                recorder?.record(node: colon.start)
            } else {
                value = try parseNode(block: false, indentlessSequence: false)
            }
        } else {
            recorder?.record(node: keyOffset)
        }
        recorder?.path.removeLast()
        if isMerge {
            try builder.merge(value, at: valueStart)
        } else {
            try builder.add(key, value, keyOffset: keyOffset)
        }
    }
}

/// Path components for mapping keys: strings as they are, other scalars by their text.
enum MarkRecorderPath {
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
