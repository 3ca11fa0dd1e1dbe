/// Go's RE2 syntax rewritten for ICU (Foundation's NSRegularExpression), with
/// RE2's meaning kept where the two differ: `\d \s \w` and POSIX classes are
/// ASCII, `.` stops only at `\n`, `$` without `(?m)` means end of text, `[`
/// and `&` inside a class are plain characters, an unfinished `{` is a
/// literal. What RE2 rejects (backreferences, lookaround, possessive or
/// nested repetition) is rejected with Go's message.
struct GoRegexTranslation {
    struct SyntaxError: Error {
        var message: String  // without the "error parsing regexp: " prefix
    }

    private let p: [Unicode.Scalar]
    private var i = 0
    private var out = ""
    private var depth = 0
    private var multiline = false
    private var dotAll = false
    /// `(?U)`: greedy and lazy repetitions swap meaning.
    private var ungreedy = false
    /// Whether the last thing emitted can take a repetition operator.
    private var canRepeat = false
    private var lastWasRepetition = false
    private var groupNames: [String?] = []

    static func translate(_ pattern: String) throws -> (icu: String, groupNames: [String?]) {
        var t = GoRegexTranslation(p: Array(pattern.unicodeScalars))
        try t.run()
        // ICU refuses an empty pattern; an empty group means the same.
        return (t.out.isEmpty ? "(?:)" : t.out, t.groupNames)
    }

    private init(p: [Unicode.Scalar]) {
        self.p = p
    }

