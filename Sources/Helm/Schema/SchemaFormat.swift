/// The `format` checks Helm's validator makes (only for draft 4, 6 and 7
/// schemas): each returns why a string is not of the format, worded like the
/// library (and Go's parsers it calls), or nil. Other values always pass, and
/// unknown format names are not checked.
struct SchemaFormat {
    let name: String
    private let reason: (String) -> String?

    func check(_ value: GoValue) -> String? {
        guard case .string(let s) = value else { return nil }
        return reason(s)
    }

    static func named(_ name: String) -> SchemaFormat? {
        let check: ((String) -> String?)?
        switch name {
        case "regex":
            check = { s in
                do {
                    _ = try GoRegex(s)
                    return nil
                } catch let error as GoRegex.CompileError { return error.message } catch { return "\(error)" }
            }
        case "json-pointer": check = FormatChecks.jsonPointer
        case "relative-json-pointer": check = FormatChecks.relativeJSONPointer
        case "uuid": check = FormatChecks.uuid
        case "duration": check = FormatChecks.duration
        case "period": check = FormatChecks.period
        case "ipv4": check = FormatChecks.ipv4
        case "ipv6": check = FormatChecks.ipv6
        case "hostname": check = FormatChecks.hostname
        case "email": check = FormatChecks.email
        case "date": check = FormatChecks.date
        case "time": check = FormatChecks.time
        case "date-time": check = FormatChecks.dateTime
        case "uri", "iri": check = FormatChecks.uri
        case "uri-reference", "iri-reference": check = FormatChecks.uriReference
        case "uri-template": check = FormatChecks.uriTemplate
        case "semver": check = FormatChecks.semver
        default: check = nil
        }
        return check.map { SchemaFormat(name: name, reason: $0) }
    }
}
