/// URLs as messages show them. Server and proxy URLs may carry a password
/// (`http://user:secret@proxy:3128`); shown, the user information becomes `…`.
enum URLDisplay {
    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound]) + "…" + url[at...]
    }
}
