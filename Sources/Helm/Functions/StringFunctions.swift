/// Sprig's string functions (HELM-NOTES §3.2). The piped value is the last
/// argument. Lengths and offsets (`trunc`, `substr`, `abbrev`, `wrap`) count
/// bytes, as Go does.
enum StringFunctions {
    static let all: [TemplateFunction] = [
        Fn.make("hello", []) { _ in .string("Hello!") },
        Fn.make("upper", [.string]) { .string(GoText.mapScalars(try Fn.string($0[0]), GoText.toUpper)) },
        Fn.make("lower", [.string]) { .string(GoText.mapScalars(try Fn.string($0[0]), GoText.toLower)) },
        Fn.make("title", [.string]) { .string(GoText.title(try Fn.string($0[0]))) },
        Fn.make("untitle", [.string]) { .string(GoText.untitle(try Fn.string($0[0]))) },
        Fn.make("swapcase", [.string]) { .string(GoText.swapCase(try Fn.string($0[0]))) },
        Fn.make("snakecase", [.string]) { .string(WordCase.lowerCase(try Fn.string($0[0]), connector: "_")) },
        Fn.make("kebabcase", [.string]) { .string(WordCase.lowerCase(try Fn.string($0[0]), connector: "-")) },
        Fn.make("camelcase", [.string]) { .string(WordCase.pascalCase(try Fn.string($0[0]))) },
        Fn.make("trim", [.string]) { .string(GoText.trimSpace(try Fn.string($0[0]))) },
        Fn.make("trimAll", [.string, .string]) { a in
            .string(GoText.trim(try Fn.string(a[1]), cutset: try Fn.string(a[0])))
        },
        Fn.make("trimall", [.string, .string]) { a in
            .string(GoText.trim(try Fn.string(a[1]), cutset: try Fn.string(a[0])))
        },
        Fn.make("trimPrefix", [.string, .string]) { a in
            let prefix = try Fn.string(a[0]), s = try Fn.string(a[1])
            return .string(s.utf8.starts(with: prefix.utf8) ? String(decoding: s.utf8.dropFirst(prefix.utf8.count), as: UTF8.self) : s)
        },
        Fn.make("trimSuffix", [.string, .string]) { a in
            let suffix = try Fn.string(a[0]), s = try Fn.string(a[1])
            return .string(GoText.hasSuffix(s, suffix) ? String(decoding: s.utf8.dropLast(suffix.utf8.count), as: UTF8.self) : s)
        },
        Fn.make("trunc", [.int, .string]) { a in
            let c = try Fn.int(a[0])
            let bytes = Array(try Fn.string(a[1]).utf8)
            if c < 0 && bytes.count + c > 0 { return .string(String(decoding: bytes[(bytes.count + c)...], as: UTF8.self)) }
            if c >= 0 && bytes.count > c { return .string(String(decoding: bytes[..<c], as: UTF8.self)) }
            return a[1]
        },
        Fn.make("abbrev", [.int, .string]) { a in
            let width = try Fn.int(a[0]), s = try Fn.string(a[1])
            if width < 4 { return .string(s) }
            return .string(GoText.abbreviate(s, offset: 0, maxWidth: width) ?? "")
        },
        Fn.make("abbrevboth", [.int, .int, .string]) { a in
            let left = try Fn.int(a[0]), right = try Fn.int(a[1]), s = try Fn.string(a[2])
            if right < 4 || (left > 0 && right < 7) { return .string(s) }
            return .string(GoText.abbreviate(s, offset: left, maxWidth: right) ?? "")
        },
        Fn.make("replace", [.string, .string, .string]) { a in
            .string(GoText.replaceAll(try Fn.string(a[2]), try Fn.string(a[0]), with: try Fn.string(a[1])))
        },
        Fn.make("contains", [.string, .string]) { a in
            let sub = try Fn.string(a[0]), s = try Fn.string(a[1])
            return .bool(sub.isEmpty || GoText.index(of: sub, in: s) != nil)
        },
        Fn.make("hasPrefix", [.string, .string]) { a in
            .bool(try Fn.string(a[1]).utf8.starts(with: try Fn.string(a[0]).utf8))
        },
        Fn.make("hasSuffix", [.string, .string]) { a in .bool(GoText.hasSuffix(try Fn.string(a[1]), try Fn.string(a[0]))) },
        Fn.make("repeat", [.int, .string]) { a in
            let count = try Fn.int(a[0])
            guard count >= 0 else { throw Fn.fail("strings: negative Repeat count") }
            return .string(String(repeating: try Fn.string(a[1]), count: count))
        },
        Fn.make("substr", [.int, .int, .string]) { a in
            .string(try GoText.substring(try Fn.string(a[2]), start: try Fn.int(a[0]), end: try Fn.int(a[1])))
        },
        Fn.make("nospace", [.string]) { .string(GoText.deleteWhiteSpace(try Fn.string($0[0]))) },
        Fn.make("initials", [.string]) { .string(GoText.initials(try Fn.string($0[0]))) },
        Fn.make("wrap", [.int, .string]) { a in
            .string(GoText.wrap(try Fn.string(a[1]), length: try Fn.int(a[0]), newline: "\n", wrapLongWords: false))
        },
        Fn.make("wrapWith", [.int, .string, .string]) { a in
            .string(GoText.wrap(try Fn.string(a[2]), length: try Fn.int(a[0]), newline: try Fn.string(a[1]), wrapLongWords: true))
        },
        Fn.make("quote", [], variadic: .any) { a in
            .string(a.filter { !$0.isNil }.map { GoQuote.quote(Fn.strval($0)) }.joined(separator: " "))
        },
        Fn.make("squote", [], variadic: .any) { a in
            .string(a.filter { !$0.isNil }.map { "'" + GoFormat.string($0) + "'" }.joined(separator: " "))
        },
        Fn.make("cat", [], variadic: .any) { a in
            .string(a.filter { !$0.isNil }.map { GoFormat.string($0) }.joined(separator: " "))
        },
        Fn.make("indent", [.int, .string]) { a in .string(try indent(try Fn.int(a[0]), try Fn.string(a[1]))) },
        Fn.make("nindent", [.int, .string]) { a in .string("\n" + (try indent(try Fn.int(a[0]), try Fn.string(a[1])))) },
        Fn.make("split", [.string, .string]) { a in
            let parts = GoText.split(try Fn.string(a[1]), separator: try Fn.string(a[0]), limit: -1)
            return .map(GoMap(Dictionary(uniqueKeysWithValues: parts.enumerated().map { ("_\($0.offset)", .string($0.element)) })))
        },
        Fn.make("splitn", [.string, .int, .string]) { a in
            let parts = GoText.split(try Fn.string(a[2]), separator: try Fn.string(a[0]), limit: try Fn.int(a[1]))
            return .map(GoMap(Dictionary(uniqueKeysWithValues: parts.enumerated().map { ("_\($0.offset)", .string($0.element)) })))
        },
        Fn.make("splitList", [.string, .string]) { a in
            .stringList(GoText.split(try Fn.string(a[1]), separator: try Fn.string(a[0]), limit: -1))
        },
        Fn.make("join", [.string, .any]) { a in .string(strslice(a[1]).joined(separator: try Fn.string(a[0]))) },
        Fn.make("plural", [.string, .string, .int]) { a in try Fn.int(a[2]) == 1 ? a[0] : a[1] },
        Fn.make("toString", [.any]) { .string(Fn.strval($0[0])) },
        Fn.make("toStrings", [.any]) { .stringList(strslice($0[0])) },
    ]

    static func indent(_ spaces: Int, _ s: String) throws -> String {
        guard spaces >= 0 else { throw Fn.fail("strings: negative Repeat count") }
        let pad = String(repeating: " ", count: spaces)
        return pad + GoText.replaceAll(s, "\n", with: "\n" + pad)
    }

    /// Sprig's strslice: a list's non-nil items as strings; nil is `[]`; any other value one string.
    static func strslice(_ v: GoValue) -> [String] {
        if case .stringList(let items) = v { return items }
        if let items = Fn.elements(v) { return items.filter { !$0.isNil }.map(Fn.strval) }
        if v.isNil { return [] }
        return [Fn.strval(v)]
    }
}
