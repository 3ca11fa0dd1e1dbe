/// The JSON Schema drafts Helm v4's validator knows. A schema names its
/// draft with `$schema`; without one (or with `http://json-schema.org/schema#`)
/// it is 2020-12.
enum SchemaDraft: Int, Comparable {
    case draft4 = 4, draft6 = 6, draft7 = 7, draft2019 = 2019, draft2020 = 2020

    /// The draft a `$schema` URL names, or nil for any other URL.
    init?(metaschemaURL url: String) {
        var u = Substring(url)
        if let hash = u.firstIndex(of: "#") {
            guard u[u.index(after: hash)...].isEmpty else { return nil }
            u = u[..<hash]
        }
        if u.hasPrefix("http://") { u = u.dropFirst(7) } else if u.hasPrefix("https://") { u = u.dropFirst(8) }
        switch u {
        case "json-schema.org/schema", "json-schema.org/draft/2020-12/schema": self = .draft2020
        case "json-schema.org/draft/2019-09/schema": self = .draft2019
        case "json-schema.org/draft-07/schema": self = .draft7
        case "json-schema.org/draft-06/schema": self = .draft6
        case "json-schema.org/draft-04/schema": self = .draft4
        default: return nil
        }
    }

    /// The metaschema's URL as the validator's errors name it.
    var metaschemaURL: String {
        switch self {
        case .draft4: return "http://json-schema.org/draft-04/schema#"
        case .draft6: return "http://json-schema.org/draft-06/schema#"
        case .draft7: return "http://json-schema.org/draft-07/schema#"
        case .draft2019: return "https://json-schema.org/draft/2019-09/schema#"
        case .draft2020: return "https://json-schema.org/draft/2020-12/schema#"
        }
    }

    /// `id` in draft 4, `$id` after.
    var idKeyword: String { self == .draft4 ? "id" : "$id" }

    static func < (a: SchemaDraft, b: SchemaDraft) -> Bool { a.rawValue < b.rawValue }
}

/// One compiled (sub)schema. A class: `$ref`s make the graph cyclic.
final class SchemaNode {
    let location: String
    let draft: SchemaDraft
    /// The schema resource (the subschema with the nearest `$id`, or the root)
    /// this node belongs to; the compiled schema keeps every node alive.
    weak var resource: SchemaNode?
    /// Only on resource roots: `$dynamicAnchor`s of the resource, and `$recursiveAnchor`.
    var dynamicAnchors: [String: SchemaNode] = [:]
    var recursiveAnchor = false

    /// `true` or `false` written as a schema.
    var boolean: Bool?

    var ref: SchemaNode?
    var recursiveRef: SchemaNode?
    var dynamicRef: (target: SchemaNode, anchor: String?)?
    var dynamicAnchor: String?
    var types: Set<JSONType>?
    var enumeration: [SchemaJSON]?
    var constant: SchemaJSON?
    var format: SchemaFormat?
    var not: SchemaNode?
    var allOf: [SchemaNode] = []
    var anyOf: [SchemaNode] = []
    var oneOf: [SchemaNode] = []
    var ifSchema: SchemaNode?
    var thenSchema: SchemaNode?
    var elseSchema: SchemaNode?

    enum Additional {
        case allowed(Bool)
        case schema(SchemaNode)
    }

    enum Dependency {
        case required([String])
        case schema(SchemaNode)
    }

    var minProperties: Int?
    var maxProperties: Int?
    var required: [String] = []
    var propertyNames: SchemaNode?
    var properties: [String: SchemaNode] = [:]
    /// In pattern order (Go visits them in random order; sorted is one of its orders).
    var patternProperties: [(source: String, regex: GoRegex, schema: SchemaNode)] = []
    var additionalProperties: Additional?
    var dependencies: [String: Dependency] = [:]
    var dependentRequired: [String: [String]] = [:]
    var dependentSchemas: [String: SchemaNode] = [:]
    var unevaluatedProperties: SchemaNode?

    enum Items {
        case all(SchemaNode)
        case tuple([SchemaNode])
    }

    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var contains: SchemaNode?
    var minContains: Int?
    var maxContains: Int?
    /// Draft 2019 and older: `items` and `additionalItems`.
    var items: Items?
    var additionalItems: Additional?
    /// Draft 2020: `prefixItems` and `items`.
    var prefixItems: [SchemaNode] = []
    var items2020: SchemaNode?
    var unevaluatedItems: SchemaNode?

    var minLength: Int?
    var maxLength: Int?
    var pattern: (source: String, regex: GoRegex)?

    var minimum: SchemaNumber?
    var maximum: SchemaNumber?
    var exclusiveMinimum: SchemaNumber?
    var exclusiveMaximum: SchemaNumber?
    var multipleOf: SchemaNumber?

    /// What `unevaluatedProperties`/`unevaluatedItems` may skip: every property
    /// (additionalProperties present) or item, or the first N items.
    var allPropertiesEvaluated: Bool { additionalProperties != nil }
    var allItemsEvaluated: Bool {
        if draft < .draft2020 {
            switch items {
            case .all?: return true
            case .tuple?: return additionalItems != nil
            case nil: return false
            }
        }
        return items2020 != nil
    }
    var itemsEvaluatedCount: Int {
        if draft < .draft2020 {
            if case .tuple(let schemas)? = items { return schemas.count }
            return 0
        }
        return prefixItems.count
    }

    init(location: String, draft: SchemaDraft) {
        self.location = location
        self.draft = draft
    }
}
