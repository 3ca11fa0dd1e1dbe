/// Validates values against a compiled schema the way Helm v4's validator
/// does, keyword by keyword and in its order, so the failures (and the tree
/// they form) are the ones Helm reports. Where Go visits a map in random
/// order (properties, pattern properties), keys are visited in sorted order.
enum SchemaValidator {
    /// The failures of `value`, or nil when it is valid.
    static func validate(_ value: GoValue, against schema: CompiledSchema) -> SchemaViolation? {
        let root = schema.root
        var frame = Frame(
            node: root, value: value, location: [], scope: Scope(node: root, refKeyword: nil, vid: 0, parent: nil),
            uneval: Uneval(value, root, callerNeeds: false), boolResult: false)
        guard let error = frame.run().error else { return nil }
        let causes: [SchemaViolation]
        if case .group = error.kind { causes = error.causes } else { causes = [error] }
        return SchemaViolation(instanceLocation: [], kind: .schema(location: root.location), causes: causes)
    }

    /// The chain of schemas applied, for `$dynamicRef` and cycle detection;
    /// `vid` grows with each step into the value, so equal vids mean the same value.
    final class Scope {
        let node: SchemaNode
        let refKeyword: String?
        let vid: Int
        let parent: Scope?

        init(node: SchemaNode, refKeyword: String?, vid: Int, parent: Scope?) {
            self.node = node
            self.refKeyword = refKeyword
            self.vid = vid
            self.parent = parent
        }

        /// The keyword path from the root (`/properties/a/$ref`).
        var keywordLocation: String {
            var location = ""
            var scope = self
            while let parent = scope.parent {
                if let keyword = scope.refKeyword {
                    location = JSONPointer.format([keyword]) + location
                } else {
                    location = String(decoding: Array(scope.node.location.utf8).dropFirst(parent.node.location.utf8.count), as: UTF8.self) + location
                }
                scope = parent
            }
            return location
        }
    }

    /// Properties and items no keyword has evaluated yet (for `unevaluated*`).
    struct Uneval {
        var properties: Set<String> = []
        var items: Set<Int> = []
        var isEmpty: Bool { properties.isEmpty && items.isEmpty }

        init() {}

        init(_ value: GoValue, _ node: SchemaNode, callerNeeds: Bool) {
            if case .map(let m) = value {
                if !node.allPropertiesEvaluated && (callerNeeds || node.unevaluatedProperties != nil) {
                    properties = Set(m.storage.keys)
                }
            } else if let elements = SchemaValues.elements(value) {
                let first = node.itemsEvaluatedCount
                if !node.allItemsEvaluated && (callerNeeds || node.unevaluatedItems != nil) && first < elements.count {
                    items = Set(first..<elements.count)
                }
            }
        }

        /// Keeps only what the other evaluation also left unevaluated.
        mutating func merge(_ other: Uneval) {
            properties.formIntersection(other.properties)
            items.formIntersection(other.items)
        }
    }

    /// One schema applied to one value.
    struct Frame {
        let node: SchemaNode
        let value: GoValue
        let location: [String]
        let scope: Scope
        var uneval: Uneval
        /// Only whether it is valid matters (inside `not`, `if`, and `oneOf` after a match).
        let boolResult: Bool
        var errors: [SchemaViolation] = []

        init(node: SchemaNode, value: GoValue, location: [String], scope: Scope, uneval: Uneval, boolResult: Bool) {
            self.node = node
            self.value = value
            self.location = location
            self.scope = scope
            self.uneval = uneval
            self.boolResult = boolResult
        }

        func violation(_ kind: SchemaViolation.Kind, causes: [SchemaViolation] = []) -> SchemaViolation {
            SchemaViolation(instanceLocation: location, kind: kind, causes: causes)
        }

        mutating func add(_ kind: SchemaViolation.Kind, causes: [SchemaViolation] = []) {
            errors.append(violation(kind, causes: causes))
        }

        mutating func add(_ error: SchemaViolation?) {
            if let error { errors.append(error) }
        }

        mutating func run() -> (uneval: Uneval, error: SchemaViolation?) {
            if let allowed = node.boolean {
                return allowed ? (uneval, nil) : (uneval, violation(.falseSchema))
            }
            var earlier = scope.parent
            while let candidate = earlier, candidate.vid == scope.vid {
                if candidate.node === node {
                    return (uneval, violation(.refCycle(url: node.location, keywordLocation1: scope.keywordLocation, keywordLocation2: candidate.keywordLocation)))
                }
                earlier = candidate.parent
            }
            guard let type = SchemaValues.type(value) else {
                return (uneval, violation(.invalidValue(goType: value.goTypeName)))
            }
            if let types = node.types, !types.isEmpty {
                let matched = types.contains(type) || (types.contains(.integer) && type == .number && SchemaValues.isInteger(value))
                if !matched { return (uneval, violation(.type(got: type, want: Array(types)))) }
            }
            if let constant = node.constant, !SchemaValues.equal(value, constant) {
                return (uneval, violation(.constant(constant)))
            }
            if let values = node.enumeration {
                let typeMatches = values.contains { $0.jsonType == type }
                if !typeMatches || !values.contains(where: { SchemaValues.equal(value, $0) }) {
                    return (uneval, violation(.enumeration(values)))
                }
            }
            if let format = node.format, let reason = format.check(value) {
                return (uneval, violation(.format(value: value, name: format.name, reason: reason)))
            }
            if let ref = node.ref {
                let error = validateRef(ref, keyword: "$ref")
                if node.draft < .draft2019 { return (uneval, error) }
                add(error)
            }
            switch value {
            case .map(let m): validateObject(m)
            case .list, .stringList: validateArray(SchemaValues.elements(value) ?? [])
            case .string(let s): validateString(s)
            case .int, .int64, .float64: validateNumber()
            default: break
            }
            if errors.isEmpty || !boolResult {
                if node.draft >= .draft2019 { validateDynamicRefs() }
                validateConditions()
                if node.draft >= .draft2019 { validateUnevaluated() }
            }
            switch errors.count {
            case 0: return (uneval, nil)
            case 1: return (uneval, errors[0])
            default: return (uneval, violation(.group, causes: errors))
            }
        }

