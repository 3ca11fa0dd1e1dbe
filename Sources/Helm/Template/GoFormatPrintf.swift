/// Go's `fmt.Sprintf` format parsing: flags, `[n]` argument indexes, `*`
/// widths and precisions, and the in-band reports of mistakes.
extension GoPrinter {
    mutating func printf(_ format: [UInt8], _ arguments: [GoValue]) {
        let end = format.count
        var argNum = 0
        var afterIndex = false
        var reordered = false
        var i = 0
        formatLoop: while i < end {
            var goodArgNum = true
            let lasti = i
            while i < end && format[i] != UInt8(ascii: "%") { i += 1 }
            if i > lasti { buffer.append(contentsOf: format[lasti..<i]) }
            if i >= end { break }
            i += 1  // skip %
            flags = GoFormatFlags()
            simpleFormat: while i < end {
                let c = format[i]
                switch c {
                case UInt8(ascii: "#"): flags.sharp = true
                case UInt8(ascii: "0"): flags.zero = !flags.minus
                case UInt8(ascii: "+"): flags.plus = true
                case UInt8(ascii: "-"):
                    flags.minus = true
                    flags.zero = false
                case UInt8(ascii: " "): flags.space = true
                default:
                    if c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") && argNum < arguments.count {
                        if c == UInt8(ascii: "v") { moveSharpAndPlusToV() }
                        printArgument(arguments[argNum], c)
                        argNum += 1
                        i += 1
                        continue formatLoop
                    }
                    break simpleFormat
                }
                i += 1
            }

            // Argument index, width.
            (argNum, i, afterIndex) = argumentNumber(argNum, format, i, arguments.count, &goodArgNum, &reordered)
            if i < end && format[i] == UInt8(ascii: "*") {
                i += 1
                (flags.width, flags.widthPresent, argNum) = intFromArgument(arguments, argNum)
                if !flags.widthPresent { buffer.append(contentsOf: "%!(BADWIDTH)".utf8) }
                if flags.width < 0 {
                    flags.width = -flags.width
                    flags.minus = true
                    flags.zero = false
                }
                afterIndex = false
            } else {
                (flags.width, flags.widthPresent, i) = parseNumber(format, i, end)
                if afterIndex && flags.widthPresent { goodArgNum = false }
            }

            // Precision.
            if i + 1 < end && format[i] == UInt8(ascii: ".") {
                i += 1
                if afterIndex { goodArgNum = false }
                (argNum, i, afterIndex) = argumentNumber(argNum, format, i, arguments.count, &goodArgNum, &reordered)
                if i < end && format[i] == UInt8(ascii: "*") {
                    i += 1
                    (flags.precision, flags.precisionPresent, argNum) = intFromArgument(arguments, argNum)
                    if flags.precision < 0 {
                        flags.precision = 0
                        flags.precisionPresent = false
                    }
                    if !flags.precisionPresent { buffer.append(contentsOf: "%!(BADPREC)".utf8) }
                    afterIndex = false
                } else {
                    (flags.precision, flags.precisionPresent, i) = parseNumber(format, i, end)
                    if !flags.precisionPresent {
                        flags.precision = 0
                        flags.precisionPresent = true
                    }
                }
            }

            if !afterIndex {
                (argNum, i, afterIndex) = argumentNumber(argNum, format, i, arguments.count, &goodArgNum, &reordered)
            }

            if i >= end {
                buffer.append(contentsOf: "%!(NOVERB)".utf8)
                break
            }

            // The verb may be any rune.
            var verbBytes: [UInt8] = [format[i]]
            var verb = format[i]
            i += 1
            if verb >= 0x80 {
                while i < end && format[i] & 0xC0 == 0x80 {
                    verbBytes.append(format[i])
                    i += 1
                }
                verb = 0
            }

            if verbBytes == [UInt8(ascii: "%")] {
                buffer.append(UInt8(ascii: "%"))
            } else if !goodArgNum {
                appendMistake(verbBytes, "BADINDEX")
            } else if argNum >= arguments.count {
                appendMistake(verbBytes, "MISSING")
            } else if verb == 0 {
                // A non-ASCII verb is never valid.
                badVerb(bytes: verbBytes, arguments[argNum])
                argNum += 1
            } else {
                if verb == UInt8(ascii: "v") { moveSharpAndPlusToV() }
                printArgument(arguments[argNum], verb)
                argNum += 1
            }
        }

