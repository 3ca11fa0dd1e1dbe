/// One token of the YAML scanner. Positions are byte offsets into the input;
/// lines and columns are worked out only when someone asks (errors, marks).
struct Token {
    enum Kind: UInt8 {
        case streamStart, streamEnd
        case versionDirective, tagDirective
        case documentStart, documentEnd
        case blockSequenceStart, blockMappingStart, blockEnd
        case flowSequenceStart, flowSequenceEnd, flowMappingStart, flowMappingEnd
        case blockEntry, flowEntry, key, value
        case alias, anchor, tag, scalar
    }

    /// How a scalar was written; only plain scalars go through schema resolution.
    enum Style: UInt8 {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    var kind: Kind
    var style: Style = .plain
    var start: Int
    var end: Int
    /// Scalar value; anchor or alias name; tag handle; `%YAML` version; `%TAG` handle.
    var text: String = ""
    /// Tag suffix; `%TAG` prefix.
    var suffix: String = ""

    init(_ kind: Kind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// What the token is, for "expected X, found Y" messages.
    var displayName: String {
        switch kind {
        case .streamStart: return "the start of the stream"
        case .streamEnd: return "the end of the stream"
        case .versionDirective: return "a %YAML directive"
        case .tagDirective: return "a %TAG directive"
        case .documentStart: return "'---'"
        case .documentEnd: return "'...'"
        case .blockSequenceStart: return "a block sequence"
        case .blockMappingStart: return "a block mapping"
        case .blockEnd: return "the end of a block collection"
        case .flowSequenceStart: return "'['"
        case .flowSequenceEnd: return "']'"
        case .flowMappingStart: return "'{'"
        case .flowMappingEnd: return "'}'"
        case .blockEntry: return "'-'"
        case .flowEntry: return "','"
        case .key: return "a mapping key"
        case .value: return "':'"
        case .alias: return "an alias"
        case .anchor: return "an anchor"
        case .tag: return "a tag"
        case .scalar: return "a scalar"
        }
    }
}
