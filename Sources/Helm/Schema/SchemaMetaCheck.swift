/// Checks that a values.schema.json is a valid schema of its draft before
/// it is used, as Helm's validator does by validating it against the
/// draft's metaschema. The rules are the metaschemas' (keyword value types,
/// non-negative counts, regular expressions, non-empty schema lists); the
/// first broken rule is reported in the validator's words, nested the way
/// the metaschemas nest it for the common cases (2019-09 and 2020-12 wrap
/// each schema level in `'allOf' failed`).
struct SchemaMetaCheck {
    let draft: SchemaDraft

    /// The failure tree, headed `jsonschema validation failed with '<metaschema>'`, or nil.
    func check(_ document: SchemaJSON) -> SchemaViolation? {
        guard let leaf = schema(document, at: []) else { return nil }
        return SchemaViolation(instanceLocation: [], kind: .schema(location: draft.metaschemaURL), causes: [leaf])
    }

    private static let typeNames = ["array", "boolean", "integer", "null", "number", "object", "string"]

    private func violation(_ location: [String], _ kind: SchemaViolation.Kind, _ causes: [SchemaViolation] = []) -> SchemaViolation {
        SchemaViolation(instanceLocation: location, kind: kind, causes: causes)
    }

    private func typeError(_ value: SchemaJSON, _ location: [String], want: [JSONType]) -> SchemaViolation {
        violation(location, .type(got: value.jsonType, want: want))
    }

    /// A (sub)schema at `location`; 2019+ wrap whatever fails inside it in `'allOf' failed`.
    private func schema(_ json: SchemaJSON, at location: [String]) -> SchemaViolation? {
        switch json {
        case .bool where draft >= .draft6:
            return nil
        case .object(let o):
            guard let failure = keywords(o, at: location) else { return nil }
            return draft >= .draft2019 ? violation(location, .allOf, [failure]) : failure
        default:
            return typeError(json, location, want: draft >= .draft6 ? [.boolean, .object] : [.object])
        }
    }

    private func keywords(_ o: [String: SchemaJSON], at location: [String]) -> SchemaViolation? {
        if draft == .draft4 {
            // Draft 4's boolean exclusive bounds need their bound.
            for (exclusive, bound) in [("exclusiveMaximum", "maximum"), ("exclusiveMinimum", "minimum")]
            where o[exclusive] != nil && o[bound] == nil {
                return violation(location, .dependency(property: exclusive, missing: [bound]))
            }
        }
        for key in o.keys.sorted(by: goStringLess) {
            guard let value = o[key] else { continue }
            if let failure = keyword(key, value, at: location + [key]) { return failure }
        }
        return nil
    }

