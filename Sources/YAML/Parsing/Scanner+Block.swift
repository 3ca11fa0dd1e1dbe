extension Scanner {
    /// Scans a literal (`|`) or folded (`>`) block scalar (YAML 1.2 §8.1): the
    /// header's chomping (`-` strip, `+` keep, default clip) and indentation
    /// indicators, then every line indented at least as far as the content.
    mutating func scanBlockScalar(literal: Bool) throws -> Token {
        let start = pos
        pos += 1
        var chomping = 0  // -1 strip, 0 clip, +1 keep
        var increment = 0
        var sawChomping = false
        for _ in 0..<2 {
            let c = at(pos)
            if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) && !sawChomping {
                chomping = c == UInt8(ascii: "+") ? 1 : -1
                sawChomping = true
                pos += 1
            } else if c >= UInt8(ascii: "1") && c <= UInt8(ascii: "9") && increment == 0 {
                increment = Int(c - UInt8(ascii: "0"))
                pos += 1
            } else if c == UInt8(ascii: "0") {
                throw ParseFailure("a block scalar's indentation indicator must be 1 to 9", at: pos)
            } else {
                break
            }
        }
        if Byte.isDigit(at(pos)) {
            throw ParseFailure("a block scalar's indentation indicator must be a single digit 1 to 9", at: pos)
        }
        // Rest of the header line: only a comment.
        try finishLine(orFail: "expected a comment or a line break after the block scalar header")
        if pos >= count {
            var token = Token(.scalar, start: start, end: pos)
            token.style = literal ? .literal : .folded
            return token
        }
        consumeBreak()

        let parentIndent = indent
        // An indentation indicator counts from the parent's indentation, and from
        // column 0 at the top level (as libyaml and go-yaml read and write it).
        var blockIndent = increment > 0 ? max(parentIndent, 0) + increment : -1
        if blockIndent == -1 {
            blockIndent = try detectBlockIndent(minimum: parentIndent + 1)
        }

        var out: [UInt8] = []
        var leadingBreak = false
        var leadingBlank = false
        var trailingBreaks = try blockScalarBreaks(indent: blockIndent)

        while column == blockIndent && pos < count && !atDocumentMarker {
            let trailingBlank = Byte.isBlank(at(pos))
            if !literal && leadingBreak && !leadingBlank && !trailingBlank {
                // Folding: a single break between two text lines becomes a space.
                if trailingBreaks == 0 { out.append(Byte.space) }
                leadingBreak = false
            } else if leadingBreak {
                out.append(Byte.lineFeed)
                leadingBreak = false
            }
            for _ in 0..<trailingBreaks { out.append(Byte.lineFeed) }
            trailingBreaks = 0
            leadingBlank = trailingBlank

            let lineContent = pos
            while !Byte.isBreak(at(pos)) && pos < count { pos += 1 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[lineContent..<pos]))
            if pos >= count {
                // A last line without a line break counts as if it had one (as the
                // YAML test suite reads it).
                leadingBreak = true
                trailingBreaks = 0
                break
            }
            consumeBreak()
            leadingBreak = true
            trailingBreaks = try blockScalarBreaks(indent: blockIndent)
        }

        if chomping != -1 && leadingBreak { out.append(Byte.lineFeed) }
        if chomping == 1 {
            for _ in 0..<trailingBreaks { out.append(Byte.lineFeed) }
        }
        // Leave the next line's indentation to scanToNextToken.
        let end = pos
        if pos > lineStart && column < blockIndent { pos = lineStart }

        var token = Token(.scalar, start: start, end: end)
        token.style = literal ? .literal : .folded
        token.text = String(decoding: out, as: UTF8.self)
        return token
    }

    private var atDocumentMarker: Bool {
        pos == lineStart && (isDocumentMarker(at: pos, UInt8(ascii: "-")) || isDocumentMarker(at: pos, UInt8(ascii: ".")))
    }

    /// Finds the content indentation from the first non-empty line without moving.
    /// Leading empty lines may not be indented deeper than that line.
    private func detectBlockIndent(minimum: Int) throws -> Int {
        var i = pos
        var lineBegin = pos
        var maxEmptyIndent = 0
        var maxEmptyOffset = pos
        while true {
            while i < count && input[i] == Byte.space { i += 1 }
            let spaces = i - lineBegin
            if i < count && Byte.isBreak(input[i]) {
                if spaces > maxEmptyIndent {
                    maxEmptyIndent = spaces
                    maxEmptyOffset = i
                }
                i += (input[i] == Byte.carriageReturn && i + 1 < count && input[i + 1] == Byte.lineFeed) ? 2 : 1
                lineBegin = i
                continue
            }
            if i >= count {
                return max(minimum, maxEmptyIndent, spaces, 0)
            }
            if spaces < minimum || (spaces == 0 && isDocumentMarker(at: i, UInt8(ascii: "-")))
                || (spaces == 0 && isDocumentMarker(at: i, UInt8(ascii: ".")))
            {
                // No content: the scalar is empty.
                return max(minimum, maxEmptyIndent, 0)
            }
            if maxEmptyIndent > spaces {
                throw ParseFailure(
                    "a leading empty line of this block scalar has more spaces than its first content line", at: maxEmptyOffset)
            }
            return max(spaces, minimum, 0)
        }
    }

    /// Consumes empty lines (and the indentation of the next content line, up to
    /// `indent` spaces); returns the number of line breaks.
    private mutating func blockScalarBreaks(indent blockIndent: Int) throws -> Int {
        var breaks = 0
        while true {
            while column < blockIndent && at(pos) == Byte.space { pos += 1 }
            if column < blockIndent && at(pos) == Byte.tab {
                // Where indentation is due, a tab either ends the scalar (text follows,
                // which the caller then checks) or makes an invalid empty line.
                var i = pos
                while Byte.isBlank(at(i)) { i += 1 }
                if Byte.isBreak(at(i)) || i >= count {
                    throw ParseFailure("tab characters cannot be used for indentation; indent with spaces", at: pos)
                }
                return breaks
            }
            if pos >= count && pos > lineStart {
                // A last line of spaces without a line break still counts as an empty line.
                return breaks + 1
            }
            guard Byte.isBreak(at(pos)) else { return breaks }
            consumeBreak()
            breaks += 1
        }
    }
}
