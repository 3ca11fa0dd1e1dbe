import Foundation

/// Semantic versions and constraints with Masterminds/semver v3's rules, as
/// Sprig's `semver` and `semverCompare` use them: a leading `v` and missing
/// minor/patch are accepted; constraints join with `,` or spaces (AND) and
/// `||` (OR); `x`, `X`, `*` wildcards, `~`, `^` and `A - B` ranges; a
/// prerelease version only satisfies OR-groups in which some constraint has
/// a prerelease (semver v3.5, which Helm v4.2 uses).
struct SemverVersion {
    var major: UInt64
    var minor: UInt64
    var patch: UInt64
    var prerelease: String
    var metadata: String

    struct ParseError: Error {
        var message: String
    }

    private static let identifier = #"[0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*"#
    /// `v1.2.3-pre+meta` with optional minor and patch; groups 1–3 are the numbers,
    /// 5 the prerelease and 8 the metadata.
    static let versionPattern = #"v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?"# + "(-(\(identifier)))?" + #"(\+("# + identifier + "))?"

    /// Masterminds' NewVersion.
    static func parse(_ text: String) throws -> SemverVersion {
        guard let regex = try? GoRegex("^" + versionPattern + "$"), let m = regex.submatches(text) else {
            throw ParseError(message: "invalid semantic version")
        }
        func number(_ group: String?) throws -> UInt64 {
            guard let group, !group.isEmpty else { return 0 }
            let digits = group.hasPrefix(".") ? String(group.dropFirst()) : group
            guard let n = UInt64(digits) else {
                throw ParseError(message: "error parsing version segment: strconv.ParseUint: parsing \(GoQuote.quote(digits)): value out of range")
            }
            return n
        }
        let version = SemverVersion(
            major: try number(m[1]), minor: try number(m[2]), patch: try number(m[3]),
            prerelease: m[5] ?? "", metadata: m[8] ?? "")
        if !version.prerelease.isEmpty {
            for part in version.prerelease.split(separator: ".", omittingEmptySubsequences: false)
            where part.count > 1 && part.first == "0" && part.allSatisfy(\.isASCIIDigit) {
                throw ParseError(message: "version segment starts with 0")
            }
        }
        return version
    }

    /// -1, 0 or 1; metadata does not count; a release sorts after its prereleases.
    func compare(_ o: SemverVersion) -> Int {
        if major != o.major { return major < o.major ? -1 : 1 }
        if minor != o.minor { return minor < o.minor ? -1 : 1 }
        if patch != o.patch { return patch < o.patch ? -1 : 1 }
        if prerelease.isEmpty && o.prerelease.isEmpty { return 0 }
        if prerelease.isEmpty { return 1 }
        if o.prerelease.isEmpty { return -1 }
        let a = prerelease.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let b = o.prerelease.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for k in 0..<max(a.count, b.count) {
            let d = Self.comparePart(k < a.count ? a[k] : "", k < b.count ? b[k] : "")
            if d != 0 { return d }
        }
        return 0
    }

    /// One dot-separated prerelease part: numbers sort numerically and before words.
    private static func comparePart(_ s: String, _ o: String) -> Int {
        if s == o { return 0 }
        if s.isEmpty { return -1 }
        if o.isEmpty { return 1 }
        let si = UInt64(s), oi = UInt64(o)
        switch (si, oi) {
        case (nil, nil): return s.utf8.lexicographicallyPrecedes(o.utf8) ? -1 : 1
        case (_, nil): return -1
        case (nil, _): return 1
        case (let x?, let y?): return x > y ? 1 : -1
        }
    }
}

/// A parsed constraint expression: OR of ANDs.
struct SemverConstraints {
    private struct Constraint {
        var op: String
        var version: SemverVersion
        var dirty = false
        var minorDirty = false
        var patchDirty = false
    }

    private let groups: [[Constraint]]

    struct ParseError: Error {
        var message: String
    }

    private static let number = #"[0-9xX*|]+"#
    private static let identifier = #"[0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*"#
    /// A version that may hold wildcards; groups: 1 major, 2 .minor, 3 .patch, 4 -prerelease.
    private static let wildVersion = "v?(\(number))(\\.\(number))?(\\.\(number))?(-(\(identifier)))?(\\+(\(identifier)))?"
    private static let operators = #"=||!=|>|<|>=|=>|<=|=<|~|~>|\^"#

