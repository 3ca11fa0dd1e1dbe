/// Go's `fmt` for scalars: integers, floats, complex numbers, strings and byte slices.
extension GoPrinter {
    // MARK: Integers

    mutating func formatInteger(_ v: UInt64, signed: Bool, _ verb: UInt8, _ original: GoValue) {
        switch verb {
        case UInt8(ascii: "v"), UInt8(ascii: "d"):
            formatInteger(v, base: 10, signed: signed, verb: verb, digits: GoPrinter.lowerDigits)
        case UInt8(ascii: "b"):
            formatInteger(v, base: 2, signed: signed, verb: verb, digits: GoPrinter.lowerDigits)
        case UInt8(ascii: "o"), UInt8(ascii: "O"):
            formatInteger(v, base: 8, signed: signed, verb: verb, digits: GoPrinter.lowerDigits)
        case UInt8(ascii: "x"):
            formatInteger(v, base: 16, signed: signed, verb: verb, digits: GoPrinter.lowerDigits)
        case UInt8(ascii: "X"):
            formatInteger(v, base: 16, signed: signed, verb: verb, digits: GoPrinter.upperDigits)
        case UInt8(ascii: "c"):
            var r = v
            if r > 0x10FFFF || (0xD800...0xDFFF).contains(r) { r = 0xFFFD }
            var bytes: [UInt8] = []
            GoQuote.appendUTF8(UInt32(r), to: &bytes)
            pad(bytes)
        case UInt8(ascii: "q"):
            var bytes: [UInt8] = []
            GoQuote.appendQuotedRune(v, asciiOnly: flags.plus, to: &bytes)
            pad(bytes)
        case UInt8(ascii: "U"):
            formatUnicode(v)
        default:
            badVerb(verb, original)
        }
    }

    /// Go's `fmt.fmtInteger`: sign, base prefix, precision and zero padding.
    mutating func formatInteger(_ value: UInt64, base: UInt64, signed: Bool, verb: UInt8, digits: [UInt8]) {
        var u = value
        let negative = signed && Int64(bitPattern: value) < 0
        if negative { u = 0 &- u }
        var prec = 0
        if flags.precisionPresent {
            prec = flags.precision
            if prec == 0 && u == 0 {
                let savedZero = flags.zero
                flags.zero = false
                writePadding(flags.width)
                flags.zero = savedZero
                return
            }
        } else if flags.zero && !flags.minus && flags.widthPresent {
            prec = flags.width
            if negative || flags.plus || flags.space { prec -= 1 }
        }
        var reversed: [UInt8] = []
        while u >= base {
            reversed.append(digits[Int(u % base)])
            u /= base
        }
        reversed.append(digits[Int(u)])
        while reversed.count < prec { reversed.append(UInt8(ascii: "0")) }
        if flags.sharp {
            switch base {
            case 2:
                reversed.append(UInt8(ascii: "b"))
                reversed.append(UInt8(ascii: "0"))
            case 8:
                if reversed.last != UInt8(ascii: "0") { reversed.append(UInt8(ascii: "0")) }
            case 16:
                reversed.append(digits[16])
                reversed.append(UInt8(ascii: "0"))
            default: break
            }
        }
        if verb == UInt8(ascii: "O") {
            reversed.append(UInt8(ascii: "o"))
            reversed.append(UInt8(ascii: "0"))
        }
        if negative {
            reversed.append(UInt8(ascii: "-"))
        } else if flags.plus {
            reversed.append(UInt8(ascii: "+"))
        } else if flags.space {
            reversed.append(UInt8(ascii: " "))
        }
        let savedZero = flags.zero
        flags.zero = false
        pad(reversed.reversed())
        flags.zero = savedZero
    }

    /// `%U`: `U+0041`, and with `#` also the quoted character.
    mutating func formatUnicode(_ value: UInt64) {
        var prec = 4
        if flags.precisionPresent && flags.precision > 4 { prec = flags.precision }
        var hex: [UInt8] = []
        var u = value
        repeat {
            hex.append(GoPrinter.upperDigits[Int(u & 0xF)])
            u >>= 4
            prec -= 1
        } while u != 0
        while prec > 0 {
            hex.append(UInt8(ascii: "0"))
            prec -= 1
        }
        var bytes: [UInt8] = Array("U+".utf8) + hex.reversed()
        if flags.sharp && value <= 0x10FFFF && GoQuote.isPrint(UInt32(value)) {
            bytes.append(contentsOf: " '".utf8)
            GoQuote.appendUTF8(UInt32(value), to: &bytes)
            bytes.append(UInt8(ascii: "'"))
        }
        let savedZero = flags.zero
        flags.zero = false
        pad(bytes)
        flags.zero = savedZero
    }

