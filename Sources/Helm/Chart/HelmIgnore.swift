/// A chart's `.helmignore` rules (Helm's pkg/ignore), plus the default rule
/// that drops dotfiles in `templates/`.
///
/// Rules are tried in order and the first match decides; a `!` rule ignores
/// everything it does not match. A trailing `/` limits a rule to directories;
/// a rule with no `/` looks at the base name only; `**` is refused.
struct HelmIgnore {
    struct Rule {
        var pattern: PathPattern
        var negate: Bool
        var mustBeDirectory: Bool
        var baseNameOnly: Bool
    }

    struct InvalidRule: Error, CustomStringConvertible {
        var rule: String
        var reason: String
        var description: String { "invalid .helmignore rule \(GoQuote.quote(rule)): \(reason)" }
    }

    private(set) var rules: [Rule] = []

    /// Parses `.helmignore` text, then appends the default `templates/.?*` rule.
    init(text: String) throws {
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        for line in lines { try add(line) }
        try add("templates/.?*")
    }

    /// Only the default rule.
    init() {
        // The default rule is well formed.
        try? add("templates/.?*")
    }

    private mutating func add(_ line: String) throws {
        var rule = line.trimmingGoSpace()
        if rule.isEmpty || rule.hasPrefix("#") { return }
        if rule.contains("**") { throw InvalidRule(rule: rule, reason: "double-star (**) syntax is not supported") }
        do { try PathPattern(rule).validate() } catch { throw InvalidRule(rule: rule, reason: "syntax error in pattern") }
        var negate = false
        if rule.hasPrefix("!") {
            negate = true
            rule.removeFirst()
        }
        var mustBeDirectory = false
        if rule.hasSuffix("/") {
            mustBeDirectory = true
            rule.removeLast()
        }
        var baseNameOnly = false
        if rule.hasPrefix("/") {
            rule.removeFirst()
        } else if !rule.contains("/") {
            baseNameOnly = true
        }
        rules.append(Rule(pattern: PathPattern(rule), negate: negate, mustBeDirectory: mustBeDirectory, baseNameOnly: baseNameOnly))
    }

    /// Whether the chart-relative `path` (a file or directory) is ignored.
    func ignores(_ path: String, isDirectory: Bool) -> Bool {
        if path.isEmpty || path == "." || path == "./" { return false }
        for rule in rules {
            let candidate = rule.baseNameOnly ? String(path.split(separator: "/").last ?? "") : path
            let matched = (try? rule.pattern.matches(candidate)) ?? false
            if rule.negate {
                if rule.mustBeDirectory && !isDirectory { return true }
                if !matched { return true }
                continue
            }
            if rule.mustBeDirectory && !isDirectory { continue }
            if matched { return true }
        }
        return false
    }
}

extension String {
    /// `strings.TrimSpace`: Unicode white space removed at both ends.
    func trimmingGoSpace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? start
        return String(scalars[start...end])
    }
}
