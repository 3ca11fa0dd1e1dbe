/// The glob syntax of `.Files.Glob` (github.com/gobwas/glob with `/` as the
/// separator): `*` any run without `/`, `**` any run, `?` one non-`/`
/// character, `[abc]`/`[a-z]`/`[!a]` classes, `{a,b}` alternatives, `\` escapes.
struct GlobPattern {
    indirect enum Node {
        case literal(Unicode.Scalar)
        case anyRun  // *
        case superRun  // **
        case single  // ?
        case characterClass(negated: Bool, ranges: [(Unicode.Scalar, Unicode.Scalar)])
        case alternatives([[Node]])
    }

    struct SyntaxError: Error {}

    let nodes: [Node]

    init(_ pattern: String) throws {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        nodes = try parser.sequence(inBraces: false)
        if parser.index < parser.scalars.count { throw SyntaxError() }
    }

    func matches(_ name: String) -> Bool {
        let text = Array(name.unicodeScalars)
        return GlobPattern.match(nodes[...], text[...], rest: [])
    }

    /// Backtracking match of `nodes` followed by `rest` (the continuation after an alternative).
    private static func match(_ nodes: ArraySlice<Node>, _ text: ArraySlice<Unicode.Scalar>, rest: [ArraySlice<Node>]) -> Bool {
        guard let node = nodes.first else {
            if let next = rest.first { return match(next, text, rest: Array(rest.dropFirst())) }
            return text.isEmpty
        }
        let remaining = nodes.dropFirst()
        switch node {
        case .literal(let c):
            guard text.first == c else { return false }
            return match(remaining, text.dropFirst(), rest: rest)
        case .single:
            guard let c = text.first, c != "/" else { return false }
            return match(remaining, text.dropFirst(), rest: rest)
        case .characterClass(let negated, let ranges):
            guard let c = text.first else { return false }
            let inClass = ranges.contains { $0.0.value <= c.value && c.value <= $0.1.value }
            guard inClass != negated else { return false }
            return match(remaining, text.dropFirst(), rest: rest)
        case .anyRun, .superRun:
            var i = text.startIndex
            while true {
                if match(remaining, text[i...], rest: rest) { return true }
                guard i < text.endIndex else { return false }
                if case .anyRun = node, text[i] == "/" { return false }
                i += 1
            }
        case .alternatives(let options):
            for option in options where match(option[...], text, rest: [remaining] + rest) { return true }
            return false
        }
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        mutating func sequence(inBraces: Bool) throws -> [Node] {
            var nodes: [Node] = []
            while index < scalars.count {
                let c = scalars[index]
                if inBraces && (c == "," || c == "}") { return nodes }
                index += 1
                switch c {
                case "*":
                    if index < scalars.count && scalars[index] == "*" {
                        index += 1
                        nodes.append(.superRun)
                    } else {
                        nodes.append(.anyRun)
                    }
                case "?":
                    nodes.append(.single)
                case "\\":
                    guard index < scalars.count else { throw SyntaxError() }
                    nodes.append(.literal(scalars[index]))
                    index += 1
                case "[":
                    nodes.append(try characterClass())
                case "{":
                    var options: [[Node]] = []
                    while true {
                        options.append(try sequence(inBraces: true))
                        guard index < scalars.count else { throw SyntaxError() }
                        let separator = scalars[index]
                        index += 1
                        if separator == "}" { break }
                    }
                    nodes.append(.alternatives(options))
                case "}":
                    throw SyntaxError()
                default:
                    nodes.append(.literal(c))
                }
            }
            if inBraces { throw SyntaxError() }
            return nodes
        }

        mutating func characterClass() throws -> Node {
            var negated = false
            if index < scalars.count && scalars[index] == "!" {
                negated = true
                index += 1
            }
            var ranges: [(Unicode.Scalar, Unicode.Scalar)] = []
            while true {
                guard index < scalars.count else { throw SyntaxError() }
                var low = scalars[index]
                index += 1
                if low == "]" {
                    if ranges.isEmpty { throw SyntaxError() }
                    return .characterClass(negated: negated, ranges: ranges)
                }
                if low == "\\" {
                    guard index < scalars.count else { throw SyntaxError() }
                    low = scalars[index]
                    index += 1
                }
                var high = low
                if index + 1 < scalars.count && scalars[index] == "-" && scalars[index + 1] != "]" {
                    high = scalars[index + 1]
                    index += 2
                    if high.value < low.value { throw SyntaxError() }
                }
                ranges.append((low, high))
            }
        }
    }
}
