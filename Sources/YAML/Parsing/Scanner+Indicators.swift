/// Fetching the tokens of YAML's indicators: stream and document markers,
/// flow and block collection indicators, and the entry points of scalars and
/// node properties (which save possible implicit keys first).
extension Scanner {
    // MARK: Stream and document markers

    mutating func fetchStreamStart() {
        streamStarted = true
        if count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF {
            pos = 3
            lineStart = 3
        }
        simpleKeyAllowed = true
        append(Token(.streamStart, start: pos, end: pos))
    }

    mutating func fetchStreamEnd() throws {
        if flowLevel > 0 {
            throw ParseFailure(unclosedFlowMessage, at: flowStarts[flowLevel - 1])
        }
        unrollIndent(to: -1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        streamEnded = true
        append(Token(.streamEnd, start: pos, end: pos))
    }

    private var unclosedFlowMessage: String {
        flowIsMapping.last == true
            ? "this '{' is never closed; expected '}'" : "this '[' is never closed; expected ']'"
    }

    mutating func fetchDocumentIndicator(_ kind: Token.Kind) throws {
        if flowLevel > 0 {
            throw ParseFailure(unclosedFlowMessage, at: flowStarts[flowLevel - 1])
        }
        unrollIndent(to: -1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        let start = pos
        pos += 3
        append(Token(kind, start: start, end: pos))
        if kind == .documentEnd { documentEndLine = line }
    }

    // MARK: Flow indicators

    mutating func fetchFlowCollectionStart(_ kind: Token.Kind) throws {
        try saveSimpleKey()
        simpleKeys.append(SimpleKey())
        flowLevel += 1
        flowIsMapping.append(kind == .flowMappingStart)
        flowStarts.append(pos)
        simpleKeyAllowed = true
        append(Token(kind, start: pos, end: pos + 1))
        pos += 1
    }

    mutating func fetchFlowCollectionEnd(_ kind: Token.Kind) throws {
        guard flowLevel > 0 else {
            throw ParseFailure("found \(Byte.describe(at(pos))) without a matching opening bracket", at: pos)
        }
        if flowIsMapping[flowLevel - 1] != (kind == .flowMappingEnd) {
            throw ParseFailure(
                "found \(Byte.describe(at(pos))) but the open collection expects \(flowIsMapping[flowLevel - 1] ? "'}'" : "']'")",
                at: pos)
        }
        try removeSimpleKey()
        simpleKeys.removeLast()
        flowLevel -= 1
        flowIsMapping.removeLast()
        flowStarts.removeLast()
        simpleKeyAllowed = false
        append(Token(kind, start: pos, end: pos + 1))
        pos += 1
        afterJSONLikeNode = true
    }

    mutating func fetchFlowEntry() throws {
        guard flowLevel > 0 else {
            throw ParseFailure("',' is only a separator inside [ ] or { }; quote the value if it belongs to it", at: pos)
        }
        try removeSimpleKey()
        simpleKeyAllowed = true
        append(Token(.flowEntry, start: pos, end: pos + 1))
        pos += 1
    }

    // MARK: Block indicators

    mutating func fetchBlockEntry() throws {
        guard flowLevel == 0 else {
            throw ParseFailure("a block sequence entry ('- ') is not allowed inside a flow collection", at: pos)
        }
        if !simpleKeyAllowed {
            throw ParseFailure("a block sequence entry ('- ') is not allowed here; start it on its own line", at: pos)
        }
        if tabBeforeToken {
            throw ParseFailure("tab characters cannot be used for indentation; indent with spaces", at: pos)
        }
        rollIndent(to: column, before: nil, .blockSequenceStart, at: pos)
        try removeSimpleKey()
        simpleKeyAllowed = true
        append(Token(.blockEntry, start: pos, end: pos + 1))
        pos += 1
        blockIndicatorEnd = pos
    }

    mutating func fetchKey() throws {
        if flowLevel == 0 {
            if !simpleKeyAllowed {
                throw ParseFailure("a mapping key ('? ') is not allowed here; start it on its own line", at: pos)
            }
            if tabBeforeToken {
                throw ParseFailure("tab characters cannot be used for indentation; indent with spaces", at: pos)
            }
            rollIndent(to: column, before: nil, .blockMappingStart, at: pos)
        }
        try removeSimpleKey()
        simpleKeyAllowed = flowLevel == 0
        append(Token(.key, start: pos, end: pos + 1))
        pos += 1
        if flowLevel == 0 { blockIndicatorEnd = pos }
    }

    mutating func fetchValue() throws {
        let key = simpleKeys[flowLevel]
        if key.possible {
            tokens.insert(Token(.key, start: key.offset, end: key.offset), at: head + key.tokenNumber - tokensTaken)
            if flowLevel == 0 && indent < key.column && key.tabIndented {
                throw ParseFailure("tab characters cannot be used for indentation; indent with spaces", at: key.offset)
            }
            rollIndent(to: key.column, before: key.tokenNumber, .blockMappingStart, at: key.offset)
            simpleKeys[flowLevel].possible = false
            // A block mapping's value on the key's line cannot itself open a block collection.
            simpleKeyAllowed = false
        } else {
            if flowLevel == 0 {
                if !simpleKeyAllowed {
                    if multiLinePlainEnd >= lineStart {
                        throw ParseFailure(
                            "mapping values are not allowed here: this line is indented more than the keys before it, so it reads as part of the value above; fix its indentation",
                            at: pos)
                    }
                    throw ParseFailure(
                        "mapping values are not allowed here (a plain value cannot contain ': '; quote it)", at: pos)
                }
                if tabBeforeToken {
                    throw ParseFailure("tab characters cannot be used for indentation; indent with spaces", at: pos)
                }
                rollIndent(to: column, before: nil, .blockMappingStart, at: pos)
            }
            simpleKeyAllowed = flowLevel == 0
        }
        append(Token(.value, start: pos, end: pos + 1))
        pos += 1
        if flowLevel == 0 { blockIndicatorEnd = pos }
    }

    // MARK: Scalars and properties

    mutating func fetchPlainScalar() throws {
        try saveSimpleKey()
        simpleKeyAllowed = false
        let startLine = line
        let token = try scanPlainScalar()
        if startLine < line && pos != lineStart { multiLinePlainEnd = token.end }
        append(token)
    }

    mutating func fetchQuotedScalar(double: Bool) throws {
        try saveSimpleKey()
        simpleKeyAllowed = false
        let token = try scanQuotedScalar(double: double)
        append(token)
        afterJSONLikeNode = true
    }

    mutating func fetchBlockScalar(literal: Bool) throws {
        try removeSimpleKey()
        simpleKeyAllowed = true
        let token = try scanBlockScalar(literal: literal)
        append(token)
    }

    mutating func fetchAnchor(alias: Bool) throws {
        try saveSimpleKey()
        simpleKeyAllowed = false
        let token = try scanAnchor(alias: alias)
        append(token)
    }

    mutating func fetchTag() throws {
        try saveSimpleKey()
        simpleKeyAllowed = false
        let token = try scanTag()
        append(token)
    }

    mutating func fetchDirective() throws {
        unrollIndent(to: -1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        if let token = try scanDirective() {
            append(token)
        }
    }
}
