/// The keywords that apply to one JSON type (object, array, string,
/// number), in the validator's order.
extension SchemaValidator.Frame {
    mutating func validateObject(_ m: GoMap) {
        if let min = node.minProperties, m.count < min { add(.minProperties(got: m.count, want: min)) }
        if let max = node.maxProperties, m.count > max { add(.maxProperties(got: m.count, want: max)) }
        if !node.required.isEmpty {
            let missing = node.required.filter { m.storage[$0] == nil }
            if !missing.isEmpty { add(.required(missing: missing)) }
        }
        if boolResult && !errors.isEmpty { return }
        for name in node.dependencies.keys.sorted(by: goStringLess) where m.storage[name] != nil {
            switch node.dependencies[name] {
            case .required(let required)?:
                let missing = required.filter { m.storage[$0] == nil }
                if !missing.isEmpty { add(.dependency(property: name, missing: missing)) }
            case .schema(let schema)?:
                add(validateSelf(schema, boolResult: false))
            case nil:
                break
            }
        }
        var additional: [String] = []
        for name in m.sortedKeys {
            if boolResult && !errors.isEmpty { return }
            let member = m.storage[name] ?? .missing
            var evaluated = false
            if let schema = node.properties[name] {
                evaluated = true
                add(validateValue(schema, member, token: name))
            }
            for pattern in node.patternProperties where pattern.regex.matchesAnywhere(name) {
                evaluated = true
                add(validateValue(pattern.schema, member, token: name))
            }
            if !evaluated, let rule = node.additionalProperties {
                evaluated = true
                switch rule {
                case .allowed(let allowed): if !allowed { additional.append(name) }
                case .schema(let schema): add(validateValue(schema, member, token: name))
                }
            }
            if evaluated { uneval.properties.remove(name) }
        }
        if !additional.isEmpty { add(.additionalProperties(additional)) }
        if node.draft == .draft4 { return }
        if let names = node.propertyNames {
            for name in m.sortedKeys {
                var frame = SchemaValidator.Frame(
                    node: names, value: .string(name), location: [],
                    scope: SchemaValidator.Scope(node: names, refKeyword: nil, vid: 0, parent: nil),
                    uneval: SchemaValidator.Uneval(), boolResult: boolResult)
                if let error = frame.run().error {
                    let causes: [SchemaViolation]
                    if case .group = error.kind { causes = error.causes } else { causes = [error] }
                    errors.append(SchemaViolation(instanceLocation: [], kind: .propertyNames(name), causes: causes))
                }
            }
        }
        if node.draft == .draft6 { return }
        for name in node.dependentSchemas.keys.sorted(by: goStringLess) where m.storage[name] != nil {
            if let schema = node.dependentSchemas[name] { add(validateSelf(schema, boolResult: false)) }
        }
        for name in node.dependentRequired.keys.sorted(by: goStringLess) where m.storage[name] != nil {
            let missing = (node.dependentRequired[name] ?? []).filter { m.storage[$0] == nil }
            if !missing.isEmpty { add(.dependency(property: name, missing: missing)) }
        }
    }

    mutating func validateArray(_ items: [GoValue]) {
        if let min = node.minItems, items.count < min { add(.minItems(got: items.count, want: min)) }
        if let max = node.maxItems, items.count > max { add(.maxItems(got: items.count, want: max)) }
        if node.uniqueItems, let (i, j) = SchemaValues.firstDuplicate(items) { add(.uniqueItems(i, j)) }
        if node.draft < .draft2020 {
            var evaluated = 0
            switch node.items {
            case .all(let schema)?:
                for (i, item) in items.enumerated() { add(validateValue(schema, item, token: String(i))) }
                evaluated = items.count
            case .tuple(let schemas)?:
                evaluated = Swift.min(items.count, schemas.count)
                for i in 0..<evaluated { add(validateValue(schemas[i], items[i], token: String(i))) }
            case nil:
                break
            }
            switch node.additionalItems {
            case .allowed(false)?:
                if evaluated != items.count { add(.additionalItems(count: items.count - evaluated)) }
            case .schema(let schema)?:
                // The library names these items by their index after the evaluated ones.
                for (i, item) in items[evaluated...].enumerated() { add(validateValue(schema, item, token: String(i))) }
            default:
                break
            }
        } else {
            let evaluated = Swift.min(node.prefixItems.count, items.count)
            for i in 0..<evaluated { add(validateValue(node.prefixItems[i], items[i], token: String(i))) }
            if let schema = node.items2020 {
                for (i, item) in items[evaluated...].enumerated() { add(validateValue(schema, item, token: String(i))) }
            }
        }
        if let contains = node.contains {
            var failures: [SchemaViolation] = []
            var matched: [Int] = []
            for (i, item) in items.enumerated() {
                if let error = validateValue(contains, item, token: String(i)) {
                    failures.append(error)
                } else {
                    matched.append(i)
                    if node.draft >= .draft2020 { uneval.items.remove(i) }
                }
            }
            if let min = node.minContains {
                if matched.count < min { add(.minContains(matched: matched, want: min), causes: failures) }
            } else if matched.isEmpty {
                add(.contains, causes: failures)
            }
            if let max = node.maxContains, matched.count > max { add(.maxContains(matched: matched, want: max)) }
        }
    }

    mutating func validateString(_ s: String) {
        let length = s.unicodeScalars.count
        if let min = node.minLength, length < min { add(.minLength(got: length, want: min)) }
        if let max = node.maxLength, length > max { add(.maxLength(got: length, want: max)) }
        if let pattern = node.pattern, !pattern.regex.matchesAnywhere(s) {
            add(.pattern(value: s, pattern: pattern.source))
        }
    }

    mutating func validateNumber() {
        guard let number = SchemaNumber(value) else { return }
        if let min = node.minimum, number < min { add(.minimum(got: number.double, want: min.double)) }
        if let max = node.maximum, number > max { add(.maximum(got: number.double, want: max.double)) }
        if let min = node.exclusiveMinimum, number <= min { add(.exclusiveMinimum(got: number.double, want: min.double)) }
        if let max = node.exclusiveMaximum, number >= max { add(.exclusiveMaximum(got: number.double, want: max.double)) }
        if let divisor = node.multipleOf, !divisor.isZero, !number.isMultiple(of: divisor) {
            add(.multipleOf(got: number.double, want: divisor.double))
        }
    }
}