        if !reordered && argNum < arguments.count {
            flags = GoFormatFlags()
            buffer.append(contentsOf: "%!(EXTRA ".utf8)
            for (index, argument) in arguments[argNum...].enumerated() {
                if index > 0 { buffer.append(contentsOf: ", ".utf8) }
                if argument.isNil {
                    buffer.append(contentsOf: "<nil>".utf8)
                } else {
                    buffer.append(contentsOf: argument.goTypeName.utf8)
                    buffer.append(UInt8(ascii: "="))
                    printArgument(argument, UInt8(ascii: "v"))
                }
            }
            buffer.append(UInt8(ascii: ")"))
        }
    }

    /// `%#v` is Go syntax and `%+v` names struct fields: both move to their own flags.
    private mutating func moveSharpAndPlusToV() {
        flags.sharpV = flags.sharp
        flags.sharp = false
        flags.plusV = flags.plus
        flags.plus = false
    }

    private mutating func appendMistake(_ verb: [UInt8], _ what: String) {
        buffer.append(contentsOf: "%!".utf8)
        buffer.append(contentsOf: verb)
        buffer.append(UInt8(ascii: "("))
        buffer.append(contentsOf: what.utf8)
        buffer.append(UInt8(ascii: ")"))
    }

    /// `[n]` argument index (one-based); sets `goodArgNum` false when it is out of range or malformed.
    private func argumentNumber(
        _ argNum: Int, _ format: [UInt8], _ i: Int, _ count: Int, _ goodArgNum: inout Bool, _ reordered: inout Bool
    ) -> (Int, Int, Bool) {
        guard i < format.count, format[i] == UInt8(ascii: "[") else { return (argNum, i, false) }
        reordered = true
        let (index, width, ok) = parseArgumentNumber(format, i)
        if ok && index >= 0 && index < count { return (index, i + width, true) }
        goodArgNum = false
        return (argNum, i + width, ok)
    }

    private func parseArgumentNumber(_ format: [UInt8], _ start: Int) -> (Int, Int, Bool) {
        if format.count - start < 3 { return (0, 1, false) }
        var j = start + 1
        while j < format.count {
            if format[j] == UInt8(ascii: "]") {
                let (value, ok, next) = parseNumber(format, start + 1, j)
                if !ok || next != j { return (0, j - start + 1, false) }
                return (value - 1, j - start + 1, true)
            }
            j += 1
        }
        return (0, 1, false)
    }

    /// Decimal digits from `start` (Go's `parsenum`); numbers over a million are rejected.
    private func parseNumber(_ s: [UInt8], _ start: Int, _ end: Int) -> (Int, Bool, Int) {
        if start >= end { return (0, false, end) }
        var number = 0
        var isNumber = false
        var i = start
        while i < end && s[i] >= UInt8(ascii: "0") && s[i] <= UInt8(ascii: "9") {
            if number > 1_000_000 { return (0, false, end) }
            number = number * 10 + Int(s[i] - UInt8(ascii: "0"))
            isNumber = true
            i += 1
        }
        return (number, isNumber, i)
    }

    /// A `*` width or precision: the argument must be an integer.
    private func intFromArgument(_ arguments: [GoValue], _ argNum: Int) -> (Int, Bool, Int) {
        guard argNum < arguments.count else { return (0, false, argNum) }
        var number = 0
        var isInt = false
        switch arguments[argNum] {
        case .int(let i):
            number = i
            isInt = true
        case .int64(let i):
            number = Int(i)
            isInt = true
        default: break
        }
        if number > 1_000_000 || number < -1_000_000 { return (0, false, argNum + 1) }
        return (number, isInt, argNum + 1)
    }
}
