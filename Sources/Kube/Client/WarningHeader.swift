/// The texts of `Warning` response headers (RFC 7234: `299 - "text"`), which
/// the API server sends for deprecated APIs and unknown or duplicate fields.
/// Several headers arrive joined by commas, so commas inside quotes are kept.
enum WarningHeader {
    static func texts(_ header: String?) -> [String] {
        guard let header else { return [] }
        var texts = [String]()
        var current = ""
        var inQuotes = false
        var escaped = false
        var sawQuote = false
        for character in header {
            if inQuotes {
                if escaped {
                    current.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inQuotes = false
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
                sawQuote = true
            } else if character == "," {
                if sawQuote { texts.append(current) }
                current = ""
                sawQuote = false
            }
        }
        if sawQuote { texts.append(current) }
        return texts
    }
}
