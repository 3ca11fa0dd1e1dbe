import YAML

/// One kubeconfig file as read from disk, before merging: its entries in
/// document order, with relative paths already resolved against the file's
/// directory, as kubectl resolves them.
struct KubeconfigFile: Sendable {
    var path: String
    var clusters: [(name: String, cluster: KubeCluster)]
    var users: [(name: String, user: KubeUser, problems: [String])]
    var contexts: [(name: String, context: KubeContext)]
    var currentContext: String?

    /// How kubectl's YAML reader (go-yaml v2) reads kubeconfigs: YAML 1.1 scalars
    /// (`yes` is true) and a repeated key replacing the earlier one.
    static let parseOptions = YAML.Options(schema: .yaml11, duplicateKeys: .lastWins)

    /// Parses the text of the file at `path` (absolute). Empty text is an empty config.
    init(text: String, path: String) throws(KubeconfigError) {
        let root: Value
        do {
            // kubectl reads the first document of a stream and ignores the rest.
            root = try YAML.parseAll(text, options: Self.parseOptions).first ?? .null
        } catch {
            throw .malformed(error.inFile(path))
        }
        do {
            try self.init(root: root, path: path)
        } catch {
            // Only now pay for node positions, to say where the bad field is.
            let marks = try? YAML.parseWithMarks(text, options: Self.parseOptions).marks
            let location = marks?.nearestLocation(of: error.field.components)
            throw .invalidField(path: path, line: location?.line, column: location?.column,
                                field: error.field.text, message: error.message)
        }
    }

    private init(root: Value, path: String) throws(FieldProblem) {
        self.path = path
        let reader = FieldReader(baseDirectory: FilePath.directory(of: path))
        guard let top = try reader.mapping(root, FieldPath("(top level)")) else {
            clusters = []
            users = []
            contexts = []
            currentContext = nil
            return
        }
        currentContext = try reader.string(top["current-context"], FieldPath("current-context")).flatMap { $0.isEmpty ? nil : $0 }
        clusters = try reader.namedList(top["clusters"], section: "clusters", body: "cluster", reader.cluster)
            .map { ($0.name, $0.value) }
        users = try reader.namedList(top["users"], section: "users", body: "user", reader.user)
            .map { ($0.name, $0.value.user, $0.value.problems) }
        contexts = try reader.namedList(top["contexts"], section: "contexts", body: "context", reader.context)
            .map { ($0.name, $0.value) }
    }
}