        // MARK: Subschemas

        /// `schema` applied to this same value.
        mutating func validateSelf(_ schema: SchemaNode, refKeyword: String? = nil, boolResult: Bool) -> SchemaViolation? {
            var frame = Frame(
                node: schema, value: value, location: location,
                scope: Scope(node: schema, refKeyword: refKeyword, vid: scope.vid, parent: scope),
                uneval: Uneval(value, schema, callerNeeds: !uneval.isEmpty), boolResult: self.boolResult || boolResult)
            let result = frame.run()
            if result.error == nil { uneval.merge(result.uneval) }
            return result.error
        }

        /// `schema` applied to a member or item of this value.
        func validateValue(_ schema: SchemaNode, _ child: GoValue, token: String) -> SchemaViolation? {
            var frame = Frame(
                node: schema, value: child, location: location + [token],
                scope: Scope(node: schema, refKeyword: nil, vid: scope.vid + 1, parent: scope),
                uneval: Uneval(child, schema, callerNeeds: false), boolResult: boolResult)
            return frame.run().error
        }

        mutating func validateRef(_ target: SchemaNode, keyword: String) -> SchemaViolation? {
            guard let error = validateSelf(target, refKeyword: keyword, boolResult: false) else { return nil }
            if case .group = error.kind { return violation(.reference, causes: error.causes) }
            return violation(.reference, causes: [error])
        }

        mutating func validateDynamicRefs() {
            if var target = node.recursiveRef {
                if target.recursiveAnchor {
                    var s: Scope? = scope
                    while let current = s {
                        if current.node.resource?.recursiveAnchor == true { target = current.node }
                        s = current.parent
                    }
                }
                add(validateRef(target, keyword: "$recursiveRef"))
            }
            if let (initial, anchor) = node.dynamicRef {
                var target = initial
                if let anchor, initial.dynamicAnchor == anchor {
                    var s: Scope? = scope
                    while let current = s {
                        if let dynamic = current.node.resource?.dynamicAnchors[anchor] { target = dynamic }
                        s = current.parent
                    }
                }
                add(validateRef(target, keyword: "$dynamicRef"))
            }
        }

        // MARK: Applicators

        mutating func validateConditions() {
            if let not = node.not, validateSelf(not, boolResult: true) == nil { add(.not) }
            if !node.allOf.isEmpty {
                var failures: [SchemaViolation] = []
                for schema in node.allOf {
                    if let error = validateSelf(schema, boolResult: false) {
                        failures.append(error)
                        if boolResult { break }
                    }
                }
                if !failures.isEmpty { add(.allOf, causes: failures) }
            }
            if !node.anyOf.isEmpty {
                var matched = false
                var failures: [SchemaViolation] = []
                for schema in node.anyOf {
                    if let error = validateSelf(schema, boolResult: false) {
                        failures.append(error)
                    } else {
                        matched = true
                        if uneval.isEmpty { break }
                    }
                }
                if !matched { add(.anyOf, causes: failures) }
            }
            if !node.oneOf.isEmpty {
                var matched: Int?
                var failures: [SchemaViolation] = []
                for (i, schema) in node.oneOf.enumerated() {
                    if let error = validateSelf(schema, boolResult: matched != nil) {
                        if matched == nil { failures.append(error) }
                    } else if let first = matched {
                        add(.oneOf(matched: (first, i)))
                        break
                    } else {
                        matched = i
                    }
                }
                if matched == nil { add(.oneOf(matched: nil), causes: failures) }
            }
            if let condition = node.ifSchema {
                if validateSelf(condition, boolResult: true) == nil {
                    if let then = node.thenSchema { add(validateSelf(then, boolResult: false)) }
                } else if let otherwise = node.elseSchema {
                    add(validateSelf(otherwise, boolResult: false))
                }
            }
        }

        mutating func validateUnevaluated() {
            if case .map(let m) = value, let schema = node.unevaluatedProperties {
                for name in uneval.properties.sorted(by: goStringLess) {
                    if let member = m.storage[name] { add(validateValue(schema, member, token: name)) }
                }
                uneval.properties = []
            }
            if let items = SchemaValues.elements(value), let schema = node.unevaluatedItems {
                for i in uneval.items.sorted() where i < items.count { add(validateValue(schema, items[i], token: String(i))) }
                uneval.items = []
            }
        }
    }
}
