/// Go's `fmt` for template values: `Sprint`, `Sprintf`, `Sprintln` and the
/// `%v` that `{{ x }}`, `print`, `toString`, `quote` and `cat` rely on.
///
/// Every verb, flag, width and precision behaves as in Go, including the
/// in-band mistakes (`%!d(float64=3)`, `%!s(MISSING)`, `%!(EXTRA int=2)`),
/// because charts print them and Helm's output keeps them (HELM-NOTES §1.8, §1.9).
public enum GoFormat {
    /// `fmt.Sprint`: a space between two operands when neither is a string.
    public static func sprint(_ arguments: [GoValue]) -> String {
        var printer = GoPrinter()
        var previousIsString = false
        for (index, argument) in arguments.enumerated() {
            let isString = argument.isStringKind
            if index > 0 && !isString && !previousIsString { printer.buffer.append(UInt8(ascii: " ")) }
            printer.printArgument(argument, UInt8(ascii: "v"))
            previousIsString = isString
        }
        return printer.text
    }

    /// `fmt.Sprintln`: operands separated by spaces, then a newline.
    public static func sprintln(_ arguments: [GoValue]) -> String {
        var printer = GoPrinter()
        for (index, argument) in arguments.enumerated() {
            if index > 0 { printer.buffer.append(UInt8(ascii: " ")) }
            printer.printArgument(argument, UInt8(ascii: "v"))
        }
        printer.buffer.append(UInt8(ascii: "\n"))
        return printer.text
    }

    /// `fmt.Sprintf`.
    public static func sprintf(_ format: String, _ arguments: [GoValue]) -> String {
        var printer = GoPrinter()
        printer.printf(Array(format.utf8), arguments)
        return printer.text
    }

    /// `%v` of one value (`fmt.Sprint(x)`): what `toString` returns. Nil is `<nil>`.
    public static func string(_ value: GoValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .float64(let d): return GoFloatFormat.format(d, "g")
        default:
            var printer = GoPrinter()
            printer.printArgument(value, UInt8(ascii: "v"))
            return printer.text
        }
    }
}

extension GoValue {
    /// True when the value's kind is string (what `fmt.Sprint` checks between operands).
    var isStringKind: Bool {
        if case .string = self { return true }
        return false
    }
}

/// Go's `fmt` flags for one verb.
struct GoFormatFlags {
    var width = 0
    var precision = 0
    var widthPresent = false
    var precisionPresent = false
    var minus = false
    var plus = false
    var sharp = false
    var space = false
    var zero = false
    /// `%+v`: struct field names.
    var plusV = false
    /// `%#v`: Go syntax.
    var sharpV = false
}

/// One formatting run (Go's `pp` and `fmt` types): a byte buffer and the current flags.
struct GoPrinter {
    var buffer: [UInt8] = []
    var flags = GoFormatFlags()

    var text: String { String(decoding: buffer, as: UTF8.self) }

    static let lowerDigits = Array("0123456789abcdefx".utf8)
    static let upperDigits = Array("0123456789ABCDEFX".utf8)

    // MARK: Padding

    mutating func writePadding(_ n: Int) {
        guard n > 0 else { return }
        let pad = flags.zero ? UInt8(ascii: "0") : UInt8(ascii: " ")
        buffer.append(contentsOf: repeatElement(pad, count: n))
    }

    /// Pads `bytes` to the width (counted in runes), on the left unless `-`.
    mutating func pad(_ bytes: [UInt8]) {
        if !flags.widthPresent || flags.width == 0 {
            buffer.append(contentsOf: bytes)
            return
        }
        let width = runeCount(bytes)
        if !flags.minus {
            writePadding(flags.width - width)
            buffer.append(contentsOf: bytes)
        } else {
            buffer.append(contentsOf: bytes)
            writePadding(flags.width - width)
        }
    }

    mutating func padString(_ s: String) { pad(Array(s.utf8)) }

