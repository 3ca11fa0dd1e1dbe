/// Helm's `fromToml`: the document as a map, or `{"Error": message}` when
/// BurntSushi/toml rejects it (Helm has no `must` form). Offset date-times
/// read in the render's local zone, as Go's `time.Local`.
enum TOMLFunctions {
    static let all: [TemplateFunction] = [
        TemplateFunction("fromToml", [.string]) { runtime, a in
            let environment = runtime.environment
            switch TOMLReader.read(try Fn.string(a[0]), localZone: environment.localZone, now: environment.now()) {
            case .success(let v): return v
            case .failure(let failure): return .map(GoMap(["Error": .string(failure.message)]))
            }
        }
    ]
}