    private func text(_ from: Int, _ to: Int) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: p[max(0, from)..<min(to, p.count)])
        return String(v)
    }

    private mutating func run() throws {
        var groupStarts: [Int] = []
        while i < p.count {
            let c = p[i]
            switch c {
            case "(":
                groupStarts.append(i)
                try openGroup()
                canRepeat = false
                lastWasRepetition = false
                continue
            case ")":
                guard depth > 0 else { throw SyntaxError(message: "unexpected ): `\(text(0, p.count))`") }
                depth -= 1
                groupStarts.removeLast()
                out += ")"
                i += 1
                canRepeat = true
                lastWasRepetition = false
                continue
            case "*", "+", "?":
                try repetition(String(c), length: 1)
                continue
            case "{":
                if let (n, m, length) = repeatBounds(at: i) {
                    guard n <= 1000, (m ?? n) <= 1000, m.map({ $0 >= n }) ?? true else {
                        throw SyntaxError(message: "invalid repeat count: `\(text(i, i + length))`")
                    }
                    try repetition(text(i, i + length), length: length)
                } else {
                    out += "\\{"
                    i += 1
                    atom()
                }
                continue
            case "[":
                try characterClass()
                atom()
                continue
            case "\\":
                try escape(inClass: false)
                atom()
                continue
            case ".":
                out += dotAll ? "[\\s\\S]" : "[^\\n]"
            case "$":
                out += multiline ? "(?=\\n|\\z)" : "\\z"
            case "^":
                out += multiline ? "(?:(?<=\\n)|\\A)" : "\\A"
            case "|":
                out += "|"
                i += 1
                canRepeat = false
                lastWasRepetition = false
                continue
            case "#", " ", "\t", "\n", "&", "~", "-", "}", "]":
                out += "\\" + String(c)
            default:
                out.unicodeScalars.append(c)
            }
            i += 1
            atom()
        }
        if depth > 0, let start = groupStarts.first {
            throw SyntaxError(message: "missing closing ): `\(text(start, p.count))`")
        }
    }

    private mutating func atom() {
        canRepeat = true
        lastWasRepetition = false
    }

    private mutating func repetition(_ op: String, length: Int) throws {
        if lastWasRepetition {
            // `a**` and `a*+` nest repetitions, which RE2 refuses; `a*?` is the lazy form.
            if !(op == "?" && !previousWasLazy) {
                throw SyntaxError(message: "invalid nested repetition operator: `\(text(i - previousOperatorLength, i + length))`")
            }
            // The lazy marker: under (?U) it makes the repetition greedy again.
            if ungreedy { out.removeLast() } else { out += op }
            i += length
            lastWasRepetition = false
            canRepeat = false
            return
        }
        guard canRepeat else { throw SyntaxError(message: "missing argument to repetition operator: `\(op)`") }
        out += op
        if ungreedy { out += "?" }
        previousWasLazy = false
        i += length
        previousOperatorLength = length
        lastWasRepetition = true
    }

    private var previousOperatorLength = 1
    private var previousWasLazy = false

    /// `{n}`, `{n,}`, `{n,m}` at `at`; nil when it is not a repetition (then `{` is literal).
    private func repeatBounds(at: Int) -> (Int, Int?, Int)? {
        var k = at + 1
        func number() -> Int? {
            let start = k
            var v = 0
            while k < p.count, let d = p[k].properties.numericType == .decimal ? Int(String(p[k])) : nil, p[k].isASCII {
                v = min(v * 10 + d, 100_000)
                k += 1
            }
            return k > start ? v : nil
        }
        guard let n = number() else { return nil }
        var m: Int? = n
        if k < p.count, p[k] == "," {
            k += 1
            m = number()  // nil: unbounded
        }
        guard k < p.count, p[k] == "}" else { return nil }
        return (n, m, k + 1 - at)
    }

    private mutating func openGroup() throws {
        depth += 1
        guard i + 1 < p.count, p[i + 1] == "?" else {
            groupNames.append(nil)
            out += "("
            i += 1
            return
        }
        // (?P<name>…), (?<name>…), (?flags), (?flags:…)
        var k = i + 2
        if k < p.count, p[k] == "P" || p[k] == "<" {
            if p[k] == "P" { k += 1 }
            guard k < p.count, p[k] == "<" else {
                throw SyntaxError(message: "invalid or unsupported Perl syntax: `\(text(i, k + 1))`")
            }
            let nameStart = k + 1
            var end = nameStart
            while end < p.count, p[end] != ">" { end += 1 }
            let name = text(nameStart, end)
            guard end < p.count, !name.isEmpty,
                name.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType == .decimal })
            else {
                if p.count > nameStart, nameStart < p.count, p[k] == "<", k + 1 < p.count, p[k + 1] == "=" || p[k + 1] == "!" {
                    throw SyntaxError(message: "invalid or unsupported Perl syntax: `\(text(i, k + 2))`")
                }
                throw SyntaxError(message: "invalid named capture: `\(text(i, min(end + 1, p.count)))`")
            }
            groupNames.append(name)
            out += "(?<\(icuGroupName(groupNames.count))>"
            i = end + 1
            return
        }
        // Flags.
        var flags = ""
        var negated = false
        while k < p.count {
            let f = p[k]
            switch f {
            case "i", "m", "s", "U":
                if f == "m" { multiline = !negated }
                if f == "s" { dotAll = !negated }
                if f == "U" { ungreedy = !negated } else { flags.unicodeScalars.append(f) }
                k += 1
            case "-":
                if negated { throw SyntaxError(message: "invalid or unsupported Perl syntax: `\(text(i, k + 1))`") }
                negated = true
                flags += "-"
                k += 1
            case ":":
                out += "(?\(flags.replacingOccurrences(of: "m", with: "").replacingOccurrences(of: "s", with: "")):"
                    .replacingOccurrences(of: "(?-:", with: "(?:")
                i = k + 1
                return
            case ")":
                // Flags for the rest of the group; ICU's form is the same, minus m and s, which we translate ourselves.
                let icuFlags = flags.replacingOccurrences(of: "m", with: "").replacingOccurrences(of: "s", with: "")
                if !icuFlags.isEmpty && icuFlags != "-" { out += "(?\(icuFlags))" }
                depth -= 1
                i = k + 1
                return
            default:
                throw SyntaxError(message: "invalid or unsupported Perl syntax: `\(text(i, k + 1))`")
            }
        }
        throw SyntaxError(message: "missing closing ): `\(text(i, p.count))`")
    }

    /// ICU group names must be ASCII letters and digits; we number them and map back.
    func icuGroupName(_ index: Int) -> String { "g\(index)" }

    /// One escape outside or inside a class.
    private mutating func escape(inClass: Bool) throws {
        guard i + 1 < p.count else { throw SyntaxError(message: "trailing backslash at end of expression: ``") }
        let e = p[i + 1]
        i += 2
        switch e {
        case "d": out += inClass ? "0-9" : "[0-9]"
        case "D": out += inClass ? "\\x00-/:-\\x{10FFFF}" : "[^0-9]"
        case "s": out += inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]"
        case "S": out += inClass ? "\\x00-\\x08\\x0B\\x0E-\\x1F!-\\x{10FFFF}" : "[^\\t\\n\\f\\r ]"
        case "w": out += inClass ? "0-9A-Za-z_" : "[0-9A-Za-z_]"
        case "W": out += inClass ? "\\x00-/:-@\\[-\\^`{-\\x{10FFFF}" : "[^0-9A-Za-z_]"
        case "A", "z", "b", "B":
            if inClass { throw SyntaxError(message: "invalid escape sequence: `\\\(e)`") }
            out += "\\" + String(e)
        case "n", "t", "r", "f", "v", "a":
            out += "\\" + String(e)
        case "0"..."7":
            if e == "0" || inClass {
                // Octal \0, \012: RE2 allows up to three octal digits.
                var v = Int(String(e))!
                var count = 1
                while count < 3, i < p.count, ("0"..."7").contains(p[i]) {
                    v = v * 8 + Int(String(p[i]))!
                    i += 1
                    count += 1
                }
                out += String(format: "\\x{%X}", v)
            } else {
                throw SyntaxError(message: "invalid escape sequence: `\\\(e)`")
            }
        case "x":
            out += "\\x"
            if !copyBraced() {
                for _ in 0..<2 where i < p.count {
                    out.unicodeScalars.append(p[i])
                    i += 1
                }
            }
        case "p", "P":
            // \pL or \p{Name}; Go knows the general categories, Any, and the scripts.
            let start = i - 2
            var name: String
            if i < p.count, p[i] == "{" {
                guard let close = p[i...].firstIndex(of: "}") else {
                    throw SyntaxError(message: "invalid character class range: `\(text(start, p.count))`")
                }
                name = text(i + 1, close)
                i = close + 1
            } else if i < p.count {
                name = String(p[i])
                i += 1
            } else {
                throw SyntaxError(message: "invalid character class range: `\(text(start, p.count))`")
            }
            var negated = e == "P"
            if name.hasPrefix("^") {
                negated.toggle()
                name.removeFirst()
            }
            guard let (icu, inverted) = GoUnicodeClasses.icuClass(name) else {
                throw SyntaxError(message: "invalid character class range: `\(text(start, i))`")
            }
            out += (negated != inverted ? "\\P{" : "\\p{") + icu + "}"
        case "Q":
            var literal = String.UnicodeScalarView()
            while i < p.count {
                if p[i] == "\\", i + 1 < p.count, p[i + 1] == "E" {
                    i += 2
                    break
                }
                literal.append(p[i])
                i += 1
            }
            for u in literal { out += "\\x{\(String(u.value, radix: 16))}" }
        default:
            if e.isASCII && (e.properties.isAlphabetic || ("0"..."9").contains(e)) {
                throw SyntaxError(message: "invalid escape sequence: `\\\(e)`")
            }
            // Any punctuation may be escaped.
            out += "\\x{\(String(e.value, radix: 16))}"
        }
    }

    /// Copies a `{…}` argument of `\\x` or `\\p` as it is; false when none follows.
    private mutating func copyBraced() -> Bool {
        guard i < p.count, p[i] == "{" else { return false }
        while i < p.count, p[i] != "}" {
            out.unicodeScalars.append(p[i])
            i += 1
        }
        if i < p.count {
            out += "}"
            i += 1
        }
        return true
    }

    /// `[…]`: RE2 class syntax rewritten with every member escaped for ICU.
    private mutating func characterClass() throws {
        let start = i
        i += 1
        out += "["
        if i < p.count, p[i] == "^" {
            out += "^"
            i += 1
        }
        var first = true
        var lastWasCharacter = false
        while true {
            guard i < p.count else { throw SyntaxError(message: "missing closing ]: `\(text(start, p.count))`") }
            let c = p[i]
            if c == "]" && !first {
                i += 1
                out += "]"
                return
            }
            first = false
            if c == "[", i + 1 < p.count, p[i + 1] == ":", posixClass(at: i) {
                lastWasCharacter = false
                continue
            }
            if c == "-", lastWasCharacter, i + 1 < p.count, p[i + 1] != "]" {
                // A range between the previous character and the next one.
                out += "-"
                i += 1
                lastWasCharacter = false
                continue
            }
            if c == "\\" {
                let before = out.unicodeScalars.count
                try escape(inClass: true)
                // A single escaped character (not a class like \d) can start a range.
                lastWasCharacter = out.unicodeScalars.count - before > 0 && !"dDsSwW".unicodeScalars.contains(p[i - 1])
            } else {
                out += "\\x{\(String(c.value, radix: 16))}"
                i += 1
                lastWasCharacter = true
            }
        }
    }

    /// `[:alpha:]` and friends inside a class, with RE2's ASCII meanings. False when it is not one.
    private mutating func posixClass(at: Int) -> Bool {
        var k = at + 2
        var negated = false
        if k < p.count, p[k] == "^" {
            negated = true
            k += 1
        }
        let nameStart = k
        while k < p.count, p[k] != ":" { k += 1 }
        guard k + 1 < p.count, p[k + 1] == "]" else { return false }
        let ranges: String
        switch text(nameStart, k) {
        case "alnum": ranges = "0-9A-Za-z"
        case "alpha": ranges = "A-Za-z"
        case "ascii": ranges = "\\x00-\\x7F"
        case "blank": ranges = "\\t "
        case "cntrl": ranges = "\\x00-\\x1F\\x7F"
        case "digit": ranges = "0-9"
        case "graph": ranges = "!-~"
        case "lower": ranges = "a-z"
        case "print": ranges = " -~"
        case "punct": ranges = "!-/:-@\\[-`{-~"
        case "space": ranges = "\\t\\n\\x0B\\f\\r "
        case "upper": ranges = "A-Z"
        case "word": ranges = "0-9A-Za-z_"
        case "xdigit": ranges = "0-9A-Fa-f"
        default: return false
        }
        out += negated ? "[^\(ranges)]" : "[\(ranges)]"
        i = k + 2
        return true
    }
}