    func runeCount(_ bytes: [UInt8]) -> Int {
        var n = 0
        for b in bytes where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    // MARK: Arguments

    /// Go's `printArg`: a top-level operand.
    mutating func printArgument(_ argument: GoValue, _ verb: UInt8) {
        if argument.isNil {
            if verb == UInt8(ascii: "T") || verb == UInt8(ascii: "v") {
                padString("<nil>")
            } else {
                badVerb(verb, argument)
            }
            return
        }
        if verb == UInt8(ascii: "T") {
            formatString(argument.goTypeName)
            return
        }
        if verb == UInt8(ascii: "p") {
            formatPointer(argument, verb)
            return
        }
        printValue(argument, verb, depth: 0)
    }

    /// Go's `printValue`: `depth` > 0 inside collections.
    mutating func printValue(_ value: GoValue, _ verb: UInt8, depth: Int) {
        switch value {
        case .missing, .invalid:
            // A nil interface inside a collection.
            if flags.sharpV {
                buffer.append(contentsOf: "interface {}(nil)".utf8)
            } else {
                buffer.append(contentsOf: "<nil>".utf8)
            }
        case .bool(let b):
            if verb == UInt8(ascii: "t") || verb == UInt8(ascii: "v") {
                padString(b ? "true" : "false")
            } else {
                badVerb(verb, value)
            }
        case .int(let i): formatInteger(UInt64(bitPattern: Int64(i)), signed: true, verb, value)
        case .int64(let i): formatInteger(UInt64(bitPattern: i), signed: true, verb, value)
        case .float64(let d): formatFloat(d, verb, value)
        case .complex128(let re, let im): formatComplex(re, im, verb, value)
        case .string(let s): formatStringVerb(s, verb, value)
        case .bytes(let bytes): formatBytes(bytes, verb, typeName: depth == 0 ? "[]byte" : "[]uint8", value)
        case .list(let items):
            if verb == UInt8(ascii: "p") {
                formatPointer(value, verb)
                return
            }
            printSequence(items.count, typeName: "[]interface {}", verb: verb) { printer, index in
                printer.printValue(items[index], verb, depth: depth + 1)
            }
        case .stringList(let items):
            if verb == UInt8(ascii: "p") {
                formatPointer(value, verb)
                return
            }
            printSequence(items.count, typeName: "[]string", verb: verb) { printer, index in
                printer.formatStringVerb(items[index], verb, .string(items[index]))
            }
        case .map(let map):
            printMap(map, typeName: map.goTypeName, verb: verb, depth: depth)
        case .object(let object):
            printObject(object, verb, depth: depth)
        }
    }

    mutating func printSequence(
        _ count: Int, typeName: String, verb: UInt8, element: (inout GoPrinter, Int) -> Void
    ) {
        if flags.sharpV {
            buffer.append(contentsOf: typeName.utf8)
            buffer.append(UInt8(ascii: "{"))
            for index in 0..<count {
                if index > 0 { buffer.append(contentsOf: ", ".utf8) }
                element(&self, index)
            }
            buffer.append(UInt8(ascii: "}"))
        } else {
            buffer.append(UInt8(ascii: "["))
            for index in 0..<count {
                if index > 0 { buffer.append(UInt8(ascii: " ")) }
                element(&self, index)
            }
            buffer.append(UInt8(ascii: "]"))
        }
    }

    mutating func printMap(_ map: GoMap, typeName: String, verb: UInt8, depth: Int) {
        if verb == UInt8(ascii: "p") {
            formatPointer(.map(map), verb)
            return
        }
        if flags.sharpV {
            buffer.append(contentsOf: typeName.utf8)
            buffer.append(UInt8(ascii: "{"))
        } else {
            buffer.append(contentsOf: "map[".utf8)
        }
        for (index, key) in map.sortedKeys.enumerated() {
            if index > 0 {
                if flags.sharpV { buffer.append(contentsOf: ", ".utf8) } else { buffer.append(UInt8(ascii: " ")) }
            }
            formatStringVerb(key, verb, .string(key))
            buffer.append(UInt8(ascii: ":"))
            printValue(map.storage[key] ?? .missing, verb, depth: depth + 1)
        }
        buffer.append(flags.sharpV ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    /// What text/template's `{{ x }}` prints for an object: a pointer is
    /// followed first (so `{{ .Capabilities }}` shows the struct, not `&{…}`).
    mutating func printDereferenced(_ object: any GoObject) {
        if case .structure(let fields, _) = object.shape, object.goTypeName.hasPrefix("*") {
            buffer.append(UInt8(ascii: "{"))
            for (index, field) in fields.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: " ")) }
                printValue(field, UInt8(ascii: "v"), depth: 1)
            }
            buffer.append(UInt8(ascii: "}"))
            return
        }
        printObject(object, UInt8(ascii: "v"), depth: 0)
    }

    mutating func printObject(_ object: any GoObject, _ verb: UInt8, depth: Int) {
        // time.Time's String method has a value receiver, so Go's handleMethods
        // uses it for the string verbs wherever the value sits.
        if let time = object as? GoTimeObject {
            if flags.sharpV {
                buffer.append(contentsOf: time.time.goString.utf8)
                return
            }
            if Array("vsxXq".utf8).contains(verb) {
                let text = time.time.string
                formatStringVerb(text, verb, .string(text))
                return
            }
        }
        switch object.shape {
        case .map(let map):
            printMap(map, typeName: object.goTypeName, verb: verb, depth: depth)
        case .stringList(let items):
            printSequence(items.count, typeName: object.goTypeName, verb: verb) { printer, index in
                printer.formatStringVerb(items[index], verb, .string(items[index]))
            }
        case .structure(let fields, _):
            let isPointer = object.goTypeName.hasPrefix("*")
            if isPointer && depth > 0 {
                // Go prints a pointer inside a collection as its address.
                formatPointer(.object(object), UInt8(ascii: "p"))
                return
            }
            if isPointer { buffer.append(UInt8(ascii: "&")) }
            if flags.sharpV {
                buffer.append(contentsOf: (isPointer ? String(object.goTypeName.dropFirst()) : object.goTypeName).utf8)
            }
            buffer.append(UInt8(ascii: "{"))
            let names = object.fieldNames
            let withNames = (flags.plusV || flags.sharpV) && names.count == fields.count
            for (index, field) in fields.enumerated() {
                if index > 0 {
                    if flags.sharpV { buffer.append(contentsOf: ", ".utf8) } else { buffer.append(UInt8(ascii: " ")) }
                }
                if withNames {
                    buffer.append(contentsOf: names[index].utf8)
                    buffer.append(UInt8(ascii: ":"))
                }
                printValue(field, verb, depth: depth + 1)
            }
            buffer.append(UInt8(ascii: "}"))
        }
    }

    /// `%!verb(type=value)`
    mutating func badVerb(_ verb: UInt8, _ value: GoValue) {
        badVerb(bytes: [verb], value)
    }

    /// `%!verb(type=value)` for a verb of any rune (its UTF-8 bytes).
    mutating func badVerb(bytes verb: [UInt8], _ value: GoValue) {
        buffer.append(contentsOf: "%!".utf8)
        buffer.append(contentsOf: verb)
        buffer.append(UInt8(ascii: "("))
        if value.isNil {
            buffer.append(contentsOf: "<nil>".utf8)
        } else {
            buffer.append(contentsOf: value.goTypeName.utf8)
            buffer.append(UInt8(ascii: "="))
            printArgument(value, UInt8(ascii: "v"))
        }
        buffer.append(UInt8(ascii: ")"))
    }

    /// `%p`: the address of a map, object or list; a mistake for anything else.
    mutating func formatPointer(_ value: GoValue, _ verb: UInt8) {
        let address: UInt?
        switch value {
        case .map(let map): address = UInt(bitPattern: ObjectIdentifier(map).hashValue)
        case .object(let object): address = UInt(bitPattern: ObjectIdentifier(object).hashValue)
        case .list(let items): address = items.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        default: address = nil
        }
        guard let address, verb == UInt8(ascii: "p") || verb == UInt8(ascii: "v") else {
            badVerb(verb, value)
            return
        }
        let savedSharp = flags.sharp
        flags.sharp = true
        formatInteger(UInt64(address), base: 16, signed: false, verb: UInt8(ascii: "v"), digits: GoPrinter.lowerDigits)
        flags.sharp = savedSharp
    }
}
