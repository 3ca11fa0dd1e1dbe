/// Go's reference-time layouts (`2006-01-02T15:04:05Z07:00`, `Mon Jan _2`,
/// `.000`, `MST`, …): splitting a layout into literal text and elements as
/// Go's `nextStdChunk` does, and `Time.Format`.
enum GoTimeLayout {
    /// One element of a layout.
    enum Element: Equatable {
        case longMonth, month, numMonth, zeroMonth
        case longWeekDay, weekDay
        case day, underDay, zeroDay, underYearDay, zeroYearDay
        case hour, hour12, zeroHour12, minute, zeroMinute, second, zeroSecond
        case longYear, year
        case pm, lowerPM
        case zoneName
        /// Numeric offsets; `iso` prints `Z` for UTC.
        case offset(iso: Bool, colons: Bool, seconds: Bool, short: Bool)
        /// `.000`/`,999`: `digits` places, `trim` for nines, `separator` `.` or `,`.
        case fraction(digits: Int, trim: Bool, separator: UInt8)
    }

    /// The text before the first element, the element, and the rest (nil when there is none).
    static func nextChunk(_ layout: ArraySlice<UInt8>) -> (prefix: ArraySlice<UInt8>, element: Element?, text: ArraySlice<UInt8>, rest: ArraySlice<UInt8>) {
        let start = layout.startIndex
        var i = start
        func at(_ k: Int) -> UInt8? { k < layout.endIndex ? layout[k] : nil }
        func has(_ k: Int, _ s: String) -> Bool {
            let b = Array(s.utf8)
            guard k + b.count <= layout.endIndex else { return false }
            return layout[k..<(k + b.count)].elementsEqual(b)
        }
        func lowerAt(_ k: Int) -> Bool { at(k).map { $0 >= 0x61 && $0 <= 0x7A } ?? false }
        func found(_ e: Element, _ from: Int, _ length: Int) -> (ArraySlice<UInt8>, Element?, ArraySlice<UInt8>, ArraySlice<UInt8>) {
            (layout[start..<from], e, layout[from..<(from + length)], layout[(from + length)...])
        }
        while i < layout.endIndex {
            switch layout[i] {
            case UInt8(ascii: "J"):
                if has(i, "Jan") {
                    if has(i, "January") { return found(.longMonth, i, 7) }
                    if !lowerAt(i + 3) { return found(.month, i, 3) }
                }
            case UInt8(ascii: "M"):
                if has(i, "Mon") {
                    if has(i, "Monday") { return found(.longWeekDay, i, 6) }
                    if !lowerAt(i + 3) { return found(.weekDay, i, 3) }
                }
                if has(i, "MST") { return found(.zoneName, i, 3) }
            case UInt8(ascii: "0"):
                if let next = at(i + 1), next >= UInt8(ascii: "1"), next <= UInt8(ascii: "6") {
                    let elements: [Element] = [.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year]
                    return found(elements[Int(next - UInt8(ascii: "1"))], i, 2)
                }
                if has(i, "002") { return found(.zeroYearDay, i, 3) }
            case UInt8(ascii: "1"):
                if at(i + 1) == UInt8(ascii: "5") { return found(.hour, i, 2) }
                return found(.numMonth, i, 1)
            case UInt8(ascii: "2"):
                if has(i, "2006") { return found(.longYear, i, 4) }
                return found(.day, i, 1)
            case UInt8(ascii: "_"):
                if at(i + 1) == UInt8(ascii: "2") {
                    if has(i + 1, "2006") { return found(.longYear, i + 1, 4) }
                    return found(.underDay, i, 2)
                }
                if has(i, "__2") { return found(.underYearDay, i, 3) }
            case UInt8(ascii: "3"): return found(.hour12, i, 1)
            case UInt8(ascii: "4"): return found(.minute, i, 1)
            case UInt8(ascii: "5"): return found(.second, i, 1)
            case UInt8(ascii: "P"):
                if at(i + 1) == UInt8(ascii: "M") { return found(.pm, i, 2) }
            case UInt8(ascii: "p"):
                if at(i + 1) == UInt8(ascii: "m") { return found(.lowerPM, i, 2) }
            case UInt8(ascii: "-"), UInt8(ascii: "Z"):
                let iso = layout[i] == UInt8(ascii: "Z")
                if has(i + 1, "070000") { return found(.offset(iso: iso, colons: false, seconds: true, short: false), i, 7) }
                if has(i + 1, "07:00:00") { return found(.offset(iso: iso, colons: true, seconds: true, short: false), i, 9) }
                if has(i + 1, "0700") { return found(.offset(iso: iso, colons: false, seconds: false, short: false), i, 5) }
                if has(i + 1, "07:00") { return found(.offset(iso: iso, colons: true, seconds: false, short: false), i, 6) }
                if has(i + 1, "07") { return found(.offset(iso: iso, colons: false, seconds: false, short: true), i, 3) }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if let digit = at(i + 1), digit == UInt8(ascii: "0") || digit == UInt8(ascii: "9") {
                    var j = i + 1
                    while j < layout.endIndex && layout[j] == digit { j += 1 }
                    if !(at(j).map { $0 >= 0x30 && $0 <= 0x39 } ?? false) {
                        return found(.fraction(digits: j - i - 1, trim: digit == UInt8(ascii: "9"), separator: layout[i]), i, j - i)
                    }
                }
            default:
                break
            }
            i += 1
        }
        return (layout, nil, layout[layout.endIndex...], layout[layout.endIndex...])
    }

