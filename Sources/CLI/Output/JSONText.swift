import YAML

/// Writes a `Value` as indented JSON (four spaces, as `kubectl -o json` does).
enum JSONText {
    static func render(_ value: Value) -> String {
        var text = ""
        write(value, indent: "", into: &text)
        return text + "\n"
    }

    private static func write(_ value: Value, indent: String, into text: inout String) {
        switch value.untagged {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .int(let number): text += String(number)
        case .float(let number): text += number.isFinite ? String(number) : "null"
        case .string(let string): quote(string, into: &text)
        case .sequence(let items):
            guard !items.isEmpty else { text += "[]"; return }
            text += "[\n"
            for (index, item) in items.enumerated() {
                text += indent + "    "
                write(item, indent: indent + "    ", into: &text)
                text += index == items.count - 1 ? "\n" : ",\n"
            }
            text += indent + "]"
        case .mapping(let mapping):
            guard !mapping.isEmpty else { text += "{}"; return }
            text += "{\n"
            for (index, entry) in mapping.enumerated() {
                text += indent + "    "
                quote(entry.key.string ?? String(describing: entry.key), into: &text)
                text += ": "
                write(entry.value, indent: indent + "    ", into: &text)
                text += index == mapping.count - 1 ? "\n" : ",\n"
            }
            text += indent + "}"
        case .tagged: text += "null"  // unreachable: `untagged` removed the tag
        }
    }

    private static func quote(_ string: String, into text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "<", ">", "&":
                // kubectl escapes these for HTML safety; keep the output identical.
                text += "\\u00" + String(scalar.value, radix: 16)
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
