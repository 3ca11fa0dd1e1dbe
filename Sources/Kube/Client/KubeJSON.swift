import Foundation
import YAML

/// JSON bodies in and out of the API server.
///
/// Bridges Foundation's JSONSerialization to `Value` until the YAML module's
/// own JSON reader and writer land; then this file forwards to them.
enum KubeJSON {
    struct DecodingError: Error, Equatable {
        var message: String
    }

    static func decode(_ bytes: [UInt8]) throws(DecodingError) -> Value {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw DecodingError(message: "not valid JSON (\(bytes.count) bytes)")
        }
        return value(from: object)
    }

    static func encode(_ value: Value) -> [UInt8] {
        var out = [UInt8]()
        write(value, into: &out)
        return out
    }

    private static func value(from object: Any) -> Value {
        switch object {
        case is NSNull:
            return .null
        case let string as String:
            return .string(string)
        case let number as NSNumber:
            let type = String(cString: number.objCType)
            if type == "c" || type == "B" { return .bool(number.boolValue) }
            if type == "d" || type == "f" { return .float(number.doubleValue) }
            return .int(number.int64Value)
        case let array as [Any]:
            return .sequence(array.map(value(from:)))
        case let dictionary as [String: Any]:
            var mapping = Mapping()
            for key in dictionary.keys.sorted() { mapping[key] = value(from: dictionary[key] as Any) }
            return .mapping(mapping)
        default:
            return .null
        }
    }

    private static func write(_ value: Value, into out: inout [UInt8]) {
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .int(let i): out += Array(String(i).utf8)
        case .float(let d):
            if d.isFinite { out += Array((d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)).utf8) }
            else { out += Array("null".utf8) }
        case .string(let s): writeString(s, into: &out)
        case .sequence(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .mapping(let mapping):
            out.append(UInt8(ascii: "{"))
            for (index, entry) in mapping.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                let key: String
                switch entry.key.untagged {
                case .string(let s): key = s
                case .int(let i): key = String(i)
                case .bool(let b): key = b ? "true" : "false"
                default: key = "\(entry.key)"
                }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(entry.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .tagged(_, let inner): write(inner, into: &out)
        }
    }

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let hex = Array("0123456789abcdef".utf8)
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
