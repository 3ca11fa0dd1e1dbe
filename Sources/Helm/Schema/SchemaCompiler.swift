/// A values.schema.json compiled for validation, as Helm v4 compiles it
/// (santhosh-tekuri/jsonschema v6): the draft from `$schema` (2020-12 when
/// absent), the document checked against its draft's rules, `$id`s and
/// anchors indexed, `$ref`s resolved inside the document. References to
/// other documents are not loaded (Helm would read `file:` URLs from disk and
/// fetch `http(s):` ones); `urn:` references accept everything, as in Helm.
struct CompiledSchema {
    let root: SchemaNode
    /// Every node; they refer to each other weakly and through `$ref`s.
    let nodes: [SchemaNode]

    /// Why a schema cannot be used: Helm's message.
    struct Failure: Error, Equatable {
        var message: String
    }

    static func compile(_ text: String) throws -> CompiledSchema {
        let document: SchemaJSON
        do { document = try SchemaJSON.parse(text) } catch let error as GoJSONDecoder.SyntaxError {
            throw Failure(message: error.message)
        }
        var draft = SchemaDraft.draft2020
        if case .object(let o) = document, case .string(let url)? = o["$schema"] {
            guard let named = SchemaDraft(metaschemaURL: url) else { throw unreachable(url) }
            draft = named
        }
        if let violation = SchemaMetaCheck(draft: draft).check(document) {
            throw Failure(
                message: "\(GoQuote.quote(SchemaURL.document + "#")) is not valid against metaschema: \(violation.text)")
        }
        var compiler = SchemaCompiler(document: document, draft: draft)
        try compiler.index(document, pointer: "", base: SchemaURL.document, draft: draft, isResource: true)
        let root = try compiler.node(at: "")
        try compiler.finish()
        return CompiledSchema(root: root, nodes: Array(compiler.nodes.values))
    }

    /// A document Helm would have to load from elsewhere.
    static func unreachable(_ url: String) -> Failure {
        let source = SchemaURL.scheme(of: url) == "file" ? "from disk" : "over the network"
        return Failure(
            message: "failing loading \(GoQuote.quote(SchemaURL.withoutFragment(url))): kubectl-mesh does not load schemas \(source); put the definitions in values.schema.json")
    }
}

/// Builds `SchemaNode`s from the document, one per JSON pointer.
struct SchemaCompiler {
    let document: SchemaJSON
    let rootDraft: SchemaDraft
    /// Base URI and draft of every subschema position, by pointer.
    var scopes: [String: (base: String, draft: SchemaDraft)] = [:]
    /// Schema resources (`$id`s) by absolute URL: their pointer.
    var resources: [String: String] = [:]
    /// Anchors by `URL#name`: their pointer; dynamic ones also by resource pointer.
    var anchors: [String: String] = [:]
    var dynamicAnchors: [String: [String: String]] = [:]
    var resourcePointers: Set<String> = []
    var nodes: [String: SchemaNode] = [:]
    /// `$ref`s met while compiling, resolved once every node can exist.
    private var pending: [(node: SchemaNode, keyword: String, reference: String, base: String)] = []

    init(document: SchemaJSON, draft: SchemaDraft) {
        self.document = document
        self.rootDraft = draft
    }

    private static let singleSchemaKeywords = [
        "not", "if", "then", "else", "contains", "propertyNames", "additionalProperties", "additionalItems", "items",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema",
    ]
    private static let schemaArrayKeywords = ["allOf", "anyOf", "oneOf", "items", "prefixItems"]
    private static let schemaMapKeywords = [
        "properties", "patternProperties", "definitions", "$defs", "dependentSchemas", "dependencies",
    ]

    static func append(_ pointer: String, _ tokens: String...) -> String {
        pointer + JSONPointer.format(tokens)
    }

    /// Records base URIs, `$id` resources and anchors below `pointer`.
    mutating func index(_ json: SchemaJSON, pointer: String, base: String, draft: SchemaDraft, isResource: Bool) throws {
        guard case .object(let o) = json else {
            scopes[pointer] = (base, draft)
            return
        }
        var base = base
        var draft = draft
        var isResource = isResource
        let refHidesSiblings = draft < .draft2019 && o["$ref"] != nil
        if !refHidesSiblings, case .string(let id)? = o[draft.idKeyword] {
            let (url, fragment) = SchemaURL.split(id)
            if !url.isEmpty {
                base = SchemaURL.resolve(url, against: base)
                resources[base] = pointer
                isResource = true
                if case .string(let named)? = o["$schema"], let embedded = SchemaDraft(metaschemaURL: named) {
                    draft = embedded
                }
            }
            if draft < .draft2019, !fragment.isEmpty, !fragment.hasPrefix("/") {
                anchors[base + "#" + fragment] = pointer
            }
        }
        if isResource {
            resourcePointers.insert(pointer)
            if pointer.isEmpty { resources[base] = pointer }
        }
        if draft >= .draft2019, case .string(let name)? = o["$anchor"] {
            anchors[base + "#" + name] = pointer
        }
        if draft >= .draft2020, case .string(let name)? = o["$dynamicAnchor"] {
            anchors[base + "#" + name] = pointer
            dynamicAnchors[resourcePointer(of: pointer, base: base), default: [:]][name] = pointer
        }
        scopes[pointer] = (base, draft)
        if refHidesSiblings { return }
        for keyword in Self.singleSchemaKeywords {
            if let child = o[keyword], child.objectValue != nil || isBool(child) {
                try index(child, pointer: Self.append(pointer, keyword), base: base, draft: draft, isResource: false)
            }
        }
        for keyword in Self.schemaArrayKeywords {
            if case .array(let items)? = o[keyword] {
                for (i, item) in items.enumerated() {
                    try index(item, pointer: Self.append(pointer, keyword, String(i)), base: base, draft: draft, isResource: false)
                }
            }
        }
        for keyword in Self.schemaMapKeywords {
            if case .object(let members)? = o[keyword] {
                for (name, member) in members where member.objectValue != nil || isBool(member) {
                    try index(member, pointer: Self.append(pointer, keyword, name), base: base, draft: draft, isResource: false)
                }
            }
        }
    }