    static let longDayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let longMonthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    /// `t.Format(layout)`.
    static func format(_ time: GoTime, _ layout: String) -> String {
        let c = time.civil
        var out: [UInt8] = []
        var rest = ArraySlice(Array(layout.utf8))
        func number(_ value: Int64, width: Int) {
            if value < 0 { out.append(UInt8(ascii: "-")) }
            let digits = String(value.magnitude)
            if digits.utf8.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.utf8.count)) }
            out.append(contentsOf: digits.utf8)
        }
        func number(_ value: Int, width: Int) { number(Int64(value), width: width) }
        while !rest.isEmpty {
            let chunk = nextChunk(rest)
            out.append(contentsOf: chunk.prefix)
            guard let element = chunk.element else { break }
            rest = chunk.rest
            let hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12
            switch element {
            case .year: number(Int64(c.year.magnitude % 100), width: 2)
            case .longYear: number(c.year, width: 4)
            case .month: out.append(contentsOf: longMonthNames[c.month - 1].utf8.prefix(3))
            case .longMonth: out.append(contentsOf: longMonthNames[c.month - 1].utf8)
            case .numMonth: number(c.month, width: 0)
            case .zeroMonth: number(c.month, width: 2)
            case .weekDay: out.append(contentsOf: longDayNames[c.weekday].utf8.prefix(3))
            case .longWeekDay: out.append(contentsOf: longDayNames[c.weekday].utf8)
            case .day: number(c.day, width: 0)
            case .underDay:
                if c.day < 10 { out.append(UInt8(ascii: " ")) }
                number(c.day, width: 0)
            case .zeroDay: number(c.day, width: 2)
            case .underYearDay:
                if c.yearDay < 100 { out.append(UInt8(ascii: " ")) }
                if c.yearDay < 10 { out.append(UInt8(ascii: " ")) }
                number(c.yearDay, width: 0)
            case .zeroYearDay: number(c.yearDay, width: 3)
            case .hour: number(c.hour, width: 2)
            case .hour12: number(hour12, width: 0)
            case .zeroHour12: number(hour12, width: 2)
            case .minute: number(c.minute, width: 0)
            case .zeroMinute: number(c.minute, width: 2)
            case .second: number(c.second, width: 0)
            case .zeroSecond: number(c.second, width: 2)
            case .pm: out.append(contentsOf: (c.hour >= 12 ? "PM" : "AM").utf8)
            case .lowerPM: out.append(contentsOf: (c.hour >= 12 ? "pm" : "am").utf8)
            case .offset(let iso, let colons, let withSeconds, let short):
                if iso && c.offset == 0 {
                    out.append(UInt8(ascii: "Z"))
                    break
                }
                let minutes = abs(c.offset / 60)
                out.append(c.offset / 60 < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                number(minutes / 60, width: 2)
                if colons { out.append(UInt8(ascii: ":")) }
                if !short { number(minutes % 60, width: 2) }
                if withSeconds {
                    if colons { out.append(UInt8(ascii: ":")) }
                    number(abs(c.offset) % 60, width: 2)
                }
            case .zoneName:
                if !c.zoneName.isEmpty {
                    out.append(contentsOf: c.zoneName.utf8)
                    break
                }
                let minutes = c.offset / 60
                out.append(minutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                number(abs(minutes) / 60, width: 2)
                number(abs(minutes) % 60, width: 2)
            case .fraction(let digits, let trim, let separator):
                out.append(contentsOf: fraction(time.nanoseconds, digits: digits, trim: trim, separator: separator))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `appendNano`.
    private static func fraction(_ nanoseconds: Int64, digits: Int, trim: Bool, separator: UInt8) -> [UInt8] {
        if trim && (digits == 0 || nanoseconds == 0) { return [] }
        let text = String(nanoseconds)
        var b = [separator] + Array(repeating: UInt8(ascii: "0"), count: 9 - text.utf8.count) + Array(text.utf8)
        if digits < 9 { b.removeLast(9 - digits) }
        if trim {
            while b.last == UInt8(ascii: "0") { b.removeLast() }
            if b.last == separator { b.removeLast() }
        }
        return b
    }
}
