/// The function table Helm gives templates: Sprig v3.3.0's text functions
/// with Helm v4's own on top (`toYaml`, `fromYaml`, `toJson`, `fromJson`,
/// `toToml`, `include`, `tpl`, `required`, `lookup`, …), each giving Helm's
/// output byte for byte. `lookup` returns an empty map and `getHostByName`
/// an empty string, as in `helm template` (no cluster, no `--enable-dns`).
/// Helm removes `env` and `expandenv`.
///
/// Left out on purpose, so that using one is Go's parse error
/// `function "now" not defined` (see `omitted`): what reads the clock (`now`,
/// `ago`, and the `time.Time` functions `date`, `dateInZone`, `htmlDate`,
/// `htmlDateInZone`, `dateModify`, `toDate`, `unixEpoch` with their `must`
/// and snake-case forms), what draws random numbers or keys (`randAlpha`,
/// `randAlphaNum`, `randAscii`, `randNumeric`, `randBytes`, `randInt`,
/// `shuffle`, `uuidv4`, `bcrypt`, `htpasswd`, `genPrivateKey`, `genCA`,
/// `genCAWithKey`, `genSelfSignedCert`, `genSelfSignedCertWithKey`,
/// `genSignedCert`, `genSignedCertWithKey`, `buildCustomCert`, `encryptAES`,
/// `derivePassword`, `decryptAES`), and `fromToml`. A render with them would
/// differ from Helm's on every run, or depends on crypto the toolchain does
/// not ship.
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
        PathFunctions.all, URLAndTimeFunctions.all,
    ].flatMap { $0 }

    /// Sprig and Helm functions deliberately not in the table (see above).
    public static let omitted: [String] = [
        "now", "ago", "date", "dateInZone", "date_in_zone", "htmlDate", "htmlDateInZone", "dateModify", "date_modify",
        "mustDateModify", "must_date_modify", "toDate", "mustToDate", "unixEpoch", "randAlpha", "randAlphaNum",
        "randAscii", "randNumeric", "randBytes", "randInt", "shuffle", "uuidv4", "bcrypt", "htpasswd", "genPrivateKey",
        "genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey",
        "buildCustomCert", "encryptAES", "decryptAES", "derivePassword", "fromToml",
    ]

    /// The same functions by name.
    public static func table() -> [String: TemplateFunction] {
        var table: [String: TemplateFunction] = [:]
        for function in all { table[function.name] = function }
        return table
    }
}