    private func isBool(_ json: SchemaJSON) -> Bool {
        if case .bool = json { return true }
        return false
    }

    /// The pointer of the resource that holds `pointer` (the longest resource pointer that prefixes it).
    private func resourcePointer(of pointer: String, base: String) -> String {
        if let own = resources[base] { return own }
        var p = pointer
        while !p.isEmpty {
            if resourcePointers.contains(p) { return p }
            if let slash = p.lastIndex(of: "/") { p = String(p[..<slash]) } else { break }
        }
        return ""
    }

    /// Base URI and draft in force at `pointer` (from the nearest indexed position).
    private func scope(at pointer: String) -> (base: String, draft: SchemaDraft) {
        var p = pointer
        while true {
            if let s = scopes[p] { return s }
            guard let slash = p.lastIndex(of: "/") else { return (SchemaURL.document, rootDraft) }
            p = String(p[..<slash])
        }
    }

    /// The node for the subschema at `pointer`, compiled on first use.
    mutating func node(at pointer: String) throws -> SchemaNode {
        if let existing = nodes[pointer] { return existing }
        guard let tokens = JSONPointer.tokens(pointer), let json = document.at(tokens) else {
            throw CompiledSchema.Failure(message: "json-pointer in \(GoQuote.quote(SchemaURL.document + "#" + pointer)) not found")
        }
        let (base, draft) = scope(at: pointer)
        let node = SchemaNode(location: SchemaURL.document + "#" + pointer, draft: draft)
        nodes[pointer] = node
        let resourcePointer = resourcePointer(of: pointer, base: base)
        node.resource = resourcePointer == pointer ? node : try self.node(at: resourcePointer)
        switch json {
        case .bool(let b):
            node.boolean = b
        case .object(let o):
            try SchemaKeywords.compile(o, into: node, at: pointer, base: base, compiler: &self)
        default:
            throw CompiledSchema.Failure(message: "json-pointer in \(GoQuote.quote(node.location)) is not a schema")
        }
        if resourcePointer == pointer {
            if case .object(let o) = json, draft == .draft2019, case .bool(true)? = o["$recursiveAnchor"] {
                node.recursiveAnchor = true
            }
            for (name, anchorPointer) in dynamicAnchors[pointer] ?? [:] {
                node.dynamicAnchors[name] = try self.node(at: anchorPointer)
            }
        }
        return node
    }

    mutating func deferReference(_ node: SchemaNode, keyword: String, reference: String, base: String) {
        pending.append((node, keyword, reference, base))
    }

    /// Resolves the `$ref`s met so far (which may compile more nodes, and meet more).
    mutating func finish() throws {
        while let (node, keyword, reference, base) = pending.popLast() {
            let target = try resolve(reference, base: base)
            switch keyword {
            case "$ref": node.ref = target
            case "$recursiveRef": node.recursiveRef = target
            default:
                let (_, fragment) = SchemaURL.split(reference)
                let anchor = fragment.isEmpty || fragment.hasPrefix("/") ? nil : fragment
                node.dynamicRef = (target, anchor)
            }
        }
    }

    /// The node a reference names.
    private mutating func resolve(_ reference: String, base: String) throws -> SchemaNode {
        let (relative, fragment) = SchemaURL.split(reference)
        let url = relative.isEmpty ? SchemaURL.withoutFragment(base) : SchemaURL.resolve(relative, against: base)
        guard let resourcePointer = resources[url] else {
            if SchemaURL.scheme(of: url) == "urn" { return permissive(url) }
            throw CompiledSchema.unreachable(url)
        }
        if fragment.isEmpty || fragment.hasPrefix("/") {
            let pointer = resourcePointer + fragment
            guard let tokens = JSONPointer.tokens(pointer), document.at(tokens) != nil else {
                throw CompiledSchema.Failure(message: "json-pointer in \(GoQuote.quote(url + "#" + fragment)) not found")
            }
            return try node(at: pointer)
        }
        guard let pointer = anchors[url + "#" + fragment] else {
            throw CompiledSchema.Failure(
                message: "anchor in \(GoQuote.quote(url + "#" + fragment)) not found in schema \(GoQuote.quote(SchemaURL.document))")
        }
        return try node(at: pointer)
    }

    /// Helm's stand-in for an unresolved `urn:` reference: the schema `true`.
    private mutating func permissive(_ url: String) -> SchemaNode {
        let key = "urn:" + url
        if let existing = nodes[key] { return existing }
        let node = SchemaNode(location: url + "#", draft: rootDraft)
        node.boolean = true
        node.resource = node
        nodes[key] = node
        return node
    }
}
