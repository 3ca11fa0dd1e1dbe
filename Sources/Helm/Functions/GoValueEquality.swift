/// reflect.DeepEqual and copystructure.Copy for template values (`has`,
/// `uniq`, `without`, `deepEqual`, `deepCopy`).
extension GoValue {
    /// `reflect.DeepEqual`: same Go type and deeply equal contents
    /// (int 1 ≠ int64 1 ≠ float64 1; both kinds of nil are the nil interface).
    static func deepEqual(_ a: GoValue, _ b: GoValue) -> Bool {
        var visited = Set<MapPair>()
        return deepEqual(a, b, visited: &visited)
    }

    /// Two maps already being compared: a cycle compares equal, as in reflect.DeepEqual.
    private struct MapPair: Hashable {
        var a: ObjectIdentifier
        var b: ObjectIdentifier
    }

    private static func deepEqual(_ a: GoValue, _ b: GoValue, visited: inout Set<MapPair>) -> Bool {
        switch (a, b) {
        case (.missing, .missing), (.invalid, .invalid), (.missing, .invalid), (.invalid, .missing): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.int64(let x), .int64(let y)): return x == y
        case (.float64(let x), .float64(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.stringList(let x), .stringList(let y)): return x == y
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            for (p, q) in zip(x, y) where !deepEqual(p, q, visited: &visited) { return false }
            return true
        case (.map(let x), .map(let y)):
            if x === y { return true }
            guard x.count == y.count, x.goTypeName == y.goTypeName else { return false }
            guard visited.insert(MapPair(a: ObjectIdentifier(x), b: ObjectIdentifier(y))).inserted else { return true }
            for (key, value) in x.storage {
                guard let other = y.storage[key], deepEqual(value, other, visited: &visited) else { return false }
            }
            return true
        case (.object(let x), .object(let y)): return x === y
        default:
            if case .complex128(let r1, let i1) = a, case .complex128(let r2, let i2) = b { return r1 == r2 && i1 == i2 }
            return false
        }
    }

    /// A copy that shares no map with the original (copystructure.Copy). A map
    /// that contains itself is copied as a map that contains its copy.
    func deepCopy() -> GoValue {
        var copies: [ObjectIdentifier: GoMap] = [:]
        return deepCopy(&copies)
    }

    private func deepCopy(_ copies: inout [ObjectIdentifier: GoMap]) -> GoValue {
        switch self {
        case .map(let m):
            if let done = copies[ObjectIdentifier(m)] { return .map(done) }
            let copy = GoMap([:], goTypeName: m.goTypeName)
            copies[ObjectIdentifier(m)] = copy
            var storage = [String: GoValue](minimumCapacity: m.count)
            for (k, v) in m.storage { storage[k] = v.deepCopy(&copies) }
            copy.storage = storage
            return .map(copy)
        case .list(let items):
            return .list(items.map { $0.deepCopy(&copies) })
        default:
            return self
        }
    }
}
