/// An ordered mapping: keys keep the order they were inserted in (document order
/// for parsed YAML), and each key appears once.
///
/// Small mappings (the vast majority in Kubernetes objects) are searched
/// linearly; a hash index is built once a mapping grows past `indexThreshold`.
public struct Mapping: Sendable, Hashable, RandomAccessCollection {
    public struct Entry: Sendable, Hashable {
        public var key: Value
        public var value: Value
        @inlinable public init(key: Value, value: Value) {
            self.key = key
            self.value = value
        }
    }

    @usableFromInline static let indexThreshold = 12

    @usableFromInline var storage: [Entry]
    public var entries: [Entry] { storage }
    @usableFromInline var index: [Value: Int]?

    @inlinable public init() {
        storage = []
        index = nil
    }

    public init<S: Sequence>(_ pairs: S) where S.Element == (Value, Value) {
        self.init()
        for (k, v) in pairs { self[k] = v }
    }

    // MARK: Collection

    public var startIndex: Int { storage.startIndex }
    public var endIndex: Int { storage.endIndex }
    public subscript(position: Int) -> Entry { storage[position] }

    public var keys: [Value] { storage.map(\.key) }
    public var values: [Value] { storage.map(\.value) }

    // MARK: Lookup

    /// Position of `key`, if present.
    @inlinable public func position(of key: Value) -> Int? {
        if let index { return index[key] }
        for i in storage.indices where storage[i].key == key { return i }
        return nil
    }

    @inlinable public func position(ofString key: String) -> Int? {
        if let index { return index[.string(key)] }
        for i in storage.indices {
            if case .string(let s) = storage[i].key, s == key { return i }
        }
        return nil
    }

    @inlinable public subscript(key: Value) -> Value? {
        get { position(of: key).map { storage[$0].value } }
        set {
            if let newValue { set(key, newValue) } else { remove(key) }
        }
    }

    @inlinable public subscript(key: String) -> Value? {
        get { position(ofString: key).map { storage[$0].value } }
        set {
            if let newValue { set(.string(key), newValue) } else { remove(.string(key)) }
        }
    }

    public func contains(_ key: String) -> Bool { position(ofString: key) != nil }

    // MARK: Mutation

    /// Sets `value` for `key`: replaces in place if present, appends otherwise.
    @inlinable public mutating func set(_ key: Value, _ value: Value) {
        if let i = position(of: key) {
            storage[i].value = value
        } else {
            append(key, value)
        }
    }

    /// Appends a key known to be absent (the parser checks for duplicates first).
    @inlinable public mutating func append(_ key: Value, _ value: Value) {
        storage.append(Entry(key: key, value: value))
        if index != nil {
            index![key] = storage.count - 1
        } else if storage.count > Mapping.indexThreshold {
            buildIndex()
        }
    }

    /// Inserts a new key; returns false (and changes nothing) when it is already present.
    @inlinable public mutating func insertNew(_ key: Value, _ value: Value) -> Bool {
        if position(of: key) != nil { return false }
        append(key, value)
        return true
    }

    @discardableResult
    public mutating func remove(_ key: Value) -> Value? {
        guard let i = position(of: key) else { return nil }
        let old = storage.remove(at: i).value
        if index != nil { buildIndex() }
        return old
    }

    @discardableResult
    public mutating func remove(_ key: String) -> Value? { remove(.string(key)) }

    @usableFromInline mutating func buildIndex() {
        var built = [Value: Int](minimumCapacity: storage.count * 2)
        for (i, e) in storage.enumerated() { built[e.key] = i }
        index = built
    }

    // MARK: Equality ignores the index (it is derived state).

    public static func == (a: Mapping, b: Mapping) -> Bool { a.storage == b.storage }
    public func hash(into hasher: inout Hasher) { hasher.combine(storage) }
}

extension Mapping: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init()
        for (k, v) in elements { self[k] = v }
    }
}
