/// Turns YAML bytes into tokens (the scanning stage of YAML 1.2 §9–§8, in the
/// style of libyaml): it tracks block indentation, emits BLOCK-*-START/END around
/// indented collections, and finds implicit keys by remembering where a key could
/// have started and inserting a KEY token there once a ':' shows up.
///
/// The input must be valid UTF-8 without control characters (see `InputCheck`),
/// so a 0 byte from `at(_:)` always means the end of the input.
struct Scanner {
    /// Where an implicit key may begin, per flow level.
    struct SimpleKey {
        var possible = false
        /// At a block mapping's indentation, so a ':' must follow on this line.
        var required = false
        var tokenNumber = 0
        var offset = 0
        var line = 0
        var column = 0
        /// Tabs precede it in its line's indentation (fatal if it opens a block mapping).
        var tabIndented = false
    }

    let input: UnsafeBufferPointer<UInt8>
    let count: Int
    var pos = 0
    /// 0-based line number, used to tell whether an implicit key stayed on one line.
    var line = 0
    var lineStart = 0
    var column: Int { pos - lineStart }

    var tokens: [Token] = []
    var head = 0
    var tokensTaken = 0
    var streamStarted = false
    var streamEnded = false

    /// Indentation of the innermost block collection (-1 at top level).
    var indent = -1
    var indents: [Int] = []
    var flowLevel = 0
    /// For each open flow collection, whether it is a mapping (keys may span lines there).
    var flowIsMapping: [Bool] = []
    var flowStarts: [Int] = []

    var simpleKeyAllowed = false
    var simpleKeys: [SimpleKey] = [SimpleKey()]

    /// The last token was a quoted scalar or the end of a flow collection: in a flow
    /// context a ':' is then a value indicator even without a space after it (`{"a":1}`).
    var afterJSONLikeNode = false
    /// Offset right after the last block indicator (`-`, `?`, `:`).
    var blockIndicatorEnd = -1
    /// End of the last plain scalar that spanned lines (for a better error message).
    var multiLinePlainEnd = -1
    /// Line of the last `...`: only comments may follow it there.
    var documentEndLine = -1

