/// Collects the entries of one mapping while it is parsed: rejects or replaces
/// duplicate keys, and applies merge keys (`<<`) by the chosen policy.
struct MappingBuilder {
    private var mapping = Mapping()
    private let policy: YAML.DuplicateKeys
    /// Merges seen under `.reject`: where the `<<` was, and the mappings it named.
    private var pendingMerges: [(position: Int, sources: [Mapping])] = []

    init(policy: YAML.DuplicateKeys) {
        self.policy = policy
    }

    mutating func add(_ key: Value, _ value: Value, keyOffset: Int) throws {
        switch policy {
        case .reject:
            if !mapping.insertNew(key, value) {
                throw ParseFailure("duplicate key \(MappingBuilder.describe(key)) in this mapping", at: keyOffset)
            }
        case .lastWins:
            mapping.set(key, value)
        }
    }

    /// A `<<` entry: `value` must be a mapping or a sequence of mappings.
    mutating func merge(_ value: Value, at offset: Int) throws {
        var sources: [Mapping]
        switch value.untagged {
        case .mapping(let m):
            sources = [m]
        case .sequence(let items):
            sources = []
            for item in items {
                guard case .mapping(let m) = item.untagged else {
                    throw ParseFailure("a merge key '<<' takes a mapping or a sequence of mappings; this sequence holds a \(item.kindName)", at: offset)
                }
                sources.append(m)
            }
        default:
            throw ParseFailure("a merge key '<<' takes a mapping or a sequence of mappings, not a \(value.kindName)", at: offset)
        }
        switch policy {
        case .reject:
            pendingMerges.append((mapping.count, sources))
        case .lastWins:
            // go-yaml v2: the merge applies now, over earlier keys; the first source wins.
            for source in sources.reversed() {
                for entry in source { mapping.set(entry.key, entry.value) }
            }
        }
    }

    /// The finished mapping. Under `.reject`, merged keys go where the `<<` was,
    /// unless the mapping names them itself; the first source naming a key wins.
    mutating func finish() -> Mapping {
        guard !pendingMerges.isEmpty else { return mapping }
        let explicit = mapping
        var result = Mapping()
        var next = 0
        for merge in pendingMerges {
            while next < merge.position {
                result.append(explicit[next].key, explicit[next].value)
                next += 1
            }
            for source in merge.sources {
                for entry in source where explicit.position(of: entry.key) == nil {
                    _ = result.insertNew(entry.key, entry.value)
                }
            }
        }
        while next < explicit.count {
            _ = result.insertNew(explicit[next].key, explicit[next].value)
            next += 1
        }
        return result
    }

    static func describe(_ key: Value) -> String {
        switch key.untagged {
        case .string(let s): return "\"\(s)\""
        case .int(let i): return String(i)
        case .float(let d): return String(d)
        case .bool(let b): return String(b)
        case .null: return "null"
        default: return "(a \(key.kindName))"
        }
    }
}
