/// Builds `Value`s from the scanner's tokens by recursive descent over YAML's
/// grammar of documents, block and flow collections, properties and aliases.
/// Anchors, tags, merge keys and duplicate keys are resolved on the way.
struct Parser {
    var scanner: Scanner
    let options: YAML.Options
    var recorder: MarkRecorder?

    /// Anchored nodes with their size in nodes (counting what their aliases repeat).
    private var anchors: [String: (value: Value, size: Int)] = [:]
    /// Nodes of the current document, aliases counted as the nodes they repeat.
    private var expandedNodes = 0
    private var anchorsInProgress: Set<String> = []
    private var tagHandles: [String: String] = [:]
    private var depth = 0
    /// Set by `parseNode` when the node was a plain, untagged `<<` (a merge key).
    var lastNodeWasMergeKey = false

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
        expandedNodes = 0
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
    ///
    /// Kept small: it is on every level of recursion, so scalars, aliases,
    /// properties and errors are handled in separate, non-inlined functions.
    mutating func parseNode(block: Bool, indentlessSequence: Bool) throws -> Value {
        lastNodeWasMergeKey = false
        let kind = try scanner.peekKind()
        if kind != .alias { expandedNodes += 1 }
        switch kind {
        case .scalar:
            return try scalarNode(NodeProperties())
        case .alias:
            return try aliasNode()
        case .anchor, .tag:
            let properties = try parseProperties()
            let before = expandedNodes
            if let anchor = properties.anchor { anchorsInProgress.insert(anchor) }
            let value = try content(properties, block: block, indentlessSequence: indentlessSequence)
            if let anchor = properties.anchor {
                anchorsInProgress.remove(anchor)
                anchors[anchor] = (value, expandedNodes - before + 1)
            }
            return value
        default:
            return try content(NodeProperties(), block: block, indentlessSequence: indentlessSequence)
        }
    }

    /// A node's anchor and tag.
    struct NodeProperties {
        var anchor: String?
        var tag: String?
        var tagOffset = 0
    }

    /// The node after its properties.
    private mutating func content(_ properties: NodeProperties, block: Bool, indentlessSequence: Bool) throws -> Value {
        let kind = try scanner.peekKind()
        let collection: Value
        depth += 1
        defer { depth -= 1 }
        switch kind {
        case .scalar:
            return try scalarNode(properties)
        case .flowSequenceStart:
            try enterCollection()
            collection = try parseFlowSequence()
        case .flowMappingStart:
            try enterCollection()
            collection = try parseFlowMapping()
        case .blockSequenceStart where block:
            try enterCollection()
            collection = try parseBlockSequence()
        case .blockMappingStart where block:
            try enterCollection()
            collection = try parseBlockMapping()
        case .blockEntry where indentlessSequence:
            try enterCollection()
            collection = try parseIndentlessSequence()
        default:
            return try emptyNode(properties)
        }
        guard properties.tag != nil else { return collection }
        return try applyCollectionTag(properties.tag, to: collection, at: properties.tagOffset)
    }

    @inline(never)
    private mutating func scalarNode(_ properties: NodeProperties) throws -> Value {
        let token = try scanner.next()
        recorder?.record(node: token.start)
        if let tag = properties.tag {
            if tag == ScalarResolver.tagPrefix + "merge" {
                // `!!merge <<` is a merge key written out in full.
                lastNodeWasMergeKey = true
                return .string(token.text)
            }
            return try ScalarResolver.resolveTagged(tag, token.text, style: token.style, schema: options.schema, at: properties.tagOffset)
        }
        if token.style == .plain {
            lastNodeWasMergeKey = token.text == "<<"
            return ScalarResolver.resolvePlain(token.text, schema: options.schema)
        }
        return .string(token.text)
    }

    @inline(never)
    private mutating func aliasNode() throws -> Value {
        let token = try scanner.next()
        recorder?.record(node: token.start)
        guard let anchored = anchors[token.text] else {
            if anchorsInProgress.contains(token.text) {
                throw ParseFailure("the alias *\(token.text) refers to a node that contains it", at: token.start)
            }
            throw ParseFailure("unknown alias *\(token.text): no anchor &\(token.text) before it in this document", at: token.start)
        }
        // Repeating nodes is free here (values share storage), but not for whoever
        // walks the result: refuse documents that aliases blow up ("billion laughs").
        expandedNodes += anchored.size
        if expandedNodes > options.maxNodes {
            throw ParseFailure(
                "with its aliases expanded this document has more than \(options.maxNodes) nodes (raise YAML.Options.maxNodes if that is intended)",
                at: token.start)
        }
        return anchored.value
    }

    @inline(never)
    private mutating func parseProperties() throws -> NodeProperties {
        var properties = NodeProperties()
        var kind = try scanner.peekKind()
        while kind == .anchor || kind == .tag {
            let token = try scanner.next()
            if kind == .anchor {
                if properties.anchor != nil { throw ParseFailure("a node can have only one anchor", at: token.start) }
                properties.anchor = token.text
            } else {
                if properties.tag != nil { throw ParseFailure("a node can have only one tag", at: token.start) }
                properties.tag = try resolveTag(token)
                properties.tagOffset = token.start
            }
            kind = try scanner.peekKind()
        }
        if kind == .alias {
            throw ParseFailure("an alias cannot have an anchor or a tag", at: try scanner.peek().start)
        }
        return properties
    }

    /// Properties with no content (`key: !!str`, `- &a`): an empty scalar.
    @inline(never)
    private mutating func emptyNode(_ properties: NodeProperties) throws -> Value {
        let token = try scanner.peek()
        guard properties.anchor != nil || properties.tag != nil else {
            throw ParseFailure("expected a value, found \(token.displayName)", at: token.start)
        }
        recorder?.record(node: token.start)
        if let tag = properties.tag {
            return try ScalarResolver.resolveTagged(tag, "", style: .plain, schema: options.schema, at: properties.tagOffset)
        }
        return .null
    }

    /// Records where a collection starts and enforces `maxDepth`.
    @inline(never)
    private mutating func enterCollection() throws {
        if depth > options.maxDepth {
            throw ParseFailure("collections are nested more than \(options.maxDepth) levels deep", at: scanner.pos)
        }
        if recorder != nil {
            recorder?.record(node: try scanner.peek().start)
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
}
