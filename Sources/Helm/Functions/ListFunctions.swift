/// Sprig's list functions (HELM-NOTES §3.4). Each takes any Go slice; the
/// plain form fails the render where Sprig panics, the `must` form returns
/// the same error. New lists never share storage with their input.
enum ListFunctions {
    /// A function and its `must` twin, which behave the same here: both report the error.
    private static func pair(
        _ name: String, _ parameters: [GoParameterType], variadic: GoParameterType? = nil, _ body: @escaping Fn.Body
    ) -> [TemplateFunction] {
        let must = "must" + name.prefix(1).uppercased() + name.dropFirst()
        return [Fn.make(name, parameters, variadic: variadic, body), Fn.make(must, parameters, variadic: variadic, body)]
    }

    static let all: [TemplateFunction] = [
        Fn.make("list", [], variadic: .any) { .list($0) },
        Fn.make("tuple", [], variadic: .any) { .list($0) },
    ]
        + pair("push", [.any, .any]) { a in
            .list(try Fn.listElements(a[0]) { "Cannot push on type \($0)" } + [a[1]])
        }
        + pair("append", [.any, .any]) { a in
            .list(try Fn.listElements(a[0]) { "Cannot push on type \($0)" } + [a[1]])
        }
        + pair("prepend", [.any, .any]) { a in
            .list([a[1]] + (try Fn.listElements(a[0]) { "Cannot prepend on type \($0)" }))
        }
        + pair("first", [.any]) { a in
            try Fn.listElements(a[0]) { "Cannot find first on type \($0)" }.first ?? .missing
        }
        + pair("last", [.any]) { a in
            try Fn.listElements(a[0]) { "Cannot find last on type \($0)" }.last ?? .missing
        }
        + pair("rest", [.any]) { a in
            let items = try Fn.listElements(a[0]) { "Cannot find rest on type \($0)" }
            return items.isEmpty ? .list([]) : .list(Array(items.dropFirst()))
        }
        + pair("initial", [.any]) { a in
            let items = try Fn.listElements(a[0]) { "Cannot find initial on type \($0)" }
            return items.isEmpty ? .list([]) : .list(Array(items.dropLast()))
        }
        + pair("reverse", [.any]) { a in
            .list(try Fn.listElements(a[0]) { "Cannot find reverse on type \($0)" }.reversed())
        }
        + pair("compact", [.any]) { a in
            .list(try Fn.listElements(a[0]) { "Cannot compact on type \($0)" }.filter { $0.isTrue })
        }
        + pair("uniq", [.any]) { a in
            var result: [GoValue] = []
            for item in try Fn.listElements(a[0], orFail: { "Cannot find uniq on type \($0)" })
            where !result.contains(where: { GoValue.deepEqual($0, item) }) {
                result.append(item)
            }
            return .list(result)
        }
        + pair("without", [.any], variadic: .any) { a in
            let omit = Array(a.dropFirst())
            return .list(
                try Fn.listElements(a[0]) { "Cannot find without on type \($0)" }.filter { item in
                    !omit.contains { GoValue.deepEqual($0, item) }
                })
        }
        + pair("has", [.any, .any]) { a in
            if a[1].isNil { return .bool(false) }
            let items = try Fn.listElements(a[1]) { "Cannot find has on type \($0)" }
            return .bool(items.contains { GoValue.deepEqual(a[0], $0) })
        }
        + pair("slice", [.any], variadic: .any) { a in try slice(a[0], Array(a.dropFirst())) }
        + pair("chunk", [.int, .any]) { a in
            let size = try Fn.int(a[0])
            let items = try Fn.listElements(a[1]) { "Cannot chunk type \($0)" }
            guard size > 0 else { throw Fn.fail("runtime error: integer divide by zero") }
            var chunks: [GoValue] = []
            var i = 0
            while i < items.count {
                chunks.append(.list(Array(items[i..<min(i + size, items.count)])))
                i += size
            }
            return .list(chunks)
        }
        + [
            Fn.make("concat", [], variadic: .any) { a in
                var result: [GoValue] = []
                for list in a {
                    if list.isNil { throw Fn.nilDereference }
                    guard let items = Fn.elements(list) else { throw Fn.fail("Cannot concat type \(list.goKindName) as list") }
                    result += items
                }
                return .list(result)
            },
            Fn.make("sortAlpha", [.any]) { a in
                if Fn.elements(a[0]) != nil {
                    return .stringList(StringFunctions.strslice(a[0]).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
                }
                return .stringList([Fn.strval(a[0])])
            },
            Fn.make("until", [.int]) { a in
                let count = try Fn.int(a[0])
                return .list(untilStep(0, count, count < 0 ? -1 : 1).map { .int($0) })
            },
            Fn.make("untilStep", [.int, .int, .int]) { a in
                .list(untilStep(try Fn.int(a[0]), try Fn.int(a[1]), try Fn.int(a[2])).map { .int($0) })
            },
            Fn.make("seq", [], variadic: .int) { a in .string(try seq(a.map(Fn.int))) },
        ]

    static func untilStep(_ start: Int, _ stop: Int, _ step: Int) -> [Int] {
        var v: [Int] = []
        if stop < start {
            if step >= 0 { return v }
            var i = start
            while i > stop {
                v.append(i)
                i += step
            }
            return v
        }
        if step <= 0 { return v }
        var i = start
        while i < stop {
            v.append(i)
            i += step
        }
        return v
    }

    static func seq(_ p: [Int]) throws -> String {
        let numbers: [Int]
        switch p.count {
        case 1:
            let end = p[0], increment = end < 1 ? -1 : 1
            numbers = untilStep(1, end + increment, increment)
        case 2:
            let step = p[1] < p[0] ? -1 : 1
            numbers = untilStep(p[0], p[1] + step, step)
        case 3:
            var increment = 1
            if p[2] < p[0] {
                increment = -1
                if p[1] > 0 { return "" }
            }
            numbers = untilStep(p[0], p[2] + increment, p[1])
        default:
            return ""
        }
        return numbers.map(String.init).joined(separator: " ")
    }

    /// Sprig's slice: list[start:end] with Go's bounds checks; an empty list gives nil.
    static func slice(_ list: GoValue, _ indices: [GoValue]) throws -> GoValue {
        if list.isNil { throw Fn.nilDereference }
        guard let items = Fn.elements(list) else {
            throw Fn.fail("list should be type of slice or array but \(list.goKindName)")
        }
        if items.isEmpty { return .missing }
        let start = indices.count > 0 ? Int(Fn.toInt64(indices[0])) : 0
        let end = indices.count > 1 ? Int(Fn.toInt64(indices[1])) : items.count
        if end < 0 || end > items.count {
            throw Fn.fail("reflect: slice index out of range")
        }
        if start < 0 || start > end { throw Fn.fail("reflect: slice index out of range") }
        if case .stringList(let strings) = list { return .stringList(Array(strings[start..<end])) }
        return .list(Array(items[start..<end]))
    }
}
