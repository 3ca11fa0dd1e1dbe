import XCTest

@testable import Helm

/// The functions that complete the Sprig v3 / Helm v4 table (`hello`,
/// `sha512sum`, the `os…` path functions, `urlParse`, `urlJoin`, `duration`,
/// `durationRound`), rendered through the whole chart pipeline by us and by
/// Helm v4: identical output, or identical errors. And every function name
/// Sprig and Helm know is defined here exactly when Helm defines it.
final class FunctionsCoverageOracleTests: XCTestCase {
    private func check(_ templates: [String], valuesJSON: String = "{}", file: StaticString = #filePath, line: UInt = #line) throws {
        let oracle = try HelmOracle.required()
        let cases = templates.map { HelmOracle.Case(templates: ["t.yaml": $0], valuesJSON: valuesJSON) }
        let helm = try oracle.render(cases)
        for (c, outcome) in zip(cases, helm) {
            assertSameAsHelm(ChartFixture.renderFiles(c), outcome, "template \(c.templates["t.yaml"] ?? "")", file: file, line: line)
        }
    }

    func testHelloAndDigests() throws {
        try check([
            "{{ hello }}",
            #"{{ sha512sum "" }}|{{ sha512sum "abc" }}|{{ "héllo wörld" | sha512sum }}"#,
            #"{{ sha512sum (repeat 200 "0123456789") }}|{{ sha512sum (repeat 111 "x") }}|{{ sha512sum (repeat 112 "x") }}"#,
            "{{ sha512sum 5 }}",
        ])
    }

