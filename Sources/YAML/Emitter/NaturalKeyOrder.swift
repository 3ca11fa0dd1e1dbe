/// go-yaml v2's "natural" order of mapping keys (HELM-NOTES §4.2): numbers and
/// bools by value first, then strings compared so that runs of digits sort as
/// numbers (`a9` < `a10`), letters after other characters (`_x` < `B` < `a`).
/// `toYaml` and `kubectl get -o yaml` print keys in this order.
enum NaturalKeyOrder {
    /// A key prepared once for many comparisons.
    struct SortKey {
        /// Go's reflect.Kind rank (int 2, float64 14, nil interface 20, string 24, …): kinds sort by it.
        var kindRank: Int
        /// For numbers and bools (go-yaml's keyFloat).
        var number: Double?
        var numberKindRank: Int
        var numberExact: Value
        var scalars: [UInt32]

        init(_ key: Value) {
            scalars = []
            number = nil
            numberKindRank = 0
            numberExact = key
            switch key.untagged {
            case .bool(let b):
                kindRank = 1; number = b ? 1 : 0; numberKindRank = 1
            case .int(let i):
                kindRank = 2; number = Double(i); numberKindRank = 2
            case .float(let d):
                kindRank = 14; number = d; numberKindRank = 14
            case .string(let s):
                kindRank = 24
                scalars.reserveCapacity(s.utf8.count)
                for u in s.unicodeScalars { scalars.append(u.value) }
            case .null:
                kindRank = 20
            case .mapping:
                kindRank = 21
            case .sequence:
                kindRank = 23
            case .tagged:
                kindRank = 25
            }
        }
    }

    /// go-yaml v2's keyList.Less; `v3` adds go-yaml v3's rule that after a common
    /// digit a letter sorts before a non-letter.
    static func less(_ a: SortKey, _ b: SortKey, v3: Bool = false) -> Bool {
        if let af = a.number, let bf = b.number {
            if af != bf { return af < bf }
            if a.numberKindRank != b.numberKindRank { return a.numberKindRank < b.numberKindRank }
            switch (a.numberExact.untagged, b.numberExact.untagged) {
            case (.int(let x), .int(let y)): return x < y
            case (.bool(let x), .bool(let y)): return !x && y
            default: return false
            }
        }
        if a.kindRank != 24 || b.kindRank != 24 { return a.kindRank < b.kindRank }
        return lessStrings(a.scalars, b.scalars, v3: v3)
    }

    static func lessStrings(_ ar: [UInt32], _ br: [UInt32], v3: Bool = false) -> Bool {
        lessCodes(ar, br, v3: v3)
    }

    /// The comparison on code points (UInt32) or, for ASCII keys, on bytes.
    @inline(__always)
    static func lessCodes<C: RandomAccessCollection>(_ ar: C, _ br: C, v3: Bool) -> Bool
    where C.Element: FixedWidthInteger & UnsignedInteger, C.Index == Int {
        let n = min(ar.count, br.count)
        var i = 0
        var afterDigit = false
        while i < n {
            let x = UInt32(ar[ar.startIndex + i]), y = UInt32(br[br.startIndex + i])
            if x == y {
                afterDigit = isDigit(x)
                i += 1
                continue
            }
            let al = isLetter(x), bl = isLetter(y)
            if al && bl { return x < y }
            if al || bl { return v3 && afterDigit ? al : bl }
            var an: Int64 = 0, bn: Int64 = 0
            if x == 48 || y == 48 {
                var j = i - 1
                while j >= 0, isDigit(UInt32(ar[ar.startIndex + j])) {
                    if ar[ar.startIndex + j] != 48 {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count, isDigit(UInt32(ar[ar.startIndex + ai])) {
                an = an &* 10 &+ (Int64(ar[ar.startIndex + ai]) &- 48)
                ai += 1
            }
            var bi = i
            while bi < br.count, isDigit(UInt32(br[br.startIndex + bi])) {
                bn = bn &* 10 &+ (Int64(br[br.startIndex + bi]) &- 48)
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return x < y
        }
        return ar.count < br.count
    }

    /// Go's unicode.IsLetter (general category L).
    @inline(__always) static func isLetter(_ c: UInt32) -> Bool {
        if c < 0x80 { return (c | 0x20) >= 97 && (c | 0x20) <= 122 }
        guard let u = Unicode.Scalar(c) else { return false }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Go's unicode.IsDigit (general category Nd).
    @inline(__always) static func isDigit(_ c: UInt32) -> Bool {
        if c < 0x80 { return c >= 48 && c <= 57 }
        guard let u = Unicode.Scalar(c) else { return false }
        return u.properties.generalCategory == .decimalNumber
    }

    /// The mapping's entries in natural key order (go-yaml v3's variant with `v3`).
    static func sorted(_ entries: [Mapping.Entry], v3: Bool = false) -> [Mapping.Entry] {
        guard let order = order(entries, v3: v3) else { return entries }
        return order.map { entries[$0] }
    }

    /// The positions of the entries in natural key order; nil when they are in order already.
    static func order(_ entries: [Mapping.Entry], v3: Bool) -> [Int]? {
        let n = entries.count
        if n < 2 { return nil }
        // Fast path, almost always taken: every key an ASCII string, compared as bytes.
        var bytes: [UInt8] = []
        var bounds: [Int] = [0]
        bounds.reserveCapacity(n + 1)
        var ascii = true
        for e in entries {
            guard case .string(var s) = e.key else {
                ascii = false
                break
            }
            ascii = s.withUTF8 { buf in
                if buf.contains(where: { $0 >= 0x80 }) { return false }
                bytes.append(contentsOf: buf)
                return true
            }
            if !ascii { break }
            bounds.append(bytes.count)
        }
        if ascii {
            return bytes.withUnsafeBufferPointer { all -> [Int]? in
                func key(_ i: Int) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: all[bounds[i]..<bounds[i + 1]])
                }
                var inOrder = true
                for i in 1..<n where lessASCII(key(i), key(i - 1), v3: v3) {
                    inOrder = false
                    break
                }
                if inOrder { return nil }
                return (0..<n).sorted { lessASCII(key($0), key($1), v3: v3) }
            }
        }
        let keys = entries.map { SortKey($0.key) }
        return entries.indices.sorted { less(keys[$0], keys[$1], v3: v3) }
    }

    /// `lessStrings` for ASCII-only keys, on their bytes.
    static func lessASCII(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, v3: Bool) -> Bool {
        lessCodes(a, b, v3: v3)
    }
}
