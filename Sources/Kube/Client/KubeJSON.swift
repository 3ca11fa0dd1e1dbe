import Foundation
import YAML

/// JSON bodies in and out of the API server.
///
/// Writes with the YAML module's `JSONWriter`. Reads through Foundation's
/// JSONSerialization until the YAML module's own JSON reader lands; then
/// `decode` forwards to it.
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

    /// A compact request body in document order. Fails only for NaN or
    /// infinite numbers and non-scalar mapping keys, which JSON cannot hold.
    static func encode(_ value: Value) throws(EncodingError) -> [UInt8] {
        do {
            return try JSONWriter.bytes(value, options: .requestBody)
        } catch {
            throw EncodingError(message: "\(error)")
        }
    }

    struct EncodingError: Error, Equatable {
        var message: String
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
}
