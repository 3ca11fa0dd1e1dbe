/// Go's `strings` package and the goutils helpers Sprig calls, with their
/// exact edge cases: byte offsets, simple (one-to-one) case mapping, Go's
/// definition of white space, `Split` with an empty separator.
enum GoText {
    // MARK: Case

    static func mapScalars(_ s: String, _ f: (Unicode.Scalar) -> Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(f(u)) }
        return String(out)
    }

    /// One-to-one mapping only, as Go's unicode.ToUpper/ToLower/ToTitle (ß stays ß).
    private static func simple(_ mapped: String, _ u: Unicode.Scalar) -> Unicode.Scalar {
        let scalars = mapped.unicodeScalars
        if scalars.count == 1, let first = scalars.first { return first }
        return u
    }

    static func toUpper(_ u: Unicode.Scalar) -> Unicode.Scalar {
        if u.isASCII { return u >= "a" && u <= "z" ? Unicode.Scalar(u.value - 32)! : u }
        return simple(u.properties.uppercaseMapping, u)
    }

    static func toLower(_ u: Unicode.Scalar) -> Unicode.Scalar {
        if u.isASCII { return u >= "A" && u <= "Z" ? Unicode.Scalar(u.value + 32)! : u }
        return simple(u.properties.lowercaseMapping, u)
    }

    static func toTitle(_ u: Unicode.Scalar) -> Unicode.Scalar {
        if u.isASCII { return toUpper(u) }
        return simple(u.properties.titlecaseMapping, u)
    }

    /// Go's unicode.IsSpace.
    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        case 0..<0x100: return false
        default: return u.properties.isWhitespace
        }
    }

    static func isLetter(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// strings.Title: upper-case (title-case) the first letter of every word.
    static func title(_ s: String) -> String {
        var previous: Unicode.Scalar = " "
        return mapScalars(s) { u in
            defer { previous = u }
            return isWordSeparator(previous) ? toTitle(u) : u
        }
    }

    private static func isWordSeparator(_ u: Unicode.Scalar) -> Bool {
        if u.isASCII {
            switch u {
            case "0"..."9", "a"..."z", "A"..."Z", "_": return false
            default: return true
            }
        }
        if isLetter(u) || u.properties.generalCategory == .decimalNumber { return false }
        return isSpace(u)
    }

    /// goutils.Uncapitalize: lower-case the first character of every space-separated word.
    static func untitle(_ s: String) -> String {
        var next = true
        return mapScalars(s) { u in
            if isSpace(u) {
                next = true
                return u
            }
            if next {
                next = false
                return toLower(u)
            }
            return u
        }
    }

    /// goutils.SwapCase.
    static func swapCase(_ s: String) -> String {
        var whitespace = true
        return mapScalars(s) { u in
            switch u.properties.generalCategory {
            case .uppercaseLetter, .titlecaseLetter:
                whitespace = false
                return toLower(u)
            case .lowercaseLetter:
                defer { whitespace = false }
                return whitespace ? toTitle(u) : toUpper(u)
            default:
                whitespace = isSpace(u)
                return u
            }
        }
    }

    // MARK: Trimming and searching

    static func trimSpace(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, isSpace(scalars[start]) { start += 1 }
        while end > start, isSpace(scalars[end - 1]) { end -= 1 }
        if start == 0 && end == scalars.count { return s }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    /// strings.Trim: drop leading and trailing characters found in `cutset`.
    static func trim(_ s: String, cutset: String) -> String {
        let cut = Set(cutset.unicodeScalars)
        let scalars = Array(s.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, cut.contains(scalars[start]) { start += 1 }
        while end > start, cut.contains(scalars[end - 1]) { end -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    static func hasSuffix(_ s: String, _ suffix: String) -> Bool {
        s.utf8.count >= suffix.utf8.count && s.utf8.reversed().starts(with: suffix.utf8.reversed())
    }

    /// Byte offset of the first occurrence of `needle` in `haystack`.
    static func index(of needle: String, in haystack: String) -> Int? {
        let h = Array(haystack.utf8), n = Array(needle.utf8)
        return index(of: n, in: h, from: 0)
    }

    static func index(of n: [UInt8], in h: [UInt8], from: Int) -> Int? {
        if n.isEmpty { return from }
        guard h.count >= n.count else { return nil }
        return h.withUnsafeBufferPointer { hb in
            n.withUnsafeBufferPointer { nb -> Int? in
                let first = nb[0]
                var i = from
                let last = hb.count - nb.count
                while i <= last {
                    if hb[i] == first {
                        var k = 1
                        while k < nb.count, hb[i + k] == nb[k] { k += 1 }
                        if k == nb.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    /// strings.Replace(s, old, new, -1); an empty `old` matches before every character and at the end.
    static func replaceAll(_ s: String, _ old: String, with new: String) -> String {
        if old.isEmpty {
            var out = new
            for c in s.unicodeScalars {
                out.unicodeScalars.append(c)
                out += new
            }
            return out
        }
        let h = Array(s.utf8), n = Array(old.utf8), r = Array(new.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(h.count)
        var i = 0
        while let at = index(of: n, in: h, from: i) {
            out.append(contentsOf: h[i..<at])
            out.append(contentsOf: r)
            i = at + n.count
        }
        if i == 0 { return s }
        out.append(contentsOf: h[i...])
        return String(decoding: out, as: UTF8.self)
    }

    /// strings.SplitN (limit < 0: all parts; 0: none). An empty separator splits into characters.
    static func split(_ s: String, separator: String, limit: Int) -> [String] {
        if limit == 0 { return [] }
        if separator.isEmpty {
            var parts = s.unicodeScalars.map { String($0) }
            if limit > 0 && parts.count > limit {
                let rest = parts[(limit - 1)...].joined()
                parts = Array(parts[..<(limit - 1)]) + [rest]
            }
            return parts
        }
        let h = Array(s.utf8), n = Array(separator.utf8)
        var parts: [String] = []
        var i = 0
        while limit < 0 || parts.count < limit - 1, let at = index(of: n, in: h, from: i) {
            parts.append(String(decoding: h[i..<at], as: UTF8.self))
            i = at + n.count
        }
        parts.append(String(decoding: h[i...], as: UTF8.self))
        return parts
    }

    /// Sprig's substr on bytes; out-of-range bounds fail as Go's slicing panics.
    static func substring(_ s: String, start: Int, end: Int) throws -> String {
        let b = Array(s.utf8)
        func slice(_ lo: Int, _ hi: Int) throws -> String {
            if hi > b.count { throw Fn.fail("runtime error: slice bounds out of range [:\(hi)] with length \(b.count)") }
            if lo > hi { throw Fn.fail("runtime error: slice bounds out of range [\(lo):\(hi)]") }
            return String(decoding: b[lo..<hi], as: UTF8.self)
        }
        if start < 0 {
            if end < 0 { throw Fn.fail("runtime error: slice bounds out of range [:\(end)]") }
            return try slice(0, end)
        }
        if end < 0 || end > b.count {
            if start > b.count { throw Fn.fail("runtime error: slice bounds out of range [\(start):\(b.count)]") }
            return try slice(start, b.count)
        }
        return try slice(start, end)
    }

    // MARK: goutils (byte-oriented)

    private static func byteIsSpace(_ b: UInt8) -> Bool {
        (b >= 0x09 && b <= 0x0D) || b == 0x20 || b == 0x85 || b == 0xA0
    }

    /// goutils.DeleteWhiteSpace: looks at bytes, each taken as a Latin-1 character.
    static func deleteWhiteSpace(_ s: String) -> String {
        let bytes = Array(s.utf8)
        guard bytes.contains(where: byteIsSpace) else { return s }
        var out = String.UnicodeScalarView()
        for b in bytes where !byteIsSpace(b) { out.append(Unicode.Scalar(b)) }
        return String(out)
    }

    /// goutils.Initials: the first byte (as a Latin-1 character) of each space-separated word.
    static func initials(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasGap = true
        for b in s.utf8 {
            if byteIsSpace(b) {
                lastWasGap = true
            } else if lastWasGap {
                out.append(Unicode.Scalar(b))
                lastWasGap = false
            }
        }
        return String(out)
    }

    /// goutils.AbbreviateFull; nil where it reports an error.
    static func abbreviate(_ s: String, offset startOffset: Int, maxWidth: Int) -> String? {
        let b = Array(s.utf8)
        if b.isEmpty { return "" }
        if maxWidth < 4 { return nil }
        if b.count <= maxWidth { return s }
        var offset = min(startOffset, b.count)
        if b.count - offset < maxWidth - 3 { offset = b.count - (maxWidth - 3) }
        if offset <= 4 { return String(decoding: b[0..<(maxWidth - 3)], as: UTF8.self) + "..." }
        if maxWidth < 7 { return nil }
        if offset + maxWidth - 3 < b.count {
            let rest = String(decoding: b[offset...], as: UTF8.self)
            return "..." + (abbreviate(rest, offset: 0, maxWidth: maxWidth - 3) ?? "")
        }
        return "..." + String(decoding: b[(b.count - (maxWidth - 3))...], as: UTF8.self)
    }

    /// goutils.WrapCustom.
    static func wrap(_ s: String, length: Int, newline: String, wrapLongWords: Bool) -> String {
        let str = Array(s.utf8)
        if str.isEmpty { return "" }
        let nl = Array((newline.isEmpty ? "\n" : newline).utf8)
        let width = max(length, 1)
        var out: [UInt8] = []
        var offset = 0
        let space = UInt8(ascii: " ")
        while str.count - offset > width {
            if str[offset] == space {
                offset += 1
                continue
            }
            let end = width + offset + 1
            if let at = str[offset..<end].lastIndex(of: space) {
                out.append(contentsOf: str[offset..<at])
                out.append(contentsOf: nl)
                offset = at + 1
            } else if wrapLongWords {
                out.append(contentsOf: str[offset..<(offset + width)])
                out.append(contentsOf: nl)
                offset += width
            } else if let at = str[(offset + width)...].firstIndex(of: space) {
                out.append(contentsOf: str[offset..<at])
                out.append(contentsOf: nl)
                offset = at + 1
            } else {
                out.append(contentsOf: str[offset...])
                offset = str.count
            }
        }
        out.append(contentsOf: str[offset...])
        return String(decoding: out, as: UTF8.self)
    }
}
