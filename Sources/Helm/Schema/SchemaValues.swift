/// How the validator sees chart values: their JSON type, and equality with
/// schema literals and with each other (numbers compared exactly).
enum SchemaValues {
    /// The JSON type of a value; nil for what JSON cannot hold (`invalid jsonType`).
    static func type(_ value: GoValue) -> JSONType? {
        switch value {
        case .missing, .invalid: return .null
        case .bool: return .boolean
        case .int, .int64, .float64: return .number
        case .string: return .string
        case .list, .stringList: return .array
        case .map: return .object
        case .complex128, .bytes, .object: return nil
        }
    }

    static func isInteger(_ value: GoValue) -> Bool {
        SchemaNumber(value)?.isInteger ?? false
    }

    static func elements(_ value: GoValue) -> [GoValue]? {
        switch value {
        case .list(let items): return items
        case .stringList(let items): return items.map { .string($0) }
        default: return nil
        }
    }

    /// A value equals a schema literal (`const`, `enum`).
    static func equal(_ value: GoValue, _ literal: SchemaJSON) -> Bool {
        switch (value, literal) {
        case (.missing, .null), (.invalid, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (_, .number(let text)):
            guard let a = SchemaNumber(value), let b = SchemaNumber(literal: text) else { return false }
            return a == b
        case (.map(let m), .object(let o)):
            guard m.count == o.count else { return false }
            for (key, item) in m.storage {
                guard let other = o[key], equal(item, other) else { return false }
            }
            return true
        case (_, .array(let items)):
            guard let elements = elements(value), elements.count == items.count else { return false }
            return zip(elements, items).allSatisfy { equal($0, $1) }
        default:
            return false
        }
    }

    /// Two values are equal (`uniqueItems`).
    static func equal(_ a: GoValue, _ b: GoValue) -> Bool {
        if let x = SchemaNumber(a) {
            guard let y = SchemaNumber(b) else { return false }
            return x == y
        }
        switch (a, b) {
        case (.missing, .missing), (.missing, .invalid), (.invalid, .missing), (.invalid, .invalid): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for (key, item) in x.storage {
                guard let other = y.storage[key], equal(item, other) else { return false }
            }
            return true
        default:
            guard let x = elements(a), let y = elements(b), x.count == y.count else { return false }
            return zip(x, y).allSatisfy { equal($0, $1) }
        }
    }

    /// The first pair of equal items (`items at i and j are equal`): the
    /// earliest second item, then its earliest twin.
    static func firstDuplicate(_ items: [GoValue]) -> (Int, Int)? {
        guard items.count > 1 else { return nil }
        for i in 1..<items.count {
            for j in 0..<i where equal(items[i], items[j]) { return (j, i) }
        }
        return nil
    }
}
