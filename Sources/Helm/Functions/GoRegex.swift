import Foundation

/// A compiled Go regular expression with the match iteration, replacement
/// templates (`$1`, `${name}`) and splitting of Go's `regexp` package, run by
/// ICU on the translated pattern (see `GoRegexTranslation`).
struct GoRegex {
    struct CompileError: Error {
        /// Go's `error parsing regexp: …` text.
        var message: String
    }

    let expression: String
    private let regex: NSRegularExpression
    private let groupNames: [String?]

    init(_ expression: String) throws {
        self.expression = expression
        do {
            let (icu, names) = try GoRegexTranslation.translate(expression)
            groupNames = names
            do {
                regex = try NSRegularExpression(pattern: icu, options: [])
            } catch {
                throw CompileError(message: "error parsing regexp: invalid regular expression: `\(expression)`")
            }
        } catch let error as GoRegexTranslation.SyntaxError {
            throw CompileError(message: "error parsing regexp: " + error.message)
        }
    }

    /// What Sprig's MustCompile panics with.
    static func mustCompileMessage(_ expression: String, _ error: CompileError) -> String {
        let quoted = canBackquote(expression) ? "`\(expression)`" : GoQuote.quote(expression)
        return "regexp: Compile(\(quoted)): \(error.message)"
    }

    private static func canBackquote(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { u in
            u != "`" && u.value != 0xFEFF && u.value != 0x7F && (u.value >= 0x20 || u == "\t")
        }
    }

    /// One match: UTF-16 ranges of the whole match and each group (nil when a group did not take part).
    typealias Match = [NSRange?]

    private func match(in s: NSString, from position: Int) -> Match? {
        guard position <= s.length,
            let m = regex.firstMatch(
                in: s as String, options: [.withTransparentBounds, .withoutAnchoringBounds],
                range: NSRange(location: position, length: s.length - position))
        else { return nil }
        return (0..<m.numberOfRanges).map { k in
            let r = m.range(at: k)
            return r.location == NSNotFound ? nil : r
        }
    }

    /// The width in UTF-16 units of the character at `position` (1 past the end).
    private static func width(_ s: NSString, _ position: Int) -> Int {
        guard position < s.length else { return 1 }
        let unit = s.character(at: position)
        return (0xD800..<0xDC00).contains(unit) && position + 1 < s.length ? 2 : 1
    }

    /// Go's allMatches: successive non-overlapping matches; an empty match right
    /// after a previous match is skipped. `limit` < 0 means all.
    func allMatches(in string: String, limit: Int) -> [Match] {
        let s = string as NSString
        var result: [Match] = []
        var position = 0
        var previousEnd = -1
        while (limit < 0 || result.count < limit) && position <= s.length {
            guard let m = match(in: s, from: position), let whole = m[0] else { break }
            var accept = true
            let end = whole.location + whole.length
            if end == position {
                if whole.location == previousEnd { accept = false }
                position += Self.width(s, position)
            } else {
                position = end
            }
            previousEnd = end
            if accept { result.append(m) }
        }
        return result
    }

    func matchesAnywhere(_ string: String) -> Bool {
        match(in: string as NSString, from: 0) != nil
    }

    func findAll(_ string: String, limit: Int) -> [String] {
        let s = string as NSString
        return allMatches(in: string, limit: limit).compactMap { $0[0].map { s.substring(with: $0) } }
    }

    /// The first match and its groups as text (nil for a group that did not take part); nil without a match.
    func submatches(_ string: String) -> [String?]? {
        let s = string as NSString
        return match(in: s, from: 0).map { m in m.map { $0.map { s.substring(with: $0) } } }
    }

    /// Every match (Go's FindAllStringSubmatch with n = -1).
    func allSubmatches(_ string: String) -> [[String?]] {
        let s = string as NSString
        return allMatches(in: string, limit: -1).map { m in m.map { $0.map { s.substring(with: $0) } } }
    }

    func find(_ string: String) -> String {
        guard let whole = match(in: string as NSString, from: 0)?[0] else { return "" }
        return (string as NSString).substring(with: whole)
    }

    /// Go's ReplaceAllString (template expanded) or ReplaceAllLiteralString.
    func replaceAll(_ string: String, with replacement: String, literal: Bool) -> String {
        let s = string as NSString
        var out = ""
        var lastEnd = 0
        var position = 0
        while position <= s.length {
            guard let m = match(in: s, from: position), let whole = m[0] else { break }
            out += s.substring(with: NSRange(location: lastEnd, length: whole.location - lastEnd))
            let end = whole.location + whole.length
            if end > lastEnd || whole.location == 0 {
                out += literal ? replacement : expand(replacement, match: m, in: s)
            }
            lastEnd = end
            let w = Self.width(s, position)
            if position + w > end {
                position += w
            } else if position + 1 > end {
                position += 1
            } else {
                position = end
            }
        }
        out += s.substring(from: lastEnd)
        return out
    }

    /// Go's Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; a malformed `$` stays.
    private func expand(_ template: String, match: Match, in s: NSString) -> String {
        let t = Array(template.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isNameCharacter(_ u: Unicode.Scalar) -> Bool {
            u == "_" || u.properties.isAlphabetic || u.properties.numericType == .decimal
        }
        while i < t.count {
            guard t[i] == "$" else {
                out.append(t[i])
                i += 1
                continue
            }
            i += 1
            if i < t.count, t[i] == "$" {
                out.append("$")
                i += 1
                continue
            }
            var name = ""
            var next = i
            if i < t.count, t[i] == "{" {
                var k = i + 1
                while k < t.count, isNameCharacter(t[k]) { k += 1 }
                if k < t.count, t[k] == "}", k > i + 1 {
                    name = String(String.UnicodeScalarView(t[(i + 1)..<k]))
                    next = k + 1
                }
            } else {
                var k = i
                while k < t.count, isNameCharacter(t[k]) { k += 1 }
                if k > i {
                    name = String(String.UnicodeScalarView(t[i..<k]))
                    next = k
                }
            }
            if name.isEmpty {
                out.append("$")
                continue
            }
            i = next
            var group: Int? = nil
            if name.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
                group = name.count < 9 ? Int(name) : nil
            } else {
                group = groupNames.firstIndex(of: name).map { $0 + 1 }
            }
            if let group, group < match.count, let range = match[group] {
                out.append(contentsOf: s.substring(with: range).unicodeScalars)
            }
        }
        return String(out)
    }

    /// Go's Split: n == 0 gives nil, n < 0 all pieces.
    func split(_ string: String, limit n: Int) -> [String] {
        if n == 0 { return [] }
        if !expression.isEmpty && string.isEmpty { return [""] }
        let s = string as NSString
        var pieces: [String] = []
        var begin = 0, end = 0
        for m in allMatches(in: string, limit: n) {
            guard let whole = m[0] else { continue }
            if n > 0 && pieces.count == n - 1 { break }
            end = whole.location
            if whole.location + whole.length != 0 {
                pieces.append(s.substring(with: NSRange(location: begin, length: end - begin)))
            }
            begin = whole.location + whole.length
        }
        if end != s.length { pieces.append(s.substring(from: begin)) }
        return pieces
    }

    /// regexp.QuoteMeta.
    static func quoteMeta(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            if "\\.+*?()|[]{}^$".unicodeScalars.contains(c) { out += "\\" }
            out.unicodeScalars.append(c)
        }
        return out
    }
}