    init(_ text: String) throws {
        let one = try GoRegex("^\\s*(\(Self.operators))\\s*(\(Self.wildVersion))\\s*$")
        let find = try GoRegex("(\(Self.operators))\\s*(\(Self.wildVersion))")
        let valid = try GoRegex(
            "^(\\s*(\(Self.operators))\\s*(\(Self.wildVersion))\\s*)((?:\\s+|,\\s*)(\(Self.operators))\\s*(\(Self.wildVersion))\\s*)*$")
        let range = try GoRegex("\\s*(\(Self.wildVersion))\\s+-\\s+(\(Self.wildVersion))\\s*")

        // "A - B" becomes ">= A, <= B".
        var rewritten = text
        for m in range.allSubmatches(text) {
            guard let whole = m[0], let low = m[1], let high = m[11] else { continue }
            if let r = rewritten.range(of: whole) { rewritten.replaceSubrange(r, with: ">= \(low), <= \(high) ") }
        }
        var groups: [[Constraint]] = []
        for alternative in rewritten.components(separatedBy: "||") {
            guard valid.matchesAnywhere(alternative) else { throw ParseError(message: "improper constraint: \(GoQuote.quote(alternative))") }
            var pieces = find.findAll(alternative, limit: -1)
            if pieces.isEmpty { pieces = [alternative] }
            groups.append(try pieces.map { try Self.parseOne($0, with: one) })
        }
        self.groups = groups
    }

    private static func parseOne(_ text: String, with regex: GoRegex) throws -> Constraint {
        guard !text.isEmpty else {
            return Constraint(op: "", version: SemverVersion(major: 0, minor: 0, patch: 0, prerelease: "", metadata: ""), dirty: true)
        }
        guard let m = regex.submatches(text) else { throw ParseError(message: "improper constraint: \(GoQuote.quote(text))") }
        func isWild(_ s: String?) -> Bool { ["x", "X", "*"].contains(s ?? "") }
        let major = m[3] ?? "", minor = m[4] ?? "", patch = m[5] ?? "", pre = m[6] ?? ""
        var c = Constraint(op: m[1] ?? "", version: SemverVersion(major: 0, minor: 0, patch: 0, prerelease: "", metadata: ""))
        var text = m[2] ?? ""
        if isWild(major) || major.isEmpty {
            text = "0.0.0" + pre
            c.dirty = true
        } else if isWild(String(minor.dropFirst())) || minor.isEmpty {
            text = major + ".0.0" + pre
            c.dirty = true
            c.minorDirty = true
        } else if isWild(String(patch.dropFirst())) || patch.isEmpty {
            text = major + minor + ".0" + pre
            c.dirty = true
            c.patchDirty = true
        }
        guard let version = try? SemverVersion.parse(text) else { throw ParseError(message: "constraint parser error") }
        c.version = version
        return c
    }

    /// True when every constraint of some OR group holds. A prerelease version
    /// is considered only by groups in which some constraint has a prerelease.
    func check(_ v: SemverVersion) -> Bool {
        groups.contains { group in
            let includePrerelease = group.contains { !$0.version.prerelease.isEmpty }
            if !v.prerelease.isEmpty && !includePrerelease { return false }
            return group.allSatisfy { Self.check(v, $0) }
        }
    }

    private static func check(_ v: SemverVersion, _ c: Constraint) -> Bool {
        let con = c.version
        switch c.op {
        case "!=":
            if c.dirty {
                if con.major != v.major { return true }
                if con.minor != v.minor && !c.minorDirty { return true }
                if c.minorDirty { return false }
                if con.patch != v.patch && !c.patchDirty { return true }
                if c.patchDirty {
                    if !v.prerelease.isEmpty || !con.prerelease.isEmpty {
                        return SemverVersion(major: 0, minor: 0, patch: 0, prerelease: v.prerelease, metadata: "")
                            .compare(SemverVersion(major: 0, minor: 0, patch: 0, prerelease: con.prerelease, metadata: "")) != 0
                    }
                    return false
                }
            }
            return v.compare(con) != 0
        case ">":
            if !c.dirty { return v.compare(con) == 1 }
            if v.major != con.major { return v.major > con.major }
            if c.minorDirty { return false }
            if c.patchDirty { return v.minor > con.minor }
            return v.compare(con) == 1
        case "<":
            return v.compare(con) < 0
        case ">=", "=>":
            return v.compare(con) >= 0
        case "<=", "=<":
            if !c.dirty { return v.compare(con) <= 0 }
            if v.major > con.major { return false }
            if v.major == con.major && v.minor > con.minor && !c.minorDirty { return false }
            return true
        case "~", "~>":
            return tilde(v, c)
        case "^":
            if v.compare(con) < 0 { return false }
            if con.major > 0 || c.minorDirty { return v.major == con.major }
            if v.major > 0 { return false }
            if con.minor > 0 || c.patchDirty { return v.minor == con.minor }
            if v.minor > 0 { return false }
            return con.patch == v.patch
        default:  // "" and "="
            return c.dirty ? tilde(v, c) : v.compare(con) == 0
        }
    }

    private static func tilde(_ v: SemverVersion, _ c: Constraint) -> Bool {
        let con = c.version
        if v.compare(con) < 0 { return false }
        if con.major == 0 && con.minor == 0 && con.patch == 0 && !c.minorDirty && !c.patchDirty { return true }
        if v.major != con.major { return false }
        if v.minor != con.minor && !c.minorDirty { return false }
        return true
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
