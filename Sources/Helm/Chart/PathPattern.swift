/// Go's `path/filepath.Match` on `/`-separated paths: `*` (any run of
/// non-separators), `?` (one non-separator), `[a-z]`/`[^…]` classes and `\`
/// escapes. `.helmignore` rules and `--show-only` use it.
struct PathPattern {
    struct BadPattern: Error, Equatable {
        var message: String { "syntax error in pattern" }
    }

    let pattern: [Unicode.Scalar]

    init(_ pattern: String) {
        self.pattern = Array(pattern.unicodeScalars)
    }

    /// Whether `name` matches; throws for a malformed pattern, as Go does when
    /// it gets that far.
    func matches(_ name: String) throws -> Bool {
        try Self.match(pattern[...], Array(name.unicodeScalars)[...])
    }

    /// Checks the whole pattern for syntax errors (Go's `filepath.Match(p, "abc")` probe
    /// does not catch everything, but Helm uses exactly that probe).
    func validate() throws {
        _ = try matches("abc")
    }

    private static func match(_ patternIn: ArraySlice<Unicode.Scalar>, _ nameIn: ArraySlice<Unicode.Scalar>) throws
        -> Bool
    {
        var pattern = patternIn
        var name = nameIn
        patternLoop: while !pattern.isEmpty {
            var star = false
            while pattern.first == "*" {
                pattern = pattern.dropFirst()
                star = true
            }
            let (chunk, rest) = scanChunk(pattern)
            pattern = rest
            if star && chunk.isEmpty {
                // A trailing * matches the rest unless it contains a separator.
                return !name.contains("/")
            }
            let (tail, ok) = try matchChunk(chunk, name)
            if ok && (tail.isEmpty || !pattern.isEmpty) {
                name = tail
                continue
            }
            if star {
                var i = name.startIndex
                while i < name.endIndex && name[i] != "/" {
                    let (t, ok2) = try matchChunk(chunk, name[(i + 1)...])
                    if ok2 {
                        if pattern.isEmpty && !t.isEmpty {
                            i += 1
                            continue
                        }
                        name = t
                        continue patternLoop
                    }
                    i += 1
                }
            }
            // Before failing, check the remaining pattern is well formed.
            while !pattern.isEmpty {
                while pattern.first == "*" { pattern = pattern.dropFirst() }
                let (chunk2, rest2) = scanChunk(pattern)
                pattern = rest2
                _ = try matchChunk(chunk2, [][...])
            }
            return false
        }
        return name.isEmpty
    }

    /// The next chunk: up to an unescaped `*` outside a class.
    private static func scanChunk(_ pattern: ArraySlice<Unicode.Scalar>) -> (ArraySlice<Unicode.Scalar>, ArraySlice<Unicode.Scalar>) {
        var inRange = false
        var i = pattern.startIndex
        scan: while i < pattern.endIndex {
            switch pattern[i] {
            case "\\":
                if i + 1 < pattern.endIndex { i += 1 }
            case "[": inRange = true
            case "]": inRange = false
            case "*":
                if !inRange { break scan }
            default: break
            }
            i += 1
        }
        return (pattern[pattern.startIndex..<i], pattern[i...])
    }

    /// Matches a star-free chunk at the start of `name`; returns the rest.
    private static func matchChunk(_ chunkIn: ArraySlice<Unicode.Scalar>, _ nameIn: ArraySlice<Unicode.Scalar>) throws
        -> (ArraySlice<Unicode.Scalar>, Bool)
    {
        var chunk = chunkIn
        var s = nameIn
        var failed = false
        while !chunk.isEmpty {
            if !failed && s.isEmpty { failed = true }
            switch chunk.first {
            case "[":
                var r: Unicode.Scalar = " "
                if !failed {
                    r = s.first ?? " "
                    s = s.dropFirst()
                }
                chunk = chunk.dropFirst()
                var negated = false
                if chunk.first == "^" {
                    negated = true
                    chunk = chunk.dropFirst()
                }
                var matched = false
                var count = 0
                while true {
                    if !chunk.isEmpty && chunk.first == "]" && count > 0 {
                        chunk = chunk.dropFirst()
                        break
                    }
                    let (lo, rest) = try escapedScalar(chunk)
                    chunk = rest
                    var hi = lo
                    if chunk.first == "-" {
                        let (h, rest2) = try escapedScalar(chunk.dropFirst())
                        hi = h
                        chunk = rest2
                    }
                    if lo.value <= r.value && r.value <= hi.value { matched = true }
                    count += 1
                }
                if matched == negated { failed = true }
            case "?":
                if !failed {
                    if s.first == "/" { failed = true }
                    s = s.dropFirst()
                }
                chunk = chunk.dropFirst()
            case "\\":
                chunk = chunk.dropFirst()
                guard let c = chunk.first else { throw BadPattern() }
                if !failed {
                    if c != s.first { failed = true }
                    s = s.dropFirst()
                }
                chunk = chunk.dropFirst()
            default:
                if !failed {
                    if chunk.first != s.first { failed = true }
                    s = s.dropFirst()
                }
                chunk = chunk.dropFirst()
            }
        }
        if failed { return ([][...], false) }
        return (s, true)
    }

    private static func escapedScalar(_ chunkIn: ArraySlice<Unicode.Scalar>) throws -> (Unicode.Scalar, ArraySlice<Unicode.Scalar>) {
        var chunk = chunkIn
        guard let first = chunk.first, first != "-", first != "]" else { throw BadPattern() }
        if first == "\\" {
            chunk = chunk.dropFirst()
            guard chunk.first != nil else { throw BadPattern() }
        }
        guard let r = chunk.first else { throw BadPattern() }
        return (r, chunk.dropFirst())
    }
}
