import YAML

import Glibc

/// The block-YAML half of `ContextNameScan`: walks lines, treats column-0
/// `key:` lines as the top-level mapping, skips every other key's value by
/// indentation alone, and reads `name:` out of each entry of `contexts:`.
/// Returns nil on anything it does not follow exactly.
struct BlockContextScanner {
    let text: UnsafeBufferPointer<UInt8>
    var position: Int

    /// One line without its line break.
    struct Line {
        var start: Int
        var end: Int
        /// Leading spaces.
        var indent: Int
        /// Nothing but blanks, or a comment.
        var isBlank: Bool
        /// The first byte after the spaces is a tab (YAML never indents with tabs).
        var tabAfterIndent: Bool
    }

    mutating func nextLine() -> Line? {
        guard position < text.count, let base = text.baseAddress else { return nil }
        let start = position
        var end = text.count
        if let found = memchr(base + start, Int32(ScanByte.newline), text.count - start) {
            end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        position = end < text.count ? end + 1 : end
        if end > start, text[end - 1] == ScanByte.carriageReturn { end -= 1 }
        var index = start
        while index < end, text[index] == ScanByte.space { index += 1 }
        let indent = index - start
        var content = index
        while content < end, text[content] == ScanByte.space || text[content] == ScanByte.tab { content += 1 }
        let blank = content == end || text[content] == ScanByte.hash
        return Line(start: start, end: end, indent: indent, isBlank: blank,
                    tabAfterIndent: !blank && index < end && text[index] == ScanByte.tab)
    }

    mutating func scan() -> [String]? {
        var names: [String]?
        var inTopLevelMapping = false
        var documentStarted = false
        while let line = nextLine() {
            if line.isBlank { continue }
            if line.indent > 0 || line.tabAfterIndent {
                // Nested content of a top-level key; before any key it means an indented document.
                if !inTopLevelMapping || line.tabAfterIndent && line.indent == 0 { return nil }
                continue
            }
            if text[line.start] == ScanByte.dash {
                if isDocumentStart(line) {
                    if documentStarted || inTopLevelMapping { return nil }
                    documentStarted = true
                    if !isBlank(from: line.start + 3, to: line.end) { return nil }
                    continue
                }
                // A compact list under the previous top-level key.
                if inTopLevelMapping, isSequenceEntry(at: line.start, end: line.end) { continue }
                return nil
            }
            guard let key = plainKey(from: line.start, to: line.end) else { return nil }
            inTopLevelMapping = true
            if matches(key.range, "<<") { return nil }
            guard matches(key.range, "contexts") else { continue }
            if names != nil { return nil }
            let value = valueWord(from: key.valueStart, to: line.end)
            if value.isEmpty {
                guard let list = scanContextList() else { return nil }
                names = list
            } else if matches(value, "[]") || matches(value, "~") || matches(value, "null")
                        || matches(value, "Null") || matches(value, "NULL") {
                names = []
            } else {
                return nil
            }
        }
        return names ?? []
    }

    /// The entries under `contexts:`; leaves `position` at the line that ends the list.
    private mutating func scanContextList() -> [String]? {
        var first: Line
        repeat {
            guard let line = nextLine() else { return [] }
            first = line
        } while first.isBlank
        if first.tabAfterIndent { return nil }
        if first.indent == 0, !isSequenceEntry(at: first.start, end: first.end) {
            position = first.start  // `contexts:` with no value; the line is the next top-level key
            return []
        }
        let sequenceIndent = first.indent
        guard isSequenceEntry(at: first.start + sequenceIndent, end: first.end) else { return nil }
        var names: [String] = []
        var entry = first
        while true {
            var item = ItemState()
            var pending: Line?
            var keyIndent: Int
            var contentStart = entry.start + sequenceIndent + 1
            while contentStart < entry.end, text[contentStart] == ScanByte.space { contentStart += 1 }
            if contentStart < entry.end, text[contentStart] == ScanByte.tab { return nil }
            if contentStart == entry.end || text[contentStart] == ScanByte.hash {
                // `-` alone: the entry's keys start on the next line.
                repeat {
                    guard let line = nextLine() else { return names }
                    pending = line
                } while pending?.isBlank == true
                keyIndent = pending?.indent ?? 0
            } else {
                keyIndent = contentStart - entry.start
                guard read(keyAt: contentStart, end: entry.end, into: &item) else { return nil }
            }
            var next: Line?
            if keyIndent > sequenceIndent {
                while let line = pending ?? nextLine() {
                    pending = nil
                    if line.isBlank { continue }
                    if item.nameJustRead {
                        item.nameJustRead = false
                        if line.indent > keyIndent { return nil }  // the name goes on over several lines
                    }
                    if line.indent > keyIndent { continue }
                    if line.tabAfterIndent { return nil }
                    if line.indent == keyIndent {
                        guard read(keyAt: line.start + keyIndent, end: line.end, into: &item) else { return nil }
                        continue
                    }
                    next = line
                    break
                }
            } else {
                next = pending  // an empty entry
            }
            if item.nameCount > 1 { return nil }
            if let name = item.name, !name.isEmpty { names.append(name) }
            guard let following = next else { return names }
            if following.indent == sequenceIndent, isSequenceEntry(at: following.start + sequenceIndent, end: following.end) {
                entry = following
                continue
            }
            if following.indent == 0 {
                position = following.start
                return names
            }
            return nil
        }
    }

    private struct ItemState {
        var name: String?
        var nameCount = 0
        var nameJustRead = false
    }

    /// One `key: value` line of a context entry; false when the scan must give up.
    private func read(keyAt start: Int, end: Int, into item: inout ItemState) -> Bool {
        guard let key = plainKey(from: start, to: end) else { return false }
        if matches(key.range, "<<") { return false }
        guard matches(key.range, "name") else { return true }
        guard let name = scalar(from: key.valueStart, to: end) else { return false }
        item.name = name
        item.nameCount += 1
        item.nameJustRead = true
        return true
    }

    // MARK: Pieces of a line

    private func isDocumentStart(_ line: Line) -> Bool {
        line.end - line.start >= 3 && text[line.start + 1] == ScanByte.dash && text[line.start + 2] == ScanByte.dash
            && (line.end - line.start == 3 || text[line.start + 3] == ScanByte.space || text[line.start + 3] == ScanByte.tab)
    }

    private func isSequenceEntry(at index: Int, end: Int) -> Bool {
        index < end && text[index] == ScanByte.dash
            && (index + 1 == end || text[index + 1] == ScanByte.space || text[index + 1] == ScanByte.tab)
    }

    private func isBlank(from start: Int, to end: Int) -> Bool {
        var index = start
        while index < end, text[index] == ScanByte.space || text[index] == ScanByte.tab { index += 1 }
        return index == end || text[index] == ScanByte.hash
    }

    /// Bytes that may not start a plain scalar or key (YAML's indicators).
    private static func isIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
             UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
             UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), ScanByte.tab, ScanByte.space:
            return true
        default:
            return false
        }
    }

    /// A plain `key:` at `start`: the key's byte range and where its value begins.
    private func plainKey(from start: Int, to end: Int) -> (range: Range<Int>, valueStart: Int)? {
        guard start < end, !Self.isIndicator(text[start]) else { return nil }
        var index = start
        while index < end {
            let byte = text[index]
            if byte == ScanByte.colon,
               index + 1 == end || text[index + 1] == ScanByte.space || text[index + 1] == ScanByte.tab {
                var keyEnd = index
                while keyEnd > start, text[keyEnd - 1] == ScanByte.space { keyEnd -= 1 }
                return (start..<keyEnd, index + 1)
            }
            if byte == ScanByte.hash, text[index - 1] == ScanByte.space || text[index - 1] == ScanByte.tab { return nil }
            index += 1
        }
        return nil
    }

    /// The value after a key up to a comment, trimmed (for `contexts: []`).
    private func valueWord(from start: Int, to end: Int) -> Range<Int> {
        var low = start
        while low < end, text[low] == ScanByte.space || text[low] == ScanByte.tab { low += 1 }
        var high = low
        while high < end, !(text[high] == ScanByte.hash && (high == low || text[high - 1] == ScanByte.space || text[high - 1] == ScanByte.tab)) {
            high += 1
        }
        while high > low, text[high - 1] == ScanByte.space || text[high - 1] == ScanByte.tab { high -= 1 }
        return low..<high
    }

    private func matches(_ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let pointer = word.utf8Start
        for offset in 0..<range.count where text[range.lowerBound + offset] != pointer[offset] { return false }
        return true
    }

    /// A scalar that must be a string and end on this line: plain, 'single' or "double" quoted.
    private func scalar(from start: Int, to end: Int) -> String? {
        var index = start
        while index < end, text[index] == ScanByte.space || text[index] == ScanByte.tab { index += 1 }
        guard index < end else { return nil }  // the value is on later lines
        let first = text[index]
        if first == ScanByte.quote || first == ScanByte.apostrophe {
            var bytes: [UInt8] = []
            guard let close = first == ScanByte.quote
                    ? QuotedScalar.double(text, from: index + 1, to: end, into: &bytes)
                    : QuotedScalar.single(text, from: index + 1, to: end, into: &bytes),
                  isBlank(from: close, to: end),
                  close == end || text[close] != ScanByte.hash else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
        if Self.isIndicator(first) { return nil }
        let range = valueWord(from: index, to: end)
        // `a: b` inside a plain value is an error a parser reports; leave it to one.
        var scan = range.lowerBound
        while scan < range.upperBound {
            if text[scan] == ScanByte.colon, scan + 1 == range.upperBound || text[scan + 1] == ScanByte.space { return nil }
            scan += 1
        }
        let value = String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
        return PlainScalar.isSurelyString(value) ? value : nil
    }
}