    private func keyword(_ key: String, _ value: SchemaJSON, at location: [String]) -> SchemaViolation? {
        switch key {
        case "type": return typeKeyword(value, location)
        case "enum":
            guard case .array(let items) = value else { return typeError(value, location, want: [.array]) }
            if draft < .draft2019 && items.isEmpty { return violation(location, .minItems(got: 0, want: 1)) }
            return nil
        case "multipleOf":
            guard case .number(let literal) = value, let n = SchemaNumber(literal: literal) else {
                return typeError(value, location, want: [.number])
            }
            return n > SchemaNumber(0) ? nil : violation(location, .exclusiveMinimum(got: n.double, want: 0))
        case "maximum", "minimum":
            return number(value, location)
        case "exclusiveMaximum", "exclusiveMinimum":
            if draft == .draft4 {
                if case .bool = value { return nil }
                return typeError(value, location, want: [.boolean])
            }
            return number(value, location)
        case "maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties":
            guard let failure = count(value, location) else { return nil }
            // Up to draft 7 these are `allOf` a non-negative integer and a default of 0.
            return draft < .draft2019 ? violation(location, .allOf, [failure]) : failure
        case "minContains", "maxContains":
            return draft >= .draft2019 ? count(value, location) : nil
        case "pattern":
            guard case .string(let source) = value else { return typeError(value, location, want: [.string]) }
            return regex(source, location)
        case "required":
            return stringArray(value, location, nonEmpty: draft == .draft4)
        case "uniqueItems", "readOnly", "writeOnly", "deprecated":
            if key != "uniqueItems" && draft < .draft7 { return nil }
            if case .bool = value { return nil }
            return typeError(value, location, want: [.boolean])
        case "$recursiveAnchor":
            if draft != .draft2019 { return nil }
            if case .bool = value { return nil }
            return typeError(value, location, want: [.boolean])
        case "title", "description", "$comment", "format", "$ref", "$schema", "contentEncoding", "contentMediaType",
            "$recursiveRef", "$dynamicRef":
            if case .string = value { return nil }
            return typeError(value, location, want: [.string])
        case "$id", "id":
            if key != draft.idKeyword { return nil }
            if case .string = value { return nil }
            return typeError(value, location, want: [.string])
        case "$anchor", "$dynamicAnchor":
            if key == "$anchor" && draft < .draft2019 || key == "$dynamicAnchor" && draft < .draft2020 { return nil }
            guard case .string(let name) = value else { return typeError(value, location, want: [.string]) }
            return anchorName(name, location)
        case "examples":
            if draft < .draft6 { return nil }
            if case .array = value { return nil }
            return typeError(value, location, want: [.array])
        case "properties", "patternProperties", "definitions", "$defs", "dependentSchemas":
            if key == "$defs" && draft < .draft2019 || key == "dependentSchemas" && draft < .draft2019 { return nil }
            guard case .object(let members) = value else { return typeError(value, location, want: [.object]) }
            for name in members.keys.sorted(by: goStringLess) {
                // The validator reports property names at '' (it validates each name on its own).
                if key == "patternProperties", let failure = regex(name, []) {
                    return violation([], .propertyNames(name), [failure])
                }
                if let member = members[name], let failure = schema(member, at: location + [name]) { return failure }
            }
            return nil
        case "additionalProperties", "additionalItems":
            if draft == .draft4 {
                switch value {
                case .bool: return nil
                case .object: return schema(value, at: location)
                default:
                    return violation(
                        location, .anyOf, [typeError(value, location, want: [.boolean]), typeError(value, location, want: [.object])])
                }
            }
            return schema(value, at: location)
        case "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
            "contentSchema":
            return applies(key) ? schema(value, at: location) : nil
        case "allOf", "anyOf", "oneOf", "prefixItems":
            if key == "prefixItems" && draft < .draft2020 { return nil }
            return schemaArray(value, location)
        case "items":
            if draft >= .draft2020 { return schema(value, at: location) }
            if case .array = value { return schemaArray(value, location) }
            if case .object = value { return schema(value, at: location) }
            if case .bool = value, draft >= .draft6 { return nil }
            return violation(
                location, .anyOf,
                [typeError(value, location, want: draft >= .draft6 ? [.boolean, .object] : [.object]), typeError(value, location, want: [.array])])
        case "dependencies", "dependentRequired":
            if key == "dependentRequired" && draft < .draft2019 { return nil }
            guard case .object(let members) = value else { return typeError(value, location, want: [.object]) }
            for name in members.keys.sorted(by: goStringLess) {
                guard let member = members[name] else { continue }
                if key == "dependentRequired" {
                    if let failure = stringArray(member, location + [name], nonEmpty: false) { return failure }
                } else if case .array = member {
                    if let failure = stringArray(member, location + [name], nonEmpty: draft == .draft4) { return failure }
                } else if let failure = schema(member, at: location + [name]) {
                    return failure
                }
            }
            return nil
        default:
            return nil
        }
    }

    /// Keywords that exist in this draft.
    private func applies(_ key: String) -> Bool {
        switch key {
        case "contains", "propertyNames": return draft >= .draft6
        case "if", "then", "else", "contentSchema": return draft >= .draft7 && (key != "contentSchema" || draft >= .draft2019)
        case "unevaluatedItems", "unevaluatedProperties": return draft >= .draft2019
        default: return true
        }
    }

