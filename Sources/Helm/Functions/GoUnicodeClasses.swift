import Foundation

/// The names Go's regexp accepts after `\p`: Unicode general categories,
/// `Any`, and script names (which ICU, running the translated pattern, knows
/// by the same long names).
enum GoUnicodeClasses {
    private static let categories: Set<String> = [
        "Any", "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl",
        "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
    ]

    static func isKnown(_ name: String) -> Bool {
        if categories.contains(name) { return true }
        // A script: a capitalised long name such as Greek or Old_Italic.
        guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first),
            name.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) || $0 == "_" }),
            name.utf8.count > 4 || ["Ahom", "Cham", "Lao", "Lisu", "Miao", "Modi", "Mro", "Newa", "Nko", "Thai", "Toto", "Vai", "Yi"].contains(name)
        else { return false }
        return (try? NSRegularExpression(pattern: "\\p{sc=\(name)}", options: [])) != nil
    }
}
