/// The `:N` line that ends a completion answer: what the shell should do besides
/// offering the candidates. The bit values are cobra's (kubectl relays them).
struct CompletionDirective: OptionSet, Equatable {
    let rawValue: Int

    /// Something went wrong; offer nothing.
    static let error = CompletionDirective(rawValue: 1)
    /// No space after the completed word (`--cluster-name kind-east=`).
    static let noSpace = CompletionDirective(rawValue: 2)
    /// No file names when there are no candidates.
    static let noFileCompletion = CompletionDirective(rawValue: 4)
    /// The candidates are file extensions to filter file names by.
    static let filterFileExtensions = CompletionDirective(rawValue: 8)
    /// Complete directory names only.
    static let filterDirectories = CompletionDirective(rawValue: 16)
    /// Keep the candidates in the order given.
    static let keepOrder = CompletionDirective(rawValue: 32)
}
