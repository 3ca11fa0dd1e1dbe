import Foundation

/// The names Go's regexp (Go 1.25 and later) accepts after `\p`, and what ICU,
/// which runs the translated pattern, calls them. Go compares a canonical
/// form (first letter upper case, the rest lower case, `_`, `-` and spaces
/// dropped) with `Any`, `Assigned`, `ASCII`, `LC`, the general categories and
/// their long names, and the scripts, whose keys are compared as they are: so
/// `greek` works, while `Old_Italic` (canonically `Olditalic`) does not.
enum GoUnicodeClasses {
    /// What to write inside ICU's `\p{…}` (or a whole ICU set for ASCII) for a
    /// Go class name, and whether the class is inverted; nil when Go refuses it.
    static func icuClass(_ name: String) -> (icu: String, inverted: Bool)? {
        let c = canonical(name)
        switch c {
        case "Any": return ("Any", false)
        case "Assigned": return ("Cn", true)
        case "Ascii": return ("ASCII", false)
        case "Lc": return ("LC", false)
        default: break
        }
        if categories.contains(c) { return (c, false) }
        if let short = categoryAliases[c] { return (short, false) }
        // A script, by its one-word name (four-letter ISO codes such as Grek are
        // not names, and the canonical form of a many-word name matches no key).
        guard c.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) }),
            c.utf8.count != 4 || fourLetterScripts.contains(c), !manyWordScripts.contains(c),
            (try? NSRegularExpression(pattern: "\\p{sc=\(c)}", options: [])) != nil
        else { return nil }
        return ("sc=" + c, false)
    }

    /// regexp/syntax's canonicalName.
    static func canonical(_ name: String) -> String {
        var out = ""
        var first = true
        for scalar in name.unicodeScalars {
            if scalar == "_" || scalar == "-" || scalar == " " { continue }
            if first {
                out.unicodeScalars.append(("a"..."z").contains(scalar) ? Unicode.Scalar(scalar.value - 32) ?? scalar : scalar)
                first = false
            } else {
                out.unicodeScalars.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar)
            }
        }
        return out
    }

    private static let categories: Set<String> = [
        "C", "Cc", "Cf", "Cn", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No",
        "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
    ]

    /// Unicode's long category names (and Go's digit, punct, cntrl), canonical.
    private static let categoryAliases: [String: String] = [
        "Other": "C", "Control": "Cc", "Cntrl": "Cc", "Format": "Cf", "Unassigned": "Cn", "Privateuse": "Co",
        "Surrogate": "Cs", "Letter": "L", "Casedletter": "LC", "Lowercaseletter": "Ll", "Modifierletter": "Lm",
        "Otherletter": "Lo", "Titlecaseletter": "Lt", "Uppercaseletter": "Lu", "Mark": "M", "Combiningmark": "M",
        "Spacingmark": "Mc", "Enclosingmark": "Me", "Nonspacingmark": "Mn", "Number": "N", "Decimalnumber": "Nd",
        "Digit": "Nd", "Letternumber": "Nl", "Othernumber": "No", "Punctuation": "P", "Punct": "P",
        "Connectorpunctuation": "Pc", "Dashpunctuation": "Pd", "Closepunctuation": "Pe", "Finalpunctuation": "Pf",
        "Initialpunctuation": "Pi", "Otherpunctuation": "Po", "Openpunctuation": "Ps", "Symbol": "S",
        "Currencysymbol": "Sc", "Modifiersymbol": "Sk", "Mathsymbol": "Sm", "Othersymbol": "So", "Separator": "Z",
        "Lineseparator": "Zl", "Paragraphseparator": "Zp", "Spaceseparator": "Zs",
    ]

    /// Scripts whose name is four letters long, like an ISO 15924 code.
    private static let fourLetterScripts: Set<String> = ["Ahom", "Cham", "Kawi", "Lisu", "Miao", "Modi", "Newa", "Thai", "Toto"]

    /// Go's script keys of several words (`Old_Italic`, `SignWriting`), canonically spelled.
    private static let manyWordScripts: Set<String> = Set(
        [
            "Anatolian_Hieroglyphs", "Bassa_Vah", "Canadian_Aboriginal", "Caucasian_Albanian", "Cypro_Minoan", "Dives_Akuru",
            "Egyptian_Hieroglyphs", "Gunjala_Gondi", "Gurung_Khema", "Hanifi_Rohingya", "Imperial_Aramaic",
            "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Kayah_Li", "Khitan_Small_Script", "Kirat_Rai", "Linear_A",
            "Linear_B", "Masaram_Gondi", "Meetei_Mayek", "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs",
            "Nag_Mundari", "New_Tai_Lue", "Nyiakeng_Puachue_Hmong", "Ol_Chiki", "Ol_Onal", "Old_Hungarian", "Old_Italic",
            "Old_North_Arabian", "Old_Permic", "Old_Persian", "Old_Sogdian", "Old_South_Arabian", "Old_Turkic", "Old_Uyghur",
            "Pahawh_Hmong", "Pau_Cin_Hau", "Phags_Pa", "Psalter_Pahlavi", "SignWriting", "Sora_Sompeng", "Syloti_Nagri",
            "Tai_Le", "Tai_Tham", "Tai_Viet", "Tulu_Tigalari", "Warang_Citi", "Zanabazar_Square",
        ].map(canonical))
}
