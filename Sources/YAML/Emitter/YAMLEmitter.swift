/// The project's one YAML emitter: block-style YAML, byte for byte what go-yaml
/// v2 (gopkg.in/yaml.v2 v2.4, go.yaml.in/yaml/v2) writes. That is what
/// `kubectl get -o yaml` prints (sigs.k8s.io/yaml) and what Helm's `toYaml`
/// returns (HELM-NOTES §4): 2-space indent, sequences not indented under their
/// key, empty collections as `{}`/`[]`, strings quoted only when plain would
/// change their meaning (YAML 1.1 rules), multi-line strings as literal blocks,
/// long lines folded at 80 columns, keys over 128 bytes as `? key`.
public enum YAMLEmitter {
    public struct Options: Sendable, Equatable {
        public enum KeyOrder: Sendable, Equatable {
            /// go-yaml's natural order (`a9` before `a10`), as kubectl and Helm print.
            case natural
            /// go-yaml v3's natural order: after a common digit, letters sort first.
            case naturalV3
            /// Document (insertion) order.
            case none
        }

        public enum Numbers: Sendable, Equatable {
            /// As go-yaml prints a float64: `strconv 'g'` shortest (`1e+06`, `1.5`, `3`).
            case goYAML
            /// As sigs.k8s.io/yaml prints it (JSON first, then YAML): a float with an
            /// integral value below 1e21 prints as an integer (`1000000`); others as `goYAML`.
            /// This is what `toYaml` and `kubectl get -o yaml` show.
            case throughJSON
        }

        public var sortKeys: KeyOrder
        public var numbers: Numbers
        /// Sequences under a mapping key indented by two (go-yaml v3's layout,
        /// Helm's `toYamlPretty`) instead of starting at the key's column.
        public var indentSequencesInMappings: Bool
        /// Fold long plain and quoted scalars past this column (80 in go-yaml v2); nil never folds (v3).
        public var lineWidth: Int?
        /// A tab may stay inside a literal block (go-yaml v3); v2 double-quotes such strings.
        public var tabsInLiteralBlocks: Bool

        public init(
            sortKeys: KeyOrder = .natural, numbers: Numbers = .throughJSON, indentSequencesInMappings: Bool = false,
            lineWidth: Int? = 80, tabsInLiteralBlocks: Bool = false
        ) {
            self.sortKeys = sortKeys
            self.numbers = numbers
            self.indentSequencesInMappings = indentSequencesInMappings
            self.lineWidth = lineWidth
            self.tabsInLiteralBlocks = tabsInLiteralBlocks
        }

        /// go-yaml v3 with indent 2, as Helm's `toYamlPretty` writes.
        public static let goYAMLv3 = Options(
            sortKeys: .naturalV3, numbers: .goYAML, indentSequencesInMappings: true, lineWidth: nil, tabsInLiteralBlocks: true)
    }

    /// One document, ending with a newline (`toYaml` then trims that one newline).
    public static func emit(_ value: Value, options: Options = Options()) -> String {
        String(decoding: emitBytes([value], options: options), as: UTF8.self)
    }

    /// A multi-document stream: documents after the first start with `---`.
    public static func emitStream(_ documents: [Value], options: Options = Options()) -> String {
        String(decoding: emitBytes(documents, options: options), as: UTF8.self)
    }

    /// The UTF-8 bytes of `emitStream`.
    public static func emitBytes(_ documents: [Value], options: Options = Options()) -> [UInt8] {
        var writer = EmitterWriter(options: options)
        for (index, document) in documents.enumerated() {
            if index > 0 {
                // A later document start is explicit: `---` on its own line start.
                writer.writeIndent()
                writer.writeIndicator("---", needWhitespace: true, isWhitespace: false, isIndention: false)
            }
            writer.node(document, mappingContext: false, simpleKey: false)
            writer.writeIndent()  // document end
        }
        return writer.out
    }
}

extension Value {
    /// This value as one YAML document (see `YAMLEmitter`).
    public func yamlText(options: YAMLEmitter.Options = YAMLEmitter.Options()) -> String {
        YAMLEmitter.emit(self, options: options)
    }
}