    private func typeKeyword(_ value: SchemaJSON, _ location: [String]) -> SchemaViolation? {
        let names = Self.typeNames.map { SchemaJSON.string($0) }
        switch value {
        case .string(let name):
            if Self.typeNames.contains(name) { return nil }
            return violation(location, .anyOf, [violation(location, .enumeration(names)), typeError(value, location, want: [.array])])
        case .array(let items):
            if items.isEmpty, draft != .draft6 { return violation(location, .anyOf, [violation(location, .enumeration(names)), violation(location, .minItems(got: 0, want: 1))]) }
            for (i, item) in items.enumerated() {
                if case .string(let name) = item, Self.typeNames.contains(name) { continue }
                return violation(location, .anyOf, [violation(location, .enumeration(names)), violation(location + [String(i)], .enumeration(names))])
            }
            if let (i, j) = firstDuplicate(items) {
                return violation(location, .anyOf, [violation(location, .enumeration(names)), violation(location, .uniqueItems(i, j))])
            }
            return nil
        default:
            return violation(location, .anyOf, [violation(location, .enumeration(names)), typeError(value, location, want: [.array])])
        }
    }

    private func number(_ value: SchemaJSON, _ location: [String]) -> SchemaViolation? {
        if case .number = value { return nil }
        return typeError(value, location, want: [.number])
    }

    /// A non-negative integer.
    private func count(_ value: SchemaJSON, _ location: [String]) -> SchemaViolation? {
        guard case .number(let literal) = value, let n = SchemaNumber(literal: literal), n.isInteger else {
            if case .number = value { return violation(location, .type(got: .number, want: [.integer])) }
            return typeError(value, location, want: [.integer])
        }
        return n.negative ? violation(location, .minimum(got: n.double, want: 0)) : nil
    }

    private func stringArray(_ value: SchemaJSON, _ location: [String], nonEmpty: Bool) -> SchemaViolation? {
        guard case .array(let items) = value else { return typeError(value, location, want: [.array]) }
        if nonEmpty && items.isEmpty { return violation(location, .minItems(got: 0, want: 1)) }
        for (i, item) in items.enumerated() {
            if case .string = item { continue }
            return typeError(item, location + [String(i)], want: [.string])
        }
        if let (i, j) = firstDuplicate(items) { return violation(location, .uniqueItems(i, j)) }
        return nil
    }

    private func schemaArray(_ value: SchemaJSON, _ location: [String]) -> SchemaViolation? {
        guard case .array(let items) = value else { return typeError(value, location, want: [.array]) }
        if items.isEmpty { return violation(location, .minItems(got: 0, want: 1)) }
        for (i, item) in items.enumerated() {
            if let failure = schema(item, at: location + [String(i)]) { return failure }
        }
        return nil
    }

    private func regex(_ source: String, _ location: [String]) -> SchemaViolation? {
        guard let reason = SchemaFormat.named("regex")?.check(.string(source)) else { return nil }
        return violation(location, .format(value: .string(source), name: "regex", reason: reason))
    }

    private func anchorName(_ name: String, _ location: [String]) -> SchemaViolation? {
        let pattern = "^[A-Za-z_][-A-Za-z0-9._]*$"
        let scalars = Array(name.unicodeScalars)
        func letter(_ c: Unicode.Scalar) -> Bool { ("A"..."Z").contains(c) || ("a"..."z").contains(c) }
        guard let first = scalars.first, letter(first) || first == "_",
            scalars.dropFirst().allSatisfy({ letter($0) || ("0"..."9").contains($0) || "-._".unicodeScalars.contains($0) })
        else {
            return violation(location, .pattern(value: name, pattern: pattern))
        }
        return nil
    }

    private func firstDuplicate(_ items: [SchemaJSON]) -> (Int, Int)? {
        guard items.count > 1 else { return nil }
        for i in 1..<items.count {
            for j in 0..<i where items[i] == items[j] { return (j, i) }
        }
        return nil
    }
}
