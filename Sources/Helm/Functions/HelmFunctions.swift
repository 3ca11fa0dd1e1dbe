/// The function table Helm gives templates: Sprig v3.3.0's text functions
/// with Helm v4's own on top (`toYaml`, `fromYaml`, `toJson`, `fromJson`,
/// `toToml`, `include`, `tpl`, `required`, `lookup`, …), each giving Helm's
/// output byte for byte. `lookup` returns an empty map and `getHostByName`
/// an empty string, as in `helm template` (no cluster, no `--enable-dns`).
/// Helm removes `env` and `expandenv`.
///
/// The clock, the local time zone and random numbers come from the
/// render's `TemplateEnvironment` (`RenderOptions.environment`), so `now`,
/// `date`, `toDate`, `ago` and the random functions give Helm's results
/// with a real clock and fixed ones in tests.
///
/// Sprig's key, certificate and encryption functions (`genPrivateKey`, `genCA`,
/// `genSelfSignedCert`, `genSignedCert` and their `…WithKey` forms,
/// `buildCustomCert`, `encryptAES`, `decryptAES`, `derivePassword`) use
/// OpenSSL 3's libcrypto, loaded on first use (`CryptoFunctions`).
///
/// `fromToml` reads TOML as BurntSushi/toml v1.6.0 does (`TOMLReader`).
///
/// The engine adds Go's builtins after this table, so a name here (Sprig's
/// `slice`) hides the builtin of the same name.
///
/// ```swift
/// let set = TemplateSet(functions: HelmFunctions.all)
/// ```
public enum HelmFunctions {
    /// Every function, once.
    public static let all: [TemplateFunction] = [
        StringFunctions.all, ListFunctions.all, DictFunctions.all, FlowFunctions.all, ConversionFunctions.all,
        MathFunctions.all, EncodingFunctions.all, SerializationFunctions.all, RegexFunctions.all, SemverFunctions.all,
        PathFunctions.all, URLAndTimeFunctions.all, TimeFunctions.all, RandomFunctions.all,
        PasswordFunctions.all, CryptoFunctions.all, TOMLFunctions.all,
    ].flatMap { $0 }

    /// The same functions by name.
    public static func table() -> [String: TemplateFunction] {
        var table: [String: TemplateFunction] = [:]
        for function in all { table[function.name] = function }
        return table
    }
}
