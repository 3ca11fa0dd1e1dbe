/// The tables a TOML document builds while it is read, kept the way
/// BurntSushi/toml keeps them, because which documents it rejects follows
/// from that bookkeeping: tables made implicitly (by `[a.b]` or `a.b = 1`)
/// may be defined once more, keys whose value is an array may be replaced,
/// and everything else is defined once.
final class TOMLTable {
    var entries: [String: TOMLNode] = [:]
}

/// An array of tables (`[[x]]`), whose last table is where keys go.
final class TOMLTableArray {
    var tables: [TOMLTable] = []
}

enum TOMLNode {
    case table(TOMLTable)
    case tableArray(TOMLTableArray)
    /// Any other value, inline tables in arrays included.
    case value(GoValue)
}

/// The reading state that decides where a key goes: the root, the current
/// table path (`context`), the key being defined, the implicitly made tables
/// and the keys that hold arrays, both by their dotted names.
struct TOMLTables {
    let root = TOMLTable()
    var context: [String] = []
    var currentKey = ""
    private var implicit: Set<String> = []
    private var arrays: Set<String> = []

    /// What a failed definition says (the reader adds the line).
    struct Refusal: Error {
        var message: String
    }

    /// A dotted key as BurntSushi prints it: bare parts as they are, others quoted.
    static func name(_ key: [String]) -> String {
        key.map { part in
            if part.isEmpty { return "\"\"" }
            let bare = part.unicodeScalars.allSatisfy { u in
                ("A"..."Z").contains(u) || ("a"..."z").contains(u) || ("0"..."9").contains(u) || u == "_" || u == "-"
            }
            return bare ? part : TOMLEncoder.quoted(part)
        }.joined(separator: ".")
    }

    /// The full name of what is being defined, for error messages (`last key`).
    var current: String {
        if currentKey.isEmpty { return Self.name(context) }
        if context.isEmpty { return currentKey }
        return Self.name(context) + "." + currentKey
    }

    mutating func markImplicit(_ key: [String]) { implicit.insert(Self.name(key)) }

    /// Records the kind of value `key` (in the current context) got: arrays
    /// may be redefined by later headers, other values not.
    mutating func setKind(_ key: String, isArray: Bool) {
        var full = context
        if !key.isEmpty { full.append(key) }
        let name = full.isEmpty ? "\"\"" : Self.name(full)
        if isArray { arrays.insert(name) } else { arrays.remove(name) }
    }

    /// Makes `key` the current table (`[key]`, `[[key]]`, a dotted key's parent,
    /// an inline table), creating implicit parents and checking redefinitions.
    mutating func enter(_ key: [String], array: Bool) throws {
        var table = root
        var path: [String] = []
        for part in key.dropLast() {
            path.append(part)
            if table.entries[part] == nil {
                markImplicit(path)
                table.entries[part] = .table(TOMLTable())
            }
            switch table.entries[part] {
            case .tableArray(let list)?: table = list.tables[list.tables.count - 1]
            case .table(let t)?: table = t
            default: throw Refusal(message: "Key '\(Self.name(path))' was already created as a hash.")
            }
        }
        context = path
        let last = key[key.count - 1]
        if array {
            if table.entries[last] == nil { table.entries[last] = .tableArray(TOMLTableArray()) }
            guard case .tableArray(let list)? = table.entries[last] else {
                throw Refusal(message: "Key '\(Self.name(key))' was already created and cannot be used as an array.")
            }
            list.tables.append(TOMLTable())
        } else {
            try set(last, .table(TOMLTable()))
        }
        context.append(last)
    }

    /// `enter` for a parent of a dotted key: the table is implicit.
    mutating func enterImplicit(_ key: [String]) throws {
        markImplicit(key)
        try enter(key, array: false)
    }

    /// Defines `key` in the current context. A key already there may be
    /// defined again only when it was made implicitly (then the existing table
    /// stays) or when it holds an array that was made implicitly (then it is replaced).
    mutating func set(_ key: String, _ node: TOMLNode) throws {
        var table = root
        var path: [String] = []
        for part in context {
            path.append(part)
            switch table.entries[part] {
            case .tableArray(let list)?: table = list.tables[list.tables.count - 1]
            case .table(let t)?: table = t
            default: throw Refusal(message: "Key '\(Self.name(path))' has already been defined.")
            }
        }
        path.append(key)
        let name = Self.name(path)
        if table.entries[key] != nil {
            if arrays.contains(name) {
                guard implicit.contains(name) else { throw Refusal(message: "Key '\(name)' has already been defined.") }
                implicit.remove(name)
                table.entries[key] = node
                return
            }
            guard implicit.contains(name) else { throw Refusal(message: "Key '\(name)' has already been defined.") }
            implicit.remove(name)
            return
        }
        table.entries[key] = node
    }

    /// The document as Helm's `fromToml` returns it.
    static func goValue(_ table: TOMLTable) -> GoValue {
        var storage: [String: GoValue] = [:]
        for (key, node) in table.entries {
            switch node {
            case .table(let t): storage[key] = goValue(t)
            case .tableArray(let list): storage[key] = .list(list.tables.map(goValue))
            case .value(let v): storage[key] = v
            }
        }
        return .map(GoMap(storage))
    }
}
