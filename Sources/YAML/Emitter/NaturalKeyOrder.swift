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
        let n = min(ar.count, br.count)
        var i = 0
        var afterDigit = false
        while i < n {
            let x = ar[i], y = br[i]
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
                while j >= 0, isDigit(ar[j]) {
                    if ar[j] != 48 {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count, isDigit(ar[ai]) {
                an = an &* 10 &+ (Int64(ar[ai]) &- 48)
                ai += 1
            }
            var bi = i
            while bi < br.count, isDigit(br[bi]) {
                bn = bn &* 10 &+ (Int64(br[bi]) &- 48)
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
        if entries.count < 2 { return entries }
        let keys = entries.map { SortKey($0.key) }
        let order = entries.indices.sorted { less(keys[$0], keys[$1], v3: v3) }
        return order.map { entries[$0] }
    }
}
