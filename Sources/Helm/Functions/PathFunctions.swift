/// Sprig's slash-path functions (Go's `path` package): `base`, `dir`,
/// `clean`, `ext`, `isAbs`, and their `os` forms (Go's `path/filepath`),
/// which on Linux and macOS, where `/` is the separator, are the same.
enum PathFunctions {
    static let all: [TemplateFunction] = ["", "os"].flatMap { prefix in
        func name(_ base: String) -> String {
            prefix.isEmpty ? base : prefix + base.prefix(1).uppercased() + base.dropFirst()
        }
        return [
            Fn.make(name("base"), [.string]) { .string(base(try Fn.string($0[0]))) },
            Fn.make(name("dir"), [.string]) { .string(dir(try Fn.string($0[0]))) },
            Fn.make(name("clean"), [.string]) { .string(clean(try Fn.string($0[0]))) },
            Fn.make(name("ext"), [.string]) { .string(ext(try Fn.string($0[0]))) },
            Fn.make(name("isAbs"), [.string]) { .bool(try Fn.string($0[0]).hasPrefix("/")) },
        ]
    }

    /// path.Clean: one slash between names, no `.` names, `..` folded into what precedes it.
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var names: [Substring] = []
        for name in path.split(separator: "/", omittingEmptySubsequences: true) {
            if name == "." { continue }
            if name == ".." {
                if let last = names.last, last != ".." {
                    names.removeLast()
                } else if !rooted {
                    names.append(name)
                }
                continue
            }
            names.append(name)
        }
        let joined = names.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// path.Base: the last element, trailing slashes ignored.
    static func base(_ path: String) -> String {
        if path.isEmpty { return "." }
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        if p == "/" { return "/" }
        if let slash = p.lastIndex(of: "/") { p = p[p.index(after: slash)...] }
        return p.isEmpty ? "/" : String(p)
    }

    /// path.Dir: everything before the last slash, cleaned.
    static func dir(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return clean("") }
        return clean(String(path[...slash]))
    }

    /// path.Ext: from the last dot of the last element, or "".
    static func ext(_ path: String) -> String {
        for i in path.indices.reversed() {
            if path[i] == "/" { return "" }
            if path[i] == "." { return String(path[i...]) }
        }
        return ""
    }
}
