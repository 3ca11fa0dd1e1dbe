/// Writing one scalar in its chosen style, with libyaml's folding at 80
/// columns (HELM-NOTES §4.5, §4.6).
extension EmitterWriter {
    mutating func scalar(_ text: UnsafeBufferPointer<UInt8>, requested: ScalarStyle, tag: String?, simpleKey: Bool) {
        let analysis = ScalarAnalysis(text, tabsInBlocks: options.tabsInLiteralBlocks)
        let style = ScalarAnalysis.select(requested, analysis, isEmpty: text.isEmpty, simpleKey: simpleKey)
        if let tag { writeTag(tag) }
        let saved = indent
        indent = indent < 0 ? bestIndent : indent + bestIndent
        let allowBreaks = !simpleKey
        switch style {
        case .plain: writePlain(text, allowBreaks: allowBreaks)
        case .singleQuoted: writeSingleQuoted(text, allowBreaks: allowBreaks)
        case .doubleQuoted: writeDoubleQuoted(text, allowBreaks: allowBreaks)
        case .literal: writeLiteral(text)
        }
        indent = saved
    }

    /// Copies one UTF-8 character; the column counts characters.
    @inline(__always) private mutating func writeChar(_ v: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        let w = ScalarAnalysis.width(v[i])
        let end = min(i + w, v.count)
        while i < end {
            out.append(v[i])
            i += 1
        }
        column += 1
    }

    @inline(__always) private mutating func writeBreak(_ v: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        if v[i] == 10 {
            putBreak()
            i += 1
        } else {
            writeChar(v, &i)
            column = 0
        }
    }