    /// Whitespace just before the current token contained a tab…
    var tabBeforeToken = false
    /// …and started at the beginning of the line…
    var tabAtLineStart = false
    /// …after this many spaces.
    var spacesBeforeTab = 0
    /// The current token is the first of its line.
    var tokenStartsLine = true

    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        self.count = input.count
        tokens.reserveCapacity(16)
    }

    @inline(__always) func at(_ i: Int) -> UInt8 { i < count ? input[i] : 0 }

    func string(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: input[from..<to]), as: UTF8.self)
    }

    // MARK: Token queue

    /// Kind of the next token.
    mutating func peekKind() throws -> Token.Kind {
        if head == tokens.count || !simpleKeysSettled { try fill() }
        return tokens[head].kind
    }

    /// The next token, left in the queue.
    mutating func peek() throws -> Token {
        if head == tokens.count || !simpleKeysSettled { try fill() }
        return tokens[head]
    }

    /// Removes and returns the next token.
    mutating func next() throws -> Token {
        if head == tokens.count || !simpleKeysSettled { try fill() }
        let token = tokens[head]
        head += 1
        tokensTaken += 1
        return token
    }

    /// Removes the next token without copying it.
    mutating func skip() throws {
        if head == tokens.count || !simpleKeysSettled { try fill() }
        head += 1
        tokensTaken += 1
    }

    /// Where the next token starts.
    mutating func peekStart() throws -> Int {
        if head == tokens.count || !simpleKeysSettled { try fill() }
        return tokens[head].start
    }

    /// No pending implicit key could still insert a KEY token before the queue's head.
    private var simpleKeysSettled: Bool {
        for key in simpleKeys where key.possible && key.tokenNumber == tokensTaken { return false }
        return true
    }

    @inline(never)
    private mutating func fill() throws {
        while true {
            if head < tokens.count {
                try staleSimpleKeys()
                if simpleKeysSettled { return }
            } else if streamEnded {
                throw ParseFailure("unexpected end of the input", at: count)
            }
            try fetchNextToken()
        }
    }

    mutating func append(_ token: Token) {
        tokens.append(token)
    }

    // MARK: Dispatch

    private mutating func fetchNextToken() throws {
        if head == tokens.count && head > 0 {
            tokens.removeAll(keepingCapacity: true)
            head = 0
        }
        if !streamStarted {
            fetchStreamStart()
            return
        }
        try scanToNextToken()
        try staleSimpleKeys()
        unrollIndent(to: column)

        let c = at(pos)
        if pos >= count {
            try fetchStreamEnd()
            return
        }
        if line == documentEndLine {
            throw ParseFailure("only a comment may follow '...' on its line", at: pos)
        }
        if pos == lineStart {
            if c == UInt8(ascii: "%") {
                try fetchDirective()
                return
            }
            if isDocumentMarker(at: pos, UInt8(ascii: "-")) {
                try fetchDocumentIndicator(.documentStart)
                return
            }
            if isDocumentMarker(at: pos, UInt8(ascii: ".")) {
                try fetchDocumentIndicator(.documentEnd)
                return
            }
        }
        if flowLevel > 0 {
            try checkFlowIndentation()
        } else if tabBeforeToken && tabAtLineStart && spacesBeforeTab <= indent {
            throw ParseFailure("tab characters cannot be used for indentation; indent with spaces", at: pos)
        }

        let next = at(pos + 1)
        let afterJSONLikeNode = self.afterJSONLikeNode
        self.afterJSONLikeNode = false
        switch c {
        case UInt8(ascii: "["): try fetchFlowCollectionStart(.flowSequenceStart)
        case UInt8(ascii: "{"): try fetchFlowCollectionStart(.flowMappingStart)
        case UInt8(ascii: "]"): try fetchFlowCollectionEnd(.flowSequenceEnd)
        case UInt8(ascii: "}"): try fetchFlowCollectionEnd(.flowMappingEnd)
        case UInt8(ascii: ","): try fetchFlowEntry()
        case UInt8(ascii: "-") where Byte.isBlankOrBreakOrEnd(next):
            try fetchBlockEntry()
        case UInt8(ascii: "?") where Byte.isBlankOrBreakOrEnd(next) || (flowLevel > 0 && Byte.isFlowIndicator(next)):
            try fetchKey()
        case UInt8(ascii: ":")
        where Byte.isBlankOrBreakOrEnd(next)
            || (flowLevel > 0 && (Byte.isFlowIndicator(next) || afterJSONLikeNode)):
            try fetchValue()
        case UInt8(ascii: "*"): try fetchAnchor(alias: true)
        case UInt8(ascii: "&"): try fetchAnchor(alias: false)
        case UInt8(ascii: "!"): try fetchTag()
        case UInt8(ascii: "|") where flowLevel == 0: try fetchBlockScalar(literal: true)
        case UInt8(ascii: ">") where flowLevel == 0: try fetchBlockScalar(literal: false)
        case UInt8(ascii: "'"): try fetchQuotedScalar(double: false)
        case UInt8(ascii: "\""): try fetchQuotedScalar(double: true)
        default:
            if canStartPlainScalar(c, next) {
                try fetchPlainScalar()
                return
            }
            if c == UInt8(ascii: "#") {
                throw ParseFailure("a comment must be separated from the text before it by a space", at: pos)
            }
            if c == UInt8(ascii: "@") || c == UInt8(ascii: "`") {
                throw ParseFailure("\(Byte.describe(c)) is reserved and cannot start a plain scalar; quote the value", at: pos)
            }
            if (c == UInt8(ascii: "|") || c == UInt8(ascii: ">")) && flowLevel > 0 {
                throw ParseFailure("block scalars (\(Byte.describe(c))) are not allowed inside a flow collection", at: pos)
            }
            throw ParseFailure("found \(Byte.describe(c)), which cannot start any token", at: pos)
        }
    }

    func canStartPlainScalar(_ c: UInt8, _ next: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            return !Byte.isBlankOrBreakOrEnd(next) && !(flowLevel > 0 && Byte.isFlowIndicator(next))
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            return false
        default:
            return !Byte.isBlankOrBreakOrEnd(c)
        }
    }

    /// `---` or `...` at the start of a line, followed by whitespace or the end.
    func isDocumentMarker(at i: Int, _ c: UInt8) -> Bool {
        at(i) == c && at(i + 1) == c && at(i + 2) == c && Byte.isBlankOrBreakOrEnd(at(i + 3))
    }

    // MARK: Whitespace, comments, line breaks

    /// Skips a comment starting at `pos`, to the end of its line; a `#` glued to
    /// the text before it starts no comment and is an error.
    mutating func skipComment() throws {
        guard at(pos) == UInt8(ascii: "#") else { return }
        if pos > lineStart && !Byte.isBlank(at(pos - 1)) {
            throw ParseFailure("a comment must be separated from the text before it by a space", at: pos)
        }
        while !Byte.isBreak(at(pos)) && pos < count { pos += 1 }
    }

    /// Skips blanks and a comment to the end of the line, all that may follow a
    /// block scalar header or a directive; anything else is the error `unexpected`.
    mutating func finishLine(orFail unexpected: String) throws {
        while Byte.isBlank(at(pos)) { pos += 1 }
        try skipComment()
        if !Byte.isBreak(at(pos)) && pos < count { throw ParseFailure(unexpected, at: pos) }
    }

    @inline(__always) mutating func consumeBreak() {
        if at(pos) == Byte.carriageReturn && at(pos + 1) == Byte.lineFeed {
            pos += 2
        } else {
            pos += 1
        }
        line += 1
        lineStart = pos
    }

    private mutating func scanToNextToken() throws {
        tabBeforeToken = false
        tabAtLineStart = false
        tokenStartsLine = pos == lineStart
        while true {
            if pos == lineStart && at(pos) == 0xEF && at(pos + 1) == 0xBB && at(pos + 2) == 0xBF {
                // A byte order mark may open any document of a stream.
                pos += 3
                lineStart = pos
            }
            let runStart = pos
            let indentationRun = pos == lineStart || pos == blockIndicatorEnd
            var sawTab = false
            while true {
                let c = at(pos)
                if c == Byte.space {
                    pos += 1
                } else if c == Byte.tab {
                    if !sawTab {
                        sawTab = true
                        spacesBeforeTab = pos - runStart
                    }
                    pos += 1
                } else {
                    break
                }
            }
            tabBeforeToken = sawTab && indentationRun
            tabAtLineStart = sawTab && runStart == lineStart
            try skipComment()
            if Byte.isBreak(at(pos)) {
                consumeBreak()
                if flowLevel == 0 { simpleKeyAllowed = true }
                tokenStartsLine = true
                continue
            }
            return
        }
    }

    /// Lines inside a flow collection must stay indented deeper than the block
    /// collection that holds it. A closing bracket is let off (`key: {` … `}` at
    /// column 0 is common in hand-written files, and go-yaml, so kubectl and Helm,
    /// accept it).
    private func checkFlowIndentation() throws {
        let c = at(pos)
        guard tokenStartsLine, indent >= 0, c != UInt8(ascii: "]"), c != UInt8(ascii: "}") else { return }
        let spaces = tabAtLineStart ? spacesBeforeTab : column
        if spaces <= indent {
            throw ParseFailure(
                "this line is inside the \(flowIsMapping[flowLevel - 1] ? "'{'" : "'['") opened at {related}, so it must be indented more than its parent (at least \(indent + 1) spaces); or is a closing bracket missing?",
                at: pos, related: flowStarts[flowLevel - 1])
        }
    }

    // MARK: Indentation

    mutating func unrollIndent(to column: Int) {
        guard flowLevel == 0 else { return }
        while indent > column {
            append(Token(.blockEnd, start: pos, end: pos))
            indent = indents.removeLast()
        }
    }

    /// Opens a block collection at `column` if it is deeper than the current one.
    /// The start token goes before token number `number` when given (implicit keys).
    @discardableResult
    mutating func rollIndent(to column: Int, before number: Int?, _ kind: Token.Kind, at offset: Int) -> Bool {
        guard flowLevel == 0, indent < column else { return false }
        indents.append(indent)
        indent = column
        let token = Token(kind, start: offset, end: offset)
        if let number {
            tokens.insert(token, at: head + number - tokensTaken)
        } else {
            append(token)
        }
        return true
    }

    // MARK: Implicit keys

    mutating func saveSimpleKey() throws {
        guard simpleKeyAllowed else { return }
        try removeSimpleKey()
        simpleKeys[flowLevel] = SimpleKey(
            possible: true,
            required: flowLevel == 0 && indent == column,
            tokenNumber: tokensTaken + tokens.count - head,
            offset: pos, line: line, column: column,
            tabIndented: tabBeforeToken)
    }

    mutating func removeSimpleKey() throws {
        let key = simpleKeys[flowLevel]
        if key.possible && key.required {
            throw ParseFailure(missingColonMessage(key.offset), at: key.offset)
        }
        simpleKeys[flowLevel].possible = false
    }

    /// For a line of a block mapping without `key: value`; hints at `key:value`.
    private func missingColonMessage(_ keyOffset: Int) -> String {
        var i = keyOffset
        while i < count && !Byte.isBreak(input[i]) {
            if input[i] == UInt8(ascii: ":") && !Byte.isBlankOrBreakOrEnd(at(i + 1)) {
                return "could not find the ':' that should follow this mapping key; a ':' must be followed by a space"
            }
            i += 1
        }
        return "could not find the ':' that should follow this mapping key (each line of a mapping needs 'key: value')"
    }

    /// Forgets implicit keys that can no longer be keys: in block context and in flow
    /// sequences an implicit key must fit on one line.
    mutating func staleSimpleKeys() throws {
        for level in simpleKeys.indices where simpleKeys[level].possible {
            let key = simpleKeys[level]
            let mayspanLines = level > 0 && flowIsMapping[level - 1]
            if key.line < line && !mayspanLines {
                if key.required {
                    throw ParseFailure(missingColonMessage(key.offset), at: key.offset)
                }
                simpleKeys[level].possible = false
            }
        }
    }
}
