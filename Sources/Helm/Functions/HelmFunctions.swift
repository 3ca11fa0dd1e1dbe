/// The function table Helm gives templates: Sprig v3.3.0's functions (minus
/// `env`/`expandenv`, and minus those that cannot give the same output twice:
/// random, UUID, date and crypto-key functions) with Helm v4's own on top
/// (`toYaml`, `fromYaml`, `toJson`, `fromJson`, `include`, `tpl`, `required`,
/// `fail`, `lookup`, …). The engine adds Go's builtins after this table, so
/// a name here (Sprig's `slice`) hides the builtin of the same name.
///
/// ```swift
/// let set = TemplateSet(functions: HelmFunctions.all)
/// ```
public enum HelmFunctions {
    /// Every function, once.
    public static let all: [TemplateFunction] = [
        StringFunctions.all, ListFunctions.all, DictFunctions.all, FlowFunctions.all, ConversionFunctions.all,
        MathFunctions.all, EncodingFunctions.all, SerializationFunctions.all, RegexFunctions.all, SemverFunctions.all,
        PathFunctions.all,
    ].flatMap { $0 }

    /// The same functions by name.
    public static func table() -> [String: TemplateFunction] {
        var table: [String: TemplateFunction] = [:]
        for function in all { table[function.name] = function }
        return table
    }
}
