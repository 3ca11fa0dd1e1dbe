import YAML

/// JSON bodies in and out of the API server, through the YAML module's
/// reader and writer (objects keep their key order both ways).
enum KubeJSON {
    struct DecodingError: Error, Equatable {
        var message: String
    }

    struct EncodingError: Error, Equatable {
        var message: String
    }

    static func decode(_ bytes: [UInt8]) throws(DecodingError) -> Value {
        do {
            return try JSON.parse(bytes, duplicateKeys: .lastWins)
        } catch {
            throw DecodingError(message: "\(error)")
        }
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
}