    // MARK: Floats

    mutating func formatFloat(_ v: Double, _ verb: UInt8, _ original: GoValue) {
        switch verb {
        case UInt8(ascii: "v"):
            formatFloat(v, format: UInt8(ascii: "g"), precision: -1)
        case UInt8(ascii: "b"), UInt8(ascii: "g"), UInt8(ascii: "G"), UInt8(ascii: "x"), UInt8(ascii: "X"):
            formatFloat(v, format: verb, precision: -1)
        case UInt8(ascii: "f"), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "F"):
            formatFloat(v, format: verb == UInt8(ascii: "F") ? UInt8(ascii: "f") : verb, precision: 6)
        default:
            badVerb(verb, original)
        }
    }

    /// Go's `fmt.fmtFloat`: sign handling, `#` (keep the point and zeros), Inf/NaN padding.
    mutating func formatFloat(_ v: Double, format: UInt8, precision defaultPrecision: Int) {
        let prec = flags.precisionPresent ? flags.precision : defaultPrecision
        var num: [UInt8] = [UInt8(ascii: "+")]
        GoFloatFormat.append(v, Character(Unicode.Scalar(format)), precision: prec, to: &num)
        if num[1] == UInt8(ascii: "-") || num[1] == UInt8(ascii: "+") {
            num.removeFirst()
        }
        if flags.space && num[0] == UInt8(ascii: "+") && !flags.plus { num[0] = UInt8(ascii: " ") }
        if num[1] == UInt8(ascii: "I") || num[1] == UInt8(ascii: "N") {
            let savedZero = flags.zero
            flags.zero = false
            if num[1] == UInt8(ascii: "N") && !flags.space && !flags.plus { num.removeFirst() }
            pad(num)
            flags.zero = savedZero
            return
        }
        if flags.sharp && format != UInt8(ascii: "b") {
            var digits = 0
            switch format {
            case UInt8(ascii: "v"), UInt8(ascii: "g"), UInt8(ascii: "G"), UInt8(ascii: "x"):
                digits = prec
                if digits == -1 { digits = 6 }
            default: break
            }
            var tail: [UInt8] = []
            var hasPoint = false
            var sawNonzero = false
            var i = 1
            while i < num.count {
                let c = num[i]
                if c == UInt8(ascii: ".") {
                    hasPoint = true
                } else if c == UInt8(ascii: "p") || c == UInt8(ascii: "P") {
                    tail = Array(num[i...])
                    num.removeSubrange(i...)
                    break
                } else if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E"))
                    && format != UInt8(ascii: "x") && format != UInt8(ascii: "X")
                {
                    tail = Array(num[i...])
                    num.removeSubrange(i...)
                    break
                } else {
                    if c != UInt8(ascii: "0") { sawNonzero = true }
                    if sawNonzero { digits -= 1 }
                }
                i += 1
            }
            if !hasPoint {
                if num.count == 2 && num[1] == UInt8(ascii: "0") { digits -= 1 }
                num.append(UInt8(ascii: "."))
            }
            while digits > 0 {
                num.append(UInt8(ascii: "0"))
                digits -= 1
            }
            num.append(contentsOf: tail)
        }
        if flags.plus || num[0] != UInt8(ascii: "+") {
            if flags.zero && !flags.minus && flags.widthPresent && flags.width > num.count {
                buffer.append(num[0])
                writePadding(flags.width - num.count)
                buffer.append(contentsOf: num[1...])
                return
            }
            pad(num)
            return
        }
        pad(Array(num[1...]))
    }

    mutating func formatComplex(_ re: Double, _ im: Double, _ verb: UInt8, _ original: GoValue) {
        switch verb {
        case UInt8(ascii: "v"), UInt8(ascii: "b"), UInt8(ascii: "g"), UInt8(ascii: "G"), UInt8(ascii: "x"),
            UInt8(ascii: "X"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "e"), UInt8(ascii: "E"):
            let savedPlus = flags.plus
            buffer.append(UInt8(ascii: "("))
            formatFloat(re, verb, original)
            flags.plus = true
            formatFloat(im, verb, original)
            buffer.append(contentsOf: "i)".utf8)
            flags.plus = savedPlus
        default:
            badVerb(verb, original)
        }
    }

    // MARK: Strings and bytes

    mutating func formatStringVerb(_ s: String, _ verb: UInt8, _ original: GoValue) {
        switch verb {
        case UInt8(ascii: "v"):
            if flags.sharpV { formatQuoted(s) } else { formatString(s) }
        case UInt8(ascii: "s"): formatString(s)
        case UInt8(ascii: "x"): formatHex(Array(s.utf8), digits: GoPrinter.lowerDigits)
        case UInt8(ascii: "X"): formatHex(Array(s.utf8), digits: GoPrinter.upperDigits)
        case UInt8(ascii: "q"): formatQuoted(s)
        default: badVerb(verb, original)
        }
    }

    /// `%s`: truncated to the precision (in runes), then padded.
    mutating func formatString(_ s: String) {
        if flags.precisionPresent {
            var truncated: [UInt8] = []
            var runes = 0
            for b in s.utf8 {
                if b & 0xC0 != 0x80 {
                    if runes == flags.precision { break }
                    runes += 1
                }
                truncated.append(b)
            }
            pad(truncated)
        } else {
            padString(s)
        }
    }

    mutating func formatQuoted(_ original: String) {
        var s = original
        if flags.precisionPresent {
            s = String(s.unicodeScalars.prefix(flags.precision).map(Character.init))
        }
        if flags.sharp && GoQuote.canBackquote(s) {
            padString("`" + s + "`")
        } else if flags.plus {
            padString(GoQuote.quoteToASCII(s))
        } else {
            padString(GoQuote.quote(s))
        }
    }

    /// `%x` of a string or byte slice: two hex digits per byte, `% x` separates, `#` prefixes.
    mutating func formatHex(_ bytes: [UInt8], digits: [UInt8]) {
        var length = bytes.count
        if flags.precisionPresent && flags.precision < length { length = flags.precision }
        var width = 2 * length
        if width > 0 {
            if flags.space {
                if flags.sharp { width *= 2 }
                width += length - 1
            } else if flags.sharp {
                width += 2
            }
        } else {
            if flags.widthPresent { writePadding(flags.width) }
            return
        }
        if flags.widthPresent && flags.width > width && !flags.minus { writePadding(flags.width - width) }
        if flags.sharp {
            buffer.append(UInt8(ascii: "0"))
            buffer.append(digits[16])
        }
        for i in 0..<length {
            if flags.space && i > 0 {
                buffer.append(UInt8(ascii: " "))
                if flags.sharp {
                    buffer.append(UInt8(ascii: "0"))
                    buffer.append(digits[16])
                }
            }
            buffer.append(digits[Int(bytes[i] >> 4)])
            buffer.append(digits[Int(bytes[i] & 0xF)])
        }
        if flags.widthPresent && flags.width > width && flags.minus { writePadding(flags.width - width) }
    }

    mutating func formatBytes(_ bytes: [UInt8], _ verb: UInt8, typeName: String, _ original: GoValue) {
        switch verb {
        case UInt8(ascii: "v"), UInt8(ascii: "d"):
            if flags.sharpV {
                buffer.append(contentsOf: typeName.utf8)
                buffer.append(UInt8(ascii: "{"))
                let savedSharp = flags.sharp
                flags.sharp = true
                for (index, byte) in bytes.enumerated() {
                    if index > 0 { buffer.append(contentsOf: ", ".utf8) }
                    formatInteger(UInt64(byte), base: 16, signed: false, verb: UInt8(ascii: "v"), digits: GoPrinter.lowerDigits)
                }
                flags.sharp = savedSharp
                buffer.append(UInt8(ascii: "}"))
            } else {
                buffer.append(UInt8(ascii: "["))
                for (index, byte) in bytes.enumerated() {
                    if index > 0 { buffer.append(UInt8(ascii: " ")) }
                    formatInteger(UInt64(byte), base: 10, signed: false, verb: verb, digits: GoPrinter.lowerDigits)
                }
                buffer.append(UInt8(ascii: "]"))
            }
        case UInt8(ascii: "s"): formatString(String(decoding: bytes, as: UTF8.self))
        case UInt8(ascii: "x"): formatHex(bytes, digits: GoPrinter.lowerDigits)
        case UInt8(ascii: "X"): formatHex(bytes, digits: GoPrinter.upperDigits)
        case UInt8(ascii: "q"): formatQuoted(String(decoding: bytes, as: UTF8.self))
        default:
            // Each byte on its own, as a uint8.
            buffer.append(UInt8(ascii: "["))
            for (index, byte) in bytes.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: " ")) }
                formatUint8(byte, verb)
            }
            buffer.append(UInt8(ascii: "]"))
        }
    }

    private mutating func formatUint8(_ byte: UInt8, _ verb: UInt8) {
        switch verb {
        case UInt8(ascii: "b"), UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "c"), UInt8(ascii: "U"):
            formatInteger(UInt64(byte), signed: false, verb, .int(Int(byte)))
        default:
            buffer.append(contentsOf: "%!".utf8)
            buffer.append(verb)
            buffer.append(contentsOf: "(uint8=".utf8)
            buffer.append(contentsOf: String(byte).utf8)
            buffer.append(UInt8(ascii: ")"))
        }
    }
}