    private mutating func writePlain(_ v: UnsafeBufferPointer<UInt8>, allowBreaks: Bool) {
        if !whitespace { put(UInt8(ascii: " ")) }
        var spaces = false
        var breaks = false
        var i = 0
        let n = v.count
        while i < n {
            let c = v[i]
            if c > 32 && c < 127 && !breaks {
                // A run of visible ASCII is copied in one go (plain scalars hold no breaks in practice).
                var j = i + 1
                while j < n, v[j] > 32, v[j] < 127 { j += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: v[i..<j]))
                column += j - i
                indention = false
                spaces = false
                i = j
                continue
            }
            if c == 32 {
                if allowBreaks && !spaces && column > bestWidth && !(i + 1 < n && v[i + 1] == 32) {
                    writeIndent()
                    i += 1
                } else {
                    writeChar(v, &i)
                }
                spaces = true
            } else if ScalarAnalysis.isBreak(v, i) {
                if !breaks && c == 10 { putBreak() }
                writeBreak(v, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                writeChar(v, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
        whitespace = false
        indention = false
    }

    private mutating func writeSingleQuoted(_ v: UnsafeBufferPointer<UInt8>, allowBreaks: Bool) {
        writeIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false)
        var spaces = false
        var breaks = false
        var i = 0
        let n = v.count
        while i < n {
            let c = v[i]
            if c == 32 {
                if allowBreaks && !spaces && column > bestWidth && i > 0 && i < n - 1 && v[i + 1] != 32 {
                    writeIndent()
                    i += 1
                } else {
                    writeChar(v, &i)
                }
                spaces = true
            } else if ScalarAnalysis.isBreak(v, i) {
                if !breaks && c == 10 { putBreak() }
                writeBreak(v, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                if c == UInt8(ascii: "'") { put(UInt8(ascii: "'")) }
                writeChar(v, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
        writeIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    private mutating func writeDoubleQuoted(_ v: UnsafeBufferPointer<UInt8>, allowBreaks: Bool) {
        writeIndicator("\"", needWhitespace: true, isWhitespace: false, isIndention: false)
        let bom = ScalarAnalysis.startsWithBOM(v)
        var spaces = false
        var i = 0
        let n = v.count
        while i < n {
            let c = v[i]
            if bom || !ScalarAnalysis.isPrintable(v, i) || ScalarAnalysis.isBreak(v, i)
                || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\")
            {
                // Decode the character and write its escape.
                let w = ScalarAnalysis.width(c)
                var scalar: UInt32
                switch w {
                case 2: scalar = UInt32(c & 0x1F)
                case 3: scalar = UInt32(c & 0x0F)
                case 4: scalar = UInt32(c & 0x07)
                default: scalar = UInt32(c & 0x7F)
                }
                var k = 1
                while k < w, i + k < n {
                    scalar = scalar << 6 | UInt32(v[i + k] & 0x3F)
                    k += 1
                }
                i += w
                writeEscape(scalar)
                spaces = false
            } else if c == 32 {
                if allowBreaks && !spaces && column > bestWidth && i > 0 && i < n - 1 {
                    writeIndent()
                    if v[i + 1] == 32 { put(UInt8(ascii: "\\")) }
                    i += 1
                } else {
                    writeChar(v, &i)
                }
                spaces = true
            } else {
                writeChar(v, &i)
                spaces = false
            }
        }
        writeIndicator("\"", needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    private mutating func writeEscape(_ scalar: UInt32) {
        put(UInt8(ascii: "\\"))
        let short: UInt8?
        switch scalar {
        case 0x00: short = UInt8(ascii: "0")
        case 0x07: short = UInt8(ascii: "a")
        case 0x08: short = UInt8(ascii: "b")
        case 0x09: short = UInt8(ascii: "t")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0B: short = UInt8(ascii: "v")
        case 0x0C: short = UInt8(ascii: "f")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x1B: short = UInt8(ascii: "e")
        case 0x22: short = UInt8(ascii: "\"")
        case 0x5C: short = UInt8(ascii: "\\")
        case 0x85: short = UInt8(ascii: "N")
        case 0xA0: short = UInt8(ascii: "_")
        case 0x2028: short = UInt8(ascii: "L")
        case 0x2029: short = UInt8(ascii: "P")
        default: short = nil
        }
        if let short {
            put(short)
            return
        }
        let digits: Int
        if scalar <= 0xFF {
            put(UInt8(ascii: "x"))
            digits = 2
        } else if scalar <= 0xFFFF {
            put(UInt8(ascii: "u"))
            digits = 4
        } else {
            put(UInt8(ascii: "U"))
            digits = 8
        }
        var shift = (digits - 1) * 4
        while shift >= 0 {
            let d = UInt8((scalar >> UInt32(shift)) & 0x0F)
            put(d < 10 ? d + 48 : d + 55)
            shift -= 4
        }
    }

    private mutating func writeLiteral(_ v: UnsafeBufferPointer<UInt8>) {
        writeIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false)
        // Indentation indicator when the content starts with a space or a break.
        if v[0] == 32 || ScalarAnalysis.isBreak(v, 0) {
            put(UInt8(ascii: "0") + UInt8(bestIndent))
            whitespace = false
            indention = false
        }
        // Chomping: '-' without a final break, '+' with two or more (or only one break).
        var last = v.count - 1
        while last > 0, v[last] & 0xC0 == 0x80 { last -= 1 }
        var chomp: UInt8? = nil
        if !ScalarAnalysis.isBreak(v, last) {
            chomp = UInt8(ascii: "-")
        } else if last == 0 {
            chomp = UInt8(ascii: "+")
        } else {
            var previous = last - 1
            while previous > 0, v[previous] & 0xC0 == 0x80 { previous -= 1 }
            if ScalarAnalysis.isBreak(v, previous) { chomp = UInt8(ascii: "+") }
        }
        if let chomp {
            put(chomp)
            whitespace = false
            indention = false
        }
        putBreak()
        indention = true
        whitespace = true
        var breaks = true
        var i = 0
        while i < v.count {
            if ScalarAnalysis.isBreak(v, i) {
                writeBreak(v, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                writeChar(v, &i)
                indention = false
                breaks = false
            }
        }
    }
}
