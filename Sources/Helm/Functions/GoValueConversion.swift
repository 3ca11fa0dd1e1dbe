import Foundation
import YAML

/// Crossing between template values and the shared `Value` model, with the
/// typing Helm's own round trips give (HELM-NOTES §2.1, §4.1):
/// - `jsonValue`: what `json.Marshal` sees (`toJson`, `toYaml`, which is JSON
///   first): ints stay ints, float64 stays float, `[]byte` becomes base64 text;
/// - `goValue(fromDecoded:)`: what sigs.k8s.io/yaml or encoding/json give
///   back (`fromYaml`, `fromJson`, values files): every number is a float64.
enum GoValueConversion {
    struct Unsupported: Error {
        var message: String
    }

    /// The value json.Marshal would write; throws for NaN/Inf, objects it cannot
    /// encode, and maps that contain themselves (Go: "encountered a cycle").
    /// With `allowNonFinite` (go-yaml v3 marshalling the value directly) NaN and ±Inf pass.
    static func jsonValue(_ v: GoValue, allowNonFinite: Bool = false) throws -> Value {
        var path = Set<ObjectIdentifier>()
        return try jsonValue(v, allowNonFinite: allowNonFinite, path: &path)
    }

    private static func jsonValue(_ v: GoValue, allowNonFinite: Bool, path: inout Set<ObjectIdentifier>) throws -> Value {
        switch v {
        case .missing, .invalid: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int64(i))
        case .int64(let i): return .int(i)
        case .float64(let d):
            guard d.isFinite || allowNonFinite else {
                throw Unsupported(message: "json: unsupported value: \(GoFloat.shortestG(d))")
            }
            return .float(d)
        case .string(let s): return .string(s)
        case .list(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try jsonValue(item, allowNonFinite: allowNonFinite, path: &path)) }
            return .sequence(out)
        case .stringList(let items): return .sequence(items.map { .string($0) })
        case .bytes(let b): return .string(Base64.encode(b))
        case .map(let m): return try jsonValue(m, allowNonFinite: allowNonFinite, path: &path)
        case .object(let o):
            switch o.shape {
            case .map(let m): return try jsonValue(m, allowNonFinite: allowNonFinite, path: &path)
            case .stringList(let items): return .sequence(items.map { .string($0) })
            case .structure:
                if let time = o as? GoTimeObject { return try time.jsonValue() }
                // Sprig's certificate struct: its two exported fields.
                if let certificate = o as? SprigCertificate {
                    return ["Cert": .string(certificate.certificate), "Key": .string(certificate.key)]
                }
                throw Unsupported(message: "json: unsupported type: \(o.goTypeName)")
            }
        default:
            throw Unsupported(message: "json: unsupported type: \(v.goTypeName)")
        }
    }

    /// Keys in map order: JSONWriter and YAMLEmitter sort them as Go does.
    private static func jsonValue(_ m: GoMap, allowNonFinite: Bool, path: inout Set<ObjectIdentifier>) throws -> Value {
        let id = ObjectIdentifier(m)
        guard path.insert(id).inserted else {
            throw Unsupported(message: "json: unsupported value: encountered a cycle via \(m.goTypeName)")
        }
        defer { path.remove(id) }
        var mapping = Mapping()
        for (key, value) in m.storage {
            mapping.append(.string(key), try jsonValue(value, allowNonFinite: allowNonFinite, path: &path))
        }
        return .mapping(mapping)
    }

    /// A decoded YAML/JSON value as Helm holds it: numbers float64, nulls nil,
    /// keys strings, maps `map[string]interface{}`.
    static func goValue(fromDecoded v: Value) throws -> GoValue {
        switch v {
        case .null: return .missing
        case .bool(let b): return .bool(b)
        case .int(let i): return .float64(Double(i))
        case .float(let d):
            // sigs.k8s.io/yaml goes through JSON, which has no NaN or infinities.
            guard d.isFinite else { throw Unsupported(message: "json: unsupported value: \(GoFloat.shortestG(d))") }
            return .float64(d)
        case .string(let s): return .string(s)
        case .sequence(let items): return .list(try items.map(goValue(fromDecoded:)))
        case .mapping(let m):
            var storage = [String: GoValue](minimumCapacity: m.count)
            for e in m.entries {
                let key: String
                switch e.key.untagged {
                case .null:
                    throw Unsupported(message: "unsupported map key of type: %!s(<nil>), key: <nil>")
                case .sequence, .mapping:
                    throw Unsupported(message: "yaml: invalid map key")
                default:
                    key = try JSONWriter.keyText(e.key)
                }
                storage[key] = try goValue(fromDecoded: e.value)
            }
            return .map(GoMap(storage))
        case .tagged(_, let inner): return try goValue(fromDecoded: inner)
        }
    }
}
