/// A set of named templates sharing one function table (Go's `*template.Template`
/// with its associated templates).
///
/// Helm parses every template file of a chart and its subcharts into one set,
/// so a `define` anywhere is visible everywhere; a later file's non-empty
/// definition replaces an earlier one (HELM-NOTES §5.3).
public final class TemplateSet {
    var trees: [String: TemplateTree]
    let functions: [String: TemplateFunction]
    /// The name of the set's root template: Helm's is `gotpl`. `tpl` texts are
    /// parsed under it, and `include` of an unknown name reports it.
    public let rootName: String

    /// A set whose templates may call `functions` and Go's builtins.
    public init(functions: [TemplateFunction], rootName: String = "gotpl") {
        var table: [String: TemplateFunction] = [:]
        for function in functions { table[function.name] = function }
        self.functions = table
        self.trees = [:]
        self.rootName = rootName
    }

    /// A set whose templates may call the functions of `functionTable` (by name) and Go's builtins.
    public init(functionTable: [String: TemplateFunction], rootName: String = "gotpl") {
        self.functions = functionTable
        self.trees = [:]
        self.rootName = rootName
    }

    private init(copying other: TemplateSet) {
        trees = other.trees
        functions = other.functions
        rootName = other.rootName
    }

    /// A copy whose later definitions do not affect this set (what `tpl` parses into).
    func clone() -> TemplateSet { TemplateSet(copying: self) }

    /// Whether `name` can be called in an action: a table function or a Go builtin.
    func isFunction(_ name: String) -> Bool {
        functions[name] != nil || Builtins.isBuiltin(name)
    }

    /// Parses `text` as the template `name` and adds it and its `define`s to the set.
    /// Throws a `TemplateError` of kind `.parse`.
    public func parse(name: String, text: String) throws {
        let parsed = try TemplateParser.parse(name: name, text: text, isFunction: { [functions] candidate in
            functions[candidate] != nil || Builtins.isBuiltin(candidate)
        })
        for tree in parsed {
            if tree.name != name, let existing = trees[tree.name], tree.isEmpty {
                _ = existing  // an empty redefinition never replaces a template
                continue
            }
            trees[tree.name] = tree
        }
    }

    /// Whether a template of that name exists.
    public func contains(_ name: String) -> Bool { trees[name] != nil }

    /// The names of all templates in the set, sorted.
    public var names: [String] { trees.keys.sorted(by: goStringLess) }

    /// Executes template `name` with `data` as dot and `$`, in a fresh execution.
    public func execute(_ name: String, data: GoValue, environment: TemplateEnvironment = .system()) throws -> String {
        try LargeStack.run { try TemplateExecution(set: self, environment: environment).execute(name, data: data) }
    }
}

/// One rendering pass over a template set: the runtime function bodies see.
///
/// Helm's `include` nesting counter is shared by every template executed in
/// one render, and by the sets `tpl` clones.
public final class TemplateExecution: TemplateRuntime {
    let set: TemplateSet
    private let includeCounts: IncludeCounts
    public let environment: TemplateEnvironment

    /// Helm allows this many nested `include`s of one name.
    static let maximumIncludeDepth = 1000

    public convenience init(set: TemplateSet, environment: TemplateEnvironment = .system()) {
        self.init(set: set, includeCounts: IncludeCounts(), environment: environment)
    }

    init(set: TemplateSet, includeCounts: IncludeCounts, environment: TemplateEnvironment) {
        self.set = set
        self.includeCounts = includeCounts
        self.environment = environment
    }

    /// Executes template `name` with `data` as dot and `$` (Go's ExecuteTemplate).
    public func execute(_ name: String, data: GoValue) throws -> String {
        guard let tree = set.trees[name] else {
            throw TemplateError(
                kind: .other,
                chain: ["template: no template \(GoQuote.quote(name)) associated with template \(GoQuote.quote(set.rootName))"])
        }
        let executor = Executor(execution: self, tree: tree)
        return try executor.run(data: data)
    }

    public func include(_ name: String, _ data: GoValue) throws -> String {
        let count = includeCounts.counts[name, default: 0]
        if count > TemplateExecution.maximumIncludeDepth {
            throw TemplateError(
                kind: .other,
                chain: [
                    "rendering template has a nested reference name: \(name): unable to execute template",
                    "unable to execute template",
                ])
        }
        includeCounts.counts[name] = count + 1
        defer { includeCounts.counts[name, default: 1] -= 1 }
        return try execute(name, data: data)
    }

    public func memoized<T>(_ key: String, _ compute: () -> T) -> T {
        let slot = "\(T.self)\u{0}" + key
        if let stored = includeCounts.memo[slot] as? T { return stored }
        let value = compute()
        includeCounts.memo[slot] = value
        return value
    }

    public func tpl(_ text: String, _ data: GoValue) throws -> String {
        let clone = set.clone()
        do {
            try clone.parse(name: set.rootName, text: text)
        } catch let error as TemplateError {
            throw TemplateError(
                kind: .other, chain: ["cannot parse template \(GoQuote.quote(text)): \(error.goMessage)"] + error.chain)
        }
        let execution = TemplateExecution(set: clone, includeCounts: includeCounts, environment: environment)
        do {
            let output = try execution.execute(set.rootName, data: data)
            return output.replacingAll("<no value>", with: "")
        } catch let error as TemplateError {
            throw TemplateError(
                kind: .other,
                chain: ["error during tpl function execution for \(GoQuote.quote(text)): \(error.goMessage)"] + error.chain)
        }
    }
}

/// What one render shares across templates and `tpl` clones: `include`
/// nesting counts by template name, and the memo of pure work on text.
final class IncludeCounts {
    var counts: [String: Int] = [:]
    var memo: [String: Any] = [:]
}

extension String {
    /// Every occurrence of `target` replaced (Helm's `<no value>` removal).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        guard let first = needle.first else { return self }
        var result: [UInt8]?
        var copied = 0
        var bytes = Array(utf8)
        bytes.withUnsafeMutableBufferPointer { haystack in
            var i = 0
            let limit = haystack.count - needle.count
            while i <= limit {
                if haystack[i] == first {
                    var k = 1
                    while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                    if k == needle.count {
                        if result == nil { result = [] ; result?.reserveCapacity(haystack.count) }
                        result?.append(contentsOf: haystack[copied..<i])
                        result?.append(contentsOf: replacement.utf8)
                        i += needle.count
                        copied = i
                        continue
                    }
                }
                i += 1
            }
        }
        guard var output = result else { return self }
        output.append(contentsOf: bytes[copied...])
        return String(decoding: output, as: UTF8.self)
    }
}