    func testOSPathFunctionsAreThePathOnesOnUnix() throws {
        var templates: [String] = []
        for path in ["", "/", "a/b/c.txt", "/a//b/../c/", "./x.tar.gz", "a/.hidden", "..", "a/b/", "//x"] {
            templates.append(
                #"{{ osBase "\#(path)" }}|{{ osDir "\#(path)" }}|{{ osClean "\#(path)" }}|{{ osExt "\#(path)" }}|{{ osIsAbs "\#(path)" }}|{{ base "\#(path)" }}|{{ dir "\#(path)" }}"#)
        }
        templates.append("{{ osBase 3 }}")
        try check(templates)
    }

    func testURLParseAndJoin() throws {
        var templates: [String] = []
        for url in [
            "https://user:p%40ss@example.com:8443/a%20b/c?x=1&y=2#frag%20x", "mailto:ops@example.com", "/relative/path?q",
            "http://[fe80::1%25en0]:80/", "file:///etc/hosts", "http://example.com/?", "//host.only/p", "x", "",
            "http://example.com/a/./b/../c", "HTTP://Example.COM/", "http://u@h/#",
        ] {
            templates.append(#"{{ toJson (urlParse "\#(url)") }}|{{ urlJoin (urlParse "\#(url)") }}"#)
        }
        templates += [
            #"{{ urlParse ":bad" }}"#, #"{{ urlParse "http://x/%zz" }}"#, #"{{ urlParse "http://a b/" }}"#,
            #"{{ urlJoin (dict "scheme" "https" "host" "example.com" "path" "/a b/ü" "query" "x=1" "fragment" "f g") }}"#,
            #"{{ urlJoin (dict "scheme" "https" "host" "h" "path" "rel" "userinfo" "me:se cret") }}"#,
            #"{{ urlJoin (dict "path" "a:b/c") }}|{{ urlJoin (dict "scheme" "mailto" "opaque" "x@y") }}|{{ urlJoin dict }}"#,
            #"{{ urlJoin (dict "scheme" "https" "host" "h" "path" "/p" "userinfo" "a@b") }}"#,
            #"{{ urlJoin (dict "host" 5) }}"#, #"{{ urlJoin (dict "host" nil) }}"#, #"{{ urlJoin (dict "userinfo" "%zz") }}"#,
        ]
        try check(templates)
    }

    func testDurations() throws {
        try check([
            #"{{ duration "90" }}|{{ duration "3661" }}|{{ duration "-5" }}|{{ duration "0" }}|{{ duration "x" }}|{{ duration 90 }}|{{ duration .Values.n }}"#,
            #"{{ duration (int64 86400) }}|{{ duration "99999999999999999999" }}|{{ duration "9223372036" }}|{{ duration nil }}"#,
            #"{{ durationRound "2h10m" }}|{{ durationRound "-49h" }}|{{ durationRound "8760h1s" }}|{{ durationRound "1h" }}|{{ durationRound "1h0m1s" }}"#,
            #"{{ durationRound "720h1m" }}|{{ durationRound "61s" }}|{{ durationRound "1.5s" }}|{{ durationRound "999ms" }}|{{ durationRound "bad" }}"#,
            #"{{ durationRound (int64 90000000000) }}|{{ durationRound 5 }}|{{ durationRound "1.5h" }}|{{ durationRound "1h30m45.5s" }}"#,
            #"{{ durationRound "300us" }}|{{ durationRound "2540400h" }}|{{ durationRound "+3m" }}|{{ durationRound ".5m" }}|{{ durationRound "1" }}"#,
        ], valuesJSON: #"{"n": 30}"#)
    }

    /// Go 1.25+ `\p` names: canonical case, long category names, ASCII, Assigned.
    func testUnicodeClassNamesInRegexes() throws {
        var templates: [String] = []
        for name in ["Greek", "greek", "GREEK", "Han", "ASCII", "ascii", "Any", "L", "l", "Lu", "LC", "Lowercase_Letter",
                     "LowercaseLetter", "Decimal_Number", "digit", "Assigned", "Old_Italic", "Grek", "Alphabetic", "L&", "Thai", "Yi"] {
            templates.append(#"{{ regexMatch "^\\p{\#(name)}+$" "αβ" }}{{ regexMatch "^\\P{\#(name)}$" "a" }}{{ regexMatch "[\\p{\#(name)}]" "Z9" }}|{{ mustRegexMatch "\\p{\#(name)}" "x" }}"#)
        }
        templates.append(#"{{ regexMatch "\\pL\\pN" "a1" }}|{{ mustRegexMatch "\\pX" "x" }}"#)
        try check(templates)
    }

    /// Every name in Sprig v3.3's function map and Helm v4's own is defined
    /// exactly where Helm defines it: all of them but `env` and `expandenv`,
    /// which Helm removes. An unknown one fails to parse, as Go reports it.
    func testEveryFunctionNameIsDefinedExactlyWhereHelmDefinesIt() throws {
        let names = [
            "abbrev", "abbrevboth", "add", "add1", "add1f", "addf", "adler32sum", "ago", "all", "any", "append", "atoi",
            "b32dec", "b32enc", "b64dec", "b64enc", "base", "bcrypt", "biggest", "buildCustomCert", "camelcase", "cat",
            "ceil", "chunk", "clean", "coalesce", "compact", "concat", "contains", "date", "dateInZone", "dateModify",
            "date_in_zone", "date_modify", "decryptAES", "deepCopy", "deepEqual", "default", "derivePassword", "dict",
            "dig", "dir", "div", "divf", "duration", "durationRound", "empty", "encryptAES", "env", "expandenv", "ext",
            "fail", "first", "float64", "floor", "fromJson", "fromJsonArray", "fromToml", "fromYaml", "fromYamlArray",
            "genCA", "genCAWithKey", "genPrivateKey", "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert",
            "genSignedCertWithKey", "get", "getHostByName", "has", "hasKey", "hasPrefix", "hasSuffix", "hello",
            "htmlDate", "htmlDateInZone", "htpasswd", "include", "indent", "initial", "initials", "int", "int64",
            "isAbs", "join", "kebabcase", "keys", "kindIs", "kindOf", "last", "list", "lookup", "lower", "max", "maxf",
            "merge", "mergeOverwrite", "min", "minf", "mod", "mul", "mulf", "mustAppend", "mustChunk", "mustCompact",
            "mustDateModify", "mustDeepCopy", "mustFirst", "mustFromJson", "mustHas", "mustInitial", "mustLast",
            "mustMerge", "mustMergeOverwrite", "mustPrepend", "mustRegexFind", "mustRegexFindAll", "mustRegexMatch",
            "mustRegexReplaceAll", "mustRegexReplaceAllLiteral", "mustRegexSplit", "mustRest", "mustReverse",
            "mustSlice", "mustToDate", "mustToJson", "mustToPrettyJson", "mustToRawJson", "mustToYaml", "mustUniq",
            "mustWithout", "must_date_modify", "nindent", "nospace", "now", "omit", "osBase", "osClean", "osDir",
            "osExt", "osIsAbs", "pick", "pluck", "plural", "prepend", "quote", "randAlpha", "randAlphaNum", "randAscii",
            "randBytes", "randInt", "randNumeric", "regexFind", "regexFindAll", "regexMatch", "regexQuoteMeta",
            "regexReplaceAll", "regexReplaceAllLiteral", "regexSplit", "repeat", "replace", "required", "rest",
            "reverse", "round", "semver", "semverCompare", "seq", "set", "sha1sum", "sha256sum", "sha512sum", "shuffle",
            "slice", "snakecase", "sortAlpha", "split", "splitList", "splitn", "squote", "sub", "subf", "substr",
            "swapcase", "ternary", "title", "toDate", "toDecimal", "toJson", "toPrettyJson", "toRawJson", "toString",
            "toStrings", "toToml", "toYaml", "toYamlPretty", "tpl", "trim", "trimAll", "trimPrefix", "trimSuffix",
            "trimall", "trunc", "tuple", "typeIs", "typeIsLike", "typeOf", "uniq", "unixEpoch", "unset", "until",
            "untilStep", "untitle", "upper", "urlJoin", "urlParse", "uuidv4", "values", "without", "wrap", "wrapWith"
        ]
        try check(names.map { "{{ if false }}{{ \($0) }}{{ end }}ok" })
        let set = TemplateSet(functions: HelmFunctions.all)
        for name in ["env", "expandenv"] {
            XCTAssertThrowsError(try set.parse(name: "c/templates/t.yaml", text: "{{ \(name) }}")) { error in
                XCTAssertTrue("\(error)".contains("function \"\(name)\" not defined"), "\(name): \(error)")
            }
        }
    }
}
