/// Reads the keywords of one schema object into its node, draft by draft, as
/// Helm's validator does. The document already passed `SchemaMetaCheck`, so
/// a keyword of the wrong shape is simply skipped here.
enum SchemaKeywords {
    static func compile(
        _ o: [String: SchemaJSON], into node: SchemaNode, at pointer: String, base: String, compiler: inout SchemaCompiler
    ) throws {
        let draft = node.draft
        func child(_ tokens: String...) throws -> SchemaNode {
            try compiler.node(at: pointer + JSONPointer.format(tokens))
        }
        func single(_ keyword: String) throws -> SchemaNode? {
            guard let value = o[keyword] else { return nil }
            switch value {
            case .object, .bool: return try child(keyword)
            default: return nil
            }
        }
        func list(_ keyword: String) throws -> [SchemaNode] {
            guard case .array(let items)? = o[keyword] else { return [] }
            return try items.indices.map { try child(keyword, String($0)) }
        }
        func map(_ keyword: String) throws -> [String: SchemaNode] {
            guard case .object(let members)? = o[keyword] else { return [:] }
            var result: [String: SchemaNode] = [:]
            for name in members.keys { result[name] = try child(keyword, name) }
            return result
        }
        func additional(_ keyword: String) throws -> SchemaNode.Additional? {
            if case .bool(let b)? = o[keyword] { return .allowed(b) }
            return try single(keyword).map { .schema($0) }
        }
        func number(_ keyword: String) -> SchemaNumber? {
            guard case .number(let literal)? = o[keyword] else { return nil }
            return SchemaNumber(literal: literal)
        }
        func integer(_ keyword: String) -> Int? {
            guard let n = number(keyword), n.isInteger else { return nil }
            return Int(clamping: Int64(exactly: n.double.rounded()) ?? (n.negative ? .min : .max))
        }
        func strings(_ json: SchemaJSON?) -> [String]? {
            guard case .array(let items)? = json else { return nil }
            return items.compactMap(\.stringValue)
        }
        func regex(_ source: String, _ keyword: String) throws -> GoRegex {
            do { return try GoRegex(source) } catch let error as GoRegex.CompileError {
                throw CompiledSchema.Failure(
                    message: "invalid regex \(GoQuote.quote(source)) at \(GoQuote.quote(node.location + "/" + keyword)): \(error.message)")
            }
        }

        // core
        if case .string(let reference)? = o["$ref"] {
            compiler.deferReference(node, keyword: "$ref", reference: reference, base: base)
            if draft < .draft2019 { return }
        }
        // applicator
        node.allOf = try list("allOf")
        node.anyOf = try list("anyOf")
        node.oneOf = try list("oneOf")
        node.not = try single("not")
        if draft < .draft2020 {
            if case .array = o["items"] {
                node.items = .tuple(try list("items"))
                node.additionalItems = try additional("additionalItems")
            } else if let items = try single("items") {
                node.items = .all(items)
            }
        }
        node.properties = try map("properties")
        if case .object(let patterns)? = o["patternProperties"] {
            for source in patterns.keys.sorted(by: goStringLess) {
                node.patternProperties.append(
                    (source, try regex(source, "patternProperties"), try child("patternProperties", source)))
            }
        }
        node.additionalProperties = try additional("additionalProperties")
        if case .object(let dependencies)? = o["dependencies"] {
            for (name, value) in dependencies {
                if let required = strings(value) {
                    node.dependencies[name] = .required(required)
                } else {
                    node.dependencies[name] = .schema(try child("dependencies", name))
                }
            }
        }
        // validation
        switch o["type"] {
        case .string(let name)?: node.types = Set([JSONType(name: name)].compactMap { $0 })
        case .array(let names)?: node.types = Set(names.compactMap { $0.stringValue.flatMap(JSONType.init(name:)) })
        default: break
        }
        if case .array(let values)? = o["enum"] { node.enumeration = values }
        node.multipleOf = number("multipleOf")
        node.maximum = number("maximum")
        if case .bool(true)? = o["exclusiveMaximum"] {
            node.exclusiveMaximum = node.maximum
            node.maximum = nil
        } else {
            node.exclusiveMaximum = number("exclusiveMaximum")
        }
        node.minimum = number("minimum")
        if case .bool(true)? = o["exclusiveMinimum"] {
            node.exclusiveMinimum = node.minimum
            node.minimum = nil
        } else {
            node.exclusiveMinimum = number("exclusiveMinimum")
        }
        node.minLength = integer("minLength")
        node.maxLength = integer("maxLength")
        if case .string(let source)? = o["pattern"] { node.pattern = (source, try regex(source, "pattern")) }
        node.minItems = integer("minItems")
        node.maxItems = integer("maxItems")
        if case .bool(true)? = o["uniqueItems"] { node.uniqueItems = true }
        node.maxProperties = integer("maxProperties")
        node.minProperties = integer("minProperties")
        node.required = strings(o["required"]) ?? []
        // Formats are assertions only up to draft 7 (later drafts need a vocabulary Helm does not turn on).
        if draft < .draft2019, case .string(let name)? = o["format"] {
            node.format = SchemaFormat.named(name)
        }
        guard draft >= .draft6 else { return }
        node.contains = try single("contains")
        node.propertyNames = try single("propertyNames")
        if let constant = o["const"] { node.constant = constant }
        guard draft >= .draft7 else { return }
        if o["if"] != nil, let condition = try single("if") {
            let fixed: Bool?
            if case .bool(let b)? = o["if"] { fixed = b } else { fixed = nil }
            if fixed != false { node.thenSchema = try single("then") }
            if fixed != true { node.elseSchema = try single("else") }
            node.ifSchema = condition
        }
        guard draft >= .draft2019 else { return }
        if case .string(let reference)? = o["$recursiveRef"] {
            compiler.deferReference(node, keyword: "$recursiveRef", reference: reference, base: base)
        }
        if node.contains != nil {
            node.minContains = integer("minContains")
            node.maxContains = integer("maxContains")
        }
        if case .object(let dependentRequired)? = o["dependentRequired"] {
            for (name, value) in dependentRequired {
                if let required = strings(value) { node.dependentRequired[name] = required }
            }
        }
        node.dependentSchemas = try map("dependentSchemas")
        node.unevaluatedItems = try single("unevaluatedItems")
        node.unevaluatedProperties = try single("unevaluatedProperties")
        guard draft >= .draft2020 else { return }
        if case .string(let reference)? = o["$dynamicRef"] {
            compiler.deferReference(node, keyword: "$dynamicRef", reference: reference, base: base)
        }
        if case .string(let anchor)? = o["$dynamicAnchor"] { node.dynamicAnchor = anchor }
        node.prefixItems = try list("prefixItems")
        node.items2020 = try single("items")
    }
}
