/// Sprig's dict functions (HELM-NOTES §3.3). Go maps are shared by
/// reference: `set`, `unset`, `merge` and `mergeOverwrite` change their first
/// argument in place and return it, which Istio's `zzz_profile.yaml` relies on.
enum DictFunctions {
    static let all: [TemplateFunction] = [
        Fn.make("dict", [], variadic: .any) { a in
            let m = GoMap()
            var i = 0
            while i < a.count {
                m[Fn.strval(a[i])] = i + 1 < a.count ? a[i + 1] : .string("")
                i += 2
            }
            return .map(m)
        },
        Fn.make("get", [.map, .string]) { a in
            (try Fn.map(a[0]))?[try Fn.string(a[1])] ?? .string("")
        },
        Fn.make("set", [.map, .string, .any]) { a in
            let m = try Fn.writableMap(a[0])
            m[try Fn.string(a[1])] = a[2]
            return .map(m)
        },
        Fn.make("unset", [.map, .string]) { a in
            guard let m = try Fn.map(a[0]) else { return .map(GoMap()) }
            m.storage.removeValue(forKey: try Fn.string(a[1]))
            return .map(m)
        },
        Fn.make("hasKey", [.map, .string]) { a in
            .bool((try Fn.map(a[0]))?[try Fn.string(a[1])] != nil)
        },
        Fn.make("keys", [], variadic: .map) { a in
            // Go returns map order (random); sorted is one of its possible answers and stable.
            .stringList(try a.flatMap { try Fn.map($0)?.sortedKeys ?? [] })
        },
        Fn.make("values", [.map]) { a in
            guard let m = try Fn.map(a[0]) else { return .list([]) }
            return .list(m.sortedKeys.map { m.storage[$0] ?? .missing })
        },
        Fn.make("pluck", [.string], variadic: .map) { a in
            let key = try Fn.string(a[0])
            return .list(try a.dropFirst().compactMap { try Fn.map($0)?[key] })
        },
        Fn.make("pick", [.map], variadic: .string) { a in
            let source = try Fn.map(a[0])
            let result = GoMap()
            for k in try a.dropFirst().map(Fn.string) {
                if let v = source?[k] { result[k] = v }
            }
            return .map(result)
        },
        Fn.make("omit", [.map], variadic: .string) { a in
            let omitted = Set(try a.dropFirst().map(Fn.string))
            let result = GoMap()
            for (k, v) in (try Fn.map(a[0]))?.storage ?? [:] where !omitted.contains(k) { result[k] = v }
            return .map(result)
        },
        Fn.make("dig", [], variadic: .any) { a in try dig(a) },
        Fn.make("merge", [.map], variadic: .map) { a in try merge(a, overwrite: false) },
        Fn.make("mustMerge", [.map], variadic: .map) { a in try merge(a, overwrite: false) },
        Fn.make("mergeOverwrite", [.map], variadic: .map) { a in try merge(a, overwrite: true) },
        Fn.make("mustMergeOverwrite", [.map], variadic: .map) { a in try merge(a, overwrite: true) },
        Fn.make("deepCopy", [.any]) { $0[0].deepCopy() },
        Fn.make("mustDeepCopy", [.any]) { $0[0].deepCopy() },
    ]

    /// `dig k1 k2 … DEFAULT MAP`: Go's type assertions fail where a step is not a map.
    static func dig(_ a: [GoValue]) throws -> GoValue {
        guard a.count >= 3 else { throw Fn.fail("dig needs at least three arguments") }
        // A type assertion: Helm's top-level `.Values` (common.Values) is not a plain map.
        func asMap(_ v: GoValue) throws -> GoMap {
            if case .map(let m) = v, m.goTypeName == GoMap.plainTypeName { return m }
            let held = v.isNil ? "nil" : v.goTypeName
            throw Fn.fail("interface conversion: interface {} is \(held), not map[string]interface {}")
        }
        var current = try asMap(a[a.count - 1])
        let fallback = a[a.count - 2]
        let keys = try a[0..<(a.count - 2)].map { k -> String in
            if case .string(let s) = k { return s }
            throw Fn.fail("interface conversion: interface {} is \(k.isNil ? "nil" : k.goTypeName), not string")
        }
        for (i, key) in keys.enumerated() {
            guard let step = current[key] else { return fallback }
            if i == keys.count - 1 { return step }
            current = try asMap(step)
        }
        return fallback
    }

    /// mergo.Merge / MergeWithOverwrite of every source into the first map, in order.
    static func merge(_ a: [GoValue], overwrite: Bool) throws -> GoValue {
        let destination = try Fn.map(a[0]) ?? GoMap()
        for source in a.dropFirst() {
            if let source = try Fn.map(source) { deepMerge(destination, source, overwrite: overwrite) }
        }
        return .map(destination)
    }

    /// mergo's map merge: maps recurse in place; a source map lands by reference
    /// where the destination has none (or an empty one it could not fill);
    /// lists and scalars replace when overwriting, or fill empty destination values.
    static func deepMerge(_ dst: GoMap, _ src: GoMap, overwrite: Bool) {
        var visited = Set<[ObjectIdentifier]>()
        deepMerge(dst, src, overwrite: overwrite, visited: &visited)
    }

    /// mergo remembers the pairs of maps it has merged, so maps that contain
    /// themselves end the recursion.
    private static func deepMerge(_ dst: GoMap, _ src: GoMap, overwrite: Bool, visited: inout Set<[ObjectIdentifier]>) {
        guard visited.insert([ObjectIdentifier(dst), ObjectIdentifier(src)]).inserted else { return }
        for (key, sourceValue) in src.storage {
            let destinationValue = dst.storage[key]
            if sourceValue.isNil {
                if overwrite { dst.storage[key] = .missing }
                continue
            }
            if case .map(let sourceMap) = sourceValue, case .map(let destinationMap)? = destinationValue {
                deepMerge(destinationMap, sourceMap, overwrite: overwrite, visited: &visited)
                // An empty destination map that the merge filled stays in place.
                if !destinationMap.isEmpty { continue }
            }
            let destinationEmpty = destinationValue.map { !$0.isTrue } ?? true
            if !destinationEmpty && !overwrite { continue }
            dst.storage[key] = sourceValue
        }
    }
}