/// Whether a plain scalar is a string under both YAML 1.2's core schema and YAML 1.1.
enum PlainScalar {
    private static let reserved: Set<String> = [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "<<", "=",
    ]

    static func isSurelyString(_ value: String) -> Bool {
        guard let first = value.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return false  // could be a number (or .inf/.nan); let a parser decide
        default:
            return !reserved.contains(value.lowercased())
        }
    }
}

/// Quoted scalars that open and close on one line.
enum QuotedScalar {
    /// Reads after the opening `"`; returns the index after the closing quote.
    static func double(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into bytes: inout [UInt8]) -> Int? {
        var index = start
        while index < end {
            let byte = text[index]
            if byte == ScanByte.quote { return index + 1 }
            guard byte == ScanByte.backslash else {
                bytes.append(byte)
                index += 1
                continue
            }
            // Anything but a character (an escaped line break: a multi-line scalar) is for the full parser.
            guard case .character(let scalar, let length) = DoubleQuotedEscape.decode(text, at: index, end: end) else {
                return nil
            }
            bytes.append(contentsOf: String(scalar).utf8)
            index += length
        }
        return nil
    }

    /// Reads after the opening `'`; `''` is a quote. Returns the index after the closing quote.
    static func single(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into bytes: inout [UInt8]) -> Int? {
        var index = start
        while index < end {
            if text[index] == ScanByte.apostrophe {
                if index + 1 < end, text[index + 1] == ScanByte.apostrophe {
                    bytes.append(ScanByte.apostrophe)
                    index += 2
                    continue
                }
                return index + 1
            }
            bytes.append(text[index])
            index += 1
        }
        return nil
    }
}
