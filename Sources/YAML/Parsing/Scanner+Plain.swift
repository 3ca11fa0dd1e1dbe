extension Scanner {
    /// Bytes below 64 that end a run of a plain scalar: controls (tab, line
    /// breaks, and 0 for the end), space and ':'. In flow context ',' too.
    private static let blockStopsLow: UInt64 = 0x0000_0001_FFFF_FFFF | (1 << 0x3A)
    private static let flowStopsLow: UInt64 = blockStopsLow | (1 << 0x2C)
    /// Bytes 64…127 that end a run in flow context: '[' ']' '{' '}'.
    private static let flowStopsHigh: UInt64 = (1 << (0x5B - 64)) | (1 << (0x5D - 64)) | (1 << (0x7B - 64)) | (1 << (0x7D - 64))

    /// Scans a plain scalar (YAML 1.2 §7.3.3). Line breaks fold to spaces (or to
    /// newlines for empty lines); continuation lines must be indented deeper than
    /// the enclosing block collection. Single-line scalars are built straight from
    /// the input bytes.
    mutating func scanPlainScalar() throws -> Token {
        let start = pos
        let inFlow = flowLevel > 0
        let stopsLow = inFlow ? Scanner.flowStopsLow : Scanner.blockStopsLow
        let stopsHigh: UInt64 = inFlow ? Scanner.flowStopsHigh : 0
        let minIndent = indent + 1
        var folded: [UInt8]? = nil
        var end = pos
        var lastWhitespaceHadBreak = false

        scan: while true {
            // One run of non-blank characters.
            let runStart = pos
            var i = pos
            if !inFlow, let base = input.baseAddress {
                // Eight bytes at a time while none can end the run (long base64 values).
                let raw = UnsafeRawPointer(base)
                while i + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let belowBang = (word &- 0x2121_2121_2121_2121) & ~word
                    let colons = word ^ 0x3A3A_3A3A_3A3A_3A3A
                    let hasColon = (colons &- 0x0101_0101_0101_0101) & ~colons
                    if (belowBang | hasColon) & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
            }
            while true {
                let c = at(i)
                if c < 64 {
                    if (stopsLow >> UInt64(c)) & 1 != 0 {
                        if c == UInt8(ascii: ":") {
                            let next = at(i + 1)
                            if !(Byte.isBlankOrBreakOrEnd(next) || (inFlow && Byte.isFlowIndicator(next))) {
                                i += 1
                                continue
                            }
                        }
                        break
                    }
                } else if c < 128 && (stopsHigh >> UInt64(c - 64)) & 1 != 0 {
                    break
                }
                i += 1
            }
            pos = i
            if pos == runStart { break scan }
            if folded != nil { folded!.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<pos])) }
            end = pos

            // Whitespace and line breaks up to the next run.
            guard Byte.isBlank(at(pos)) || Byte.isBreak(at(pos)) else { break scan }
            let blanksStart = pos
            var breaks = 0
            var lineIndent = 0
            var tabOnLine = false
            while true {
                let b = at(pos)
                if b == Byte.space {
                    if breaks > 0 && !tabOnLine { lineIndent += 1 }
                    pos += 1
                } else if b == Byte.tab {
                    tabOnLine = true
                    pos += 1
                } else if Byte.isBreak(b) {
                    consumeBreak()
                    breaks += 1
                    lineIndent = 0
                    tabOnLine = false
                } else {
                    break
                }
            }
            let next = at(pos)
            if next == UInt8(ascii: "#") || pos >= count || !canContinuePlain(next, inFlow: inFlow) {
                lastWhitespaceHadBreak = breaks > 0
                break scan
            }
            if breaks > 0 {
                if lineIndent < minIndent
                    || isDocumentMarker(at: lineStart, UInt8(ascii: "-"))
                    || isDocumentMarker(at: lineStart, UInt8(ascii: "."))
                {
                    lastWhitespaceHadBreak = true
                    break scan
                }
                // Fold: one break becomes a space, each further one a newline.
                if folded == nil {
                    folded = Array(UnsafeBufferPointer(rebasing: input[start..<end]))
                }
                if breaks == 1 {
                    folded!.append(Byte.space)
                } else {
                    for _ in 1..<breaks { folded!.append(Byte.lineFeed) }
                }
            } else if folded != nil {
                // Same-line whitespace is kept as written.
                folded!.append(contentsOf: UnsafeBufferPointer(rebasing: input[blanksStart..<pos]))
            }
        }

        if lastWhitespaceHadBreak {
            // Leave the next line's indentation to scanToNextToken, which checks it for tabs.
            pos = lineStart
            simpleKeyAllowed = true
        }
        var token = Token(.scalar, start: start, end: end)
        token.style = .plain
        if let folded {
            token.text = String(decoding: folded, as: UTF8.self)
        } else {
            token.text = string(start, end)
        }
        return token
    }

    /// After same-line whitespace, whether the next character continues the scalar.
    private func canContinuePlain(_ c: UInt8, inFlow: Bool) -> Bool {
        if c == UInt8(ascii: ":") {
            let next = at(pos + 1)
            return !(Byte.isBlankOrBreakOrEnd(next) || (inFlow && Byte.isFlowIndicator(next)))
        }
        if inFlow && Byte.isFlowIndicator(c) { return false }
        return !Byte.isBreak(c)
    }
}
