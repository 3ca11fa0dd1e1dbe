extension YAML {
    /// How plain (unquoted) scalars become values.
    public enum Schema: Sendable, Hashable {
        /// YAML 1.2 core schema: `null`/`~`/empty, `true`/`false` (three spellings each),
        /// decimal, `0o` and `0x` integers, decimal floats, `.inf`, `.nan`.
        case core
        /// The YAML 1.1 rules of go-yaml v2, which Helm (through sigs.k8s.io/yaml) uses for
        /// values files, `fromYaml` and Chart.yaml: `y`/`yes`/`on`… are true, `n`/`no`/`off`…
        /// false (keys included), `017` is octal, `0b101` binary, `1_000` an integer, and
        /// integers beyond Int64 become floats. Timestamps stay strings.
        case yaml11
    }

    /// What a mapping does with a key it already holds.
    public enum DuplicateKeys: Sendable, Hashable {
        /// An error naming the key (YAML 1.2 says keys are unique). Merge keys (`<<`)
        /// never override a key written in the mapping itself, wherever it appears.
        case reject
        /// The later entry replaces the earlier value, keeping the first position. This is
        /// go-yaml v2's non-strict decoding, which Helm uses: entries apply in document
        /// order, so a merge (`<<`) overrides keys written before it and a later key
        /// overrides merged ones; in `<<: [*a, *b]` keys of `*a` win over `*b`.
        case lastWins
    }

    /// Parsing options. The defaults are YAML 1.2 with duplicate keys rejected.
    public struct Options: Sendable, Hashable {
        public var schema: Schema
        public var duplicateKeys: DuplicateKeys
        /// Deepest nesting of collections accepted; deeper input is an error instead of
        /// exhausting the stack.
        public var maxDepth: Int
        /// Most nodes a document may hold once its aliases are expanded: a few
        /// aliases of aliases can otherwise stand for billions of nodes, which
        /// anything walking the result (an emitter, a merge) would then visit.
        public var maxNodes: Int

        public init(schema: Schema = .core, duplicateKeys: DuplicateKeys = .reject, maxDepth: Int = 256, maxNodes: Int = 10_000_000) {
            self.schema = schema
            self.duplicateKeys = duplicateKeys
            self.maxDepth = maxDepth
            self.maxNodes = maxNodes
        }

        /// YAML 1.2 core schema, duplicate keys rejected.
        public static let standard = Options()

        /// Reads YAML as Helm does (go-yaml v2 through sigs.k8s.io/yaml): YAML 1.1
        /// scalars and last-wins duplicate keys (go-yaml v2 rejects duplicates only in
        /// its strict mode, which Helm does not use). What sigs.k8s.io/yaml does next
        /// belongs to the caller: every number becomes a float64, every key a string
        /// (`true`, `1`), `.inf`/`.nan` and null keys are errors, custom tags are
        /// dropped, and `!!binary` is decoded (here it stays base64 text).
        public static let helm = Options(schema: .yaml11, duplicateKeys: .lastWins)
    }
}
