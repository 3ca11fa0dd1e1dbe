/// One value model for the whole project: YAML documents, JSON bodies, Kubernetes
/// objects, kubeconfig files and Helm values all travel as `Value`.
///
/// Integers and floats stay apart (YAML's core schema and JSON both tell them
/// apart), mappings keep document order, and a custom tag (`!foo bar`) is kept
/// around the value it applies to so that it survives a round trip.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
    case sequence([Value])
    case mapping(Mapping)
    /// A node with a tag the core schema does not resolve (`!foo`, `!!set`, …).
    /// The tag is kept in full form (`tag:yaml.org,2002:set`, `!foo`).
    indirect case tagged(String, Value)
}

extension Value {
    /// The value without any custom tag around it.
    @inlinable public var untagged: Value {
        if case .tagged(_, let inner) = self { return inner.untagged }
        return self
    }

    @inlinable public var isNull: Bool {
        if case .null = untagged { return true }
        return false
    }

    @inlinable public var string: String? {
        if case .string(let s) = untagged { return s }
        return nil
    }

    @inlinable public var bool: Bool? {
        if case .bool(let b) = untagged { return b }
        return nil
    }

    @inlinable public var int: Int64? {
        switch untagged {
        case .int(let i): return i
        case .float(let d) where abs(d) < 9.2e18 && Double(Int64(d)) == d: return Int64(d)
        default: return nil
        }
    }

    @inlinable public var double: Double? {
        switch untagged {
        case .int(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }

    @inlinable public var sequence: [Value]? {
        if case .sequence(let items) = untagged { return items }
        return nil
    }

    @inlinable public var mapping: Mapping? {
        if case .mapping(let m) = untagged { return m }
        return nil
    }

    /// `value["metadata"]["name"]`: member of a mapping, or nil when this is not
    /// a mapping or has no such key.
    @inlinable public subscript(key: String) -> Value? {
        get { mapping?[key] }
        set {
            guard case .mapping(var m) = self else { return }
            self = .null  // release the storage so the mutation below stays in place
            m[key] = newValue
            self = .mapping(m)
        }
    }

    /// Element of a sequence, or nil when out of range or not a sequence.
    @inlinable public subscript(index: Int) -> Value? {
        guard let items = sequence, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// Follows a path of keys through nested mappings.
    public func value(at path: [String]) -> Value? {
        var current: Value? = self
        for key in path { current = current?[key] }
        return current
    }

    /// Sets `newValue` at a path of keys, creating mappings on the way (and
    /// replacing whatever non-mapping stands where a mapping is needed).
    public mutating func setValue(_ newValue: Value, at path: ArraySlice<String>) {
        guard let key = path.first else {
            self = newValue
            return
        }
        var mapping = self.mapping ?? Mapping()
        self = .null  // release the storage so the mutations below stay in place
        var child = mapping[key] ?? .null
        if mapping[key] != nil { mapping[key] = .null }  // keeps the key's position, frees the child
        if path.count > 1 && child.mapping == nil { child = .mapping(Mapping()) }
        child.setValue(newValue, at: path.dropFirst())
        mapping[key] = child
        self = .mapping(mapping)
    }

    /// Sets `newValue` at a path of keys; see `setValue(_:at:)`.
    public mutating func setValue(_ newValue: Value, at path: [String]) {
        setValue(newValue, at: path[...])
    }

    /// A short name for the kind of value, for error messages ("expected a mapping, found a string").
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .float: return "number"
        case .string: return "string"
        case .sequence: return "sequence"
        case .mapping: return "mapping"
        case .tagged(let tag, _): return "value tagged \(tag)"
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .sequence(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) {
        var m = Mapping()
        for (k, v) in elements { m[k] = v }
        self = .mapping(m)
    }
    public init(nilLiteral: ()) { self = .null }
}