/// The emitter's state machine, reduced to what block output needs. The
/// variables mirror libyaml's (`column`, `whitespace`, `indention`, `indent`)
/// because go-yaml's exact spacing follows from how they change.
struct EmitterWriter {
    let options: YAMLEmitter.Options
    let bestIndent = 2
    let bestWidth: Int
    var out: [UInt8] = []
    /// Characters (not bytes) already on the current line.
    var column = 0
    /// The last thing written was whitespace (or nothing yet on the line).
    var whitespace = true
    /// Only indentation has been written on the current line so far.
    var indention = true
    var indent = -1

    init(options: YAMLEmitter.Options) {
        self.options = options
        bestWidth = options.lineWidth ?? Int.max
        out.reserveCapacity(4096)
    }

    // MARK: Nodes

    mutating func node(_ value: Value, mappingContext: Bool, simpleKey: Bool) {
        switch value {
        case .tagged(let tag, let inner):
            node(inner, tag: tag, mappingContext: mappingContext, simpleKey: simpleKey)
        default:
            node(value, tag: nil, mappingContext: mappingContext, simpleKey: simpleKey)
        }
    }

    private mutating func node(_ value: Value, tag: String?, mappingContext: Bool, simpleKey: Bool) {
        switch value {
        case .mapping(let m):
            if let tag { writeTag(tag) }
            if m.isEmpty {
                writeEmptyFlow(open: "{", close: "}")
            } else {
                blockMapping(m, tagged: tag != nil)
            }
        case .sequence(let items):
            if let tag { writeTag(tag) }
            if items.isEmpty {
                writeEmptyFlow(open: "[", close: "]")
            } else {
                blockSequence(items, mappingContext: mappingContext)
            }
        case .tagged(_, let inner):
            // A tag inside a tag: the outer one is what a reader sees.
            node(inner, tag: tag, mappingContext: mappingContext, simpleKey: simpleKey)
        case .string(var s):
            s.withUTF8 { text in
                let style: ScalarStyle
                if text.contains(10) {
                    style = .literal
                } else if tag == nil, YAML11Resolution.needsQuotes(text) {
                    style = .doubleQuoted
                } else {
                    style = .plain
                }
                scalar(text, requested: style, tag: tag, simpleKey: simpleKey)
            }
        default:
            var text = plainText(of: value)
            text.withUTF8 { scalar($0, requested: .plain, tag: tag, simpleKey: simpleKey) }
        }
    }

