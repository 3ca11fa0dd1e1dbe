/// A YAML or JSON document that could not be read, with the place it went wrong.
///
/// `line` and `column` are 1-based; columns count Unicode scalars, so they match
/// what an editor shows. Callers that know the file name attach it with
/// `inFile(_:)`, and the description then reads `path:line:column: message`,
/// the form compilers use and editors jump to.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    /// The file the text came from, when the caller said so.
    public var path: String?

    public init(message: String, line: Int, column: Int, path: String? = nil) {
        self.message = message
        self.line = line
        self.column = column
        self.path = path
    }

    /// The same error, attributed to the file at `path`.
    public func inFile(_ path: String) -> YAMLError {
        var copy = self
        copy.path = path
        return copy
    }

    /// `path:line:column: message` with a path, else `line L, column C: message`.
    public var description: String {
        if let path { return "\(path):\(line):\(column): \(message)" }
        return "line \(line), column \(column): \(message)"
    }
}