    /// The plain text of a non-string scalar.
    private func plainText(of value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d):
            if options.numbers == .throughJSON, let integral = Self.integralJSONText(d) { return integral }
            switch GoFloat.shortestG(d) {
            case "+Inf": return ".inf"
            case "-Inf": return "-.inf"
            case "NaN": return ".nan"
            case let s: return s
            }
        default: return ""
        }
    }

    /// encoding/json's text of `d` when go-yaml would then read it back as an
    /// integer (an int64 or uint64 in plain digits), else nil.
    static func integralJSONText(_ d: Double) -> String? {
        // Every double of magnitude ≥ 2⁵² is integral; below that Int64 conversion tells.
        guard d.isFinite, abs(d) < 1e21, abs(d) >= 4503599627370496 || Double(Int64(d)) == d,
            let text = GoFloat.json(d)
        else { return nil }
        if text == "-0" { return "0" }
        var t = text
        return t.withUTF8 { GoSyntax.isParseInt($0, allowSign: true) || GoSyntax.isParseInt($0, allowSign: false) }
            ? text : nil
    }

    private mutating func blockMapping(_ mapping: Mapping, tagged: Bool) {
        let entries: [Mapping.Entry]
        switch options.sortKeys {
        case .natural: entries = NaturalKeyOrder.sorted(mapping.entries)
        case .naturalV3: entries = NaturalKeyOrder.sorted(mapping.entries, v3: true)
        case .none: entries = mapping.entries
        }
        let saved = indent
        indent = indent < 0 ? 0 : indent + bestIndent
        for entry in entries {
            writeIndent()
            if isSimpleKey(entry.key) {
                node(entry.key, mappingContext: true, simpleKey: true)
                writeIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false)
            } else {
                writeIndicator("?", needWhitespace: true, isWhitespace: false, isIndention: true)
                node(entry.key, mappingContext: true, simpleKey: false)
                writeIndent()
                writeIndicator(":", needWhitespace: true, isWhitespace: false, isIndention: true)
            }
            node(entry.value, mappingContext: true, simpleKey: false)
        }
        indent = saved
    }

    private mutating func blockSequence(_ items: [Value], mappingContext: Bool) {
        let saved = indent
        // Under a mapping key (`key:` just written) the dashes stay at the key's column.
        if !(mappingContext && !indention) || options.indentSequencesInMappings {
            indent = indent < 0 ? 0 : indent + bestIndent
        }
        for item in items {
            writeIndent()
            writeIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true)
            node(item, mappingContext: false, simpleKey: false)
        }
        indent = saved
    }

    private mutating func writeEmptyFlow(open: StaticString, close: StaticString) {
        writeIndicator(open, needWhitespace: true, isWhitespace: true, isIndention: false)
        writeIndicator(close, needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    /// libyaml's check_simple_key: a one-line scalar of at most 128 bytes
    /// (tag included), or an empty collection.
    private func isSimpleKey(_ key: Value) -> Bool {
        var tagLength = 0
        var inner = key
        if case .tagged(let tag, let v) = key {
            tagLength = Self.tagParts(tag).reduce(0) { $0 + $1.utf8.count }
            inner = v.untagged
        }
        switch inner {
        case .mapping(let m): return m.isEmpty && tagLength <= 128
        case .sequence(let s): return s.isEmpty && tagLength <= 128
        case .string(var s):
            return s.withUTF8 { text in
                !ScalarAnalysis.hasLineBreak(text) && text.count + tagLength <= 128
            }
        default:
            return plainText(of: inner).utf8.count + tagLength <= 128
        }
    }

    // MARK: Tags

    /// Handle and suffix as libyaml shortens them with the default directives.
    static func tagParts(_ tag: String) -> [String] {
        let core = "tag:yaml.org,2002:"
        if tag.hasPrefix(core) { return ["!!", String(tag.dropFirst(core.count))] }
        if tag.hasPrefix("!") { return ["!", String(tag.dropFirst())] }
        return ["!<", tag, ">"]
    }

    mutating func writeTag(_ tag: String) {
        let parts = Self.tagParts(tag)
        if parts.count == 3 {
            writeIndicator("!<", needWhitespace: true, isWhitespace: false, isIndention: false)
            writeTagContent(parts[1])
            writeIndicator(">", needWhitespace: false, isWhitespace: false, isIndention: false)
            return
        }
        if !whitespace { put(UInt8(ascii: " ")) }
        for b in parts[0].utf8 { put(b) }
        whitespace = false
        indention = false
        if !parts[1].isEmpty { writeTagContent(parts[1]) }
    }

    /// Tag characters libyaml writes as they are; others are %-escaped.
    private mutating func writeTagContent(_ content: String) {
        for b in content.utf8 {
            let keep: Bool
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"), UInt8(ascii: "-"),
                UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "@"),
                UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "$"), UInt8(ascii: ","),
                UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"):
                keep = true
            default:
                keep = false
            }
            if keep {
                put(b)
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                put(UInt8(ascii: "%"))
                put(hex[Int(b >> 4)])
                put(hex[Int(b & 0x0F)])
            }
        }
        whitespace = false
        indention = false
    }

    // MARK: Low-level writing (libyaml's put / write_indent / write_indicator)

    @inline(__always) mutating func put(_ byte: UInt8) {
        out.append(byte)
        column += 1
    }

    @inline(__always) mutating func putBreak() {
        out.append(10)
        column = 0
    }

    mutating func writeIndent() {
        let target = max(indent, 0)
        if !indention || column > target || (column == target && !whitespace) {
            putBreak()
        }
        while column < target { put(UInt8(ascii: " ")) }
        whitespace = true
        indention = true
    }

    mutating func writeIndicator(_ indicator: StaticString, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
        if needWhitespace && !whitespace { put(UInt8(ascii: " ")) }
        indicator.withUTF8Buffer { for b in $0 { put(b) } }
        whitespace = isWhitespace
        indention = indention && isIndention
    }
}
