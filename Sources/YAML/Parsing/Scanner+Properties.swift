extension Scanner {
    /// `&name` or `*name`. Names run to the next space or flow indicator (YAML 1.2
    /// §6.9.2), so `&a:` names `a:`.
    mutating func scanAnchor(alias: Bool) throws -> Token {
        let start = pos
        pos += 1
        let nameStart = pos
        while !Byte.isBlankOrBreakOrEnd(at(pos)) && !Byte.isFlowIndicator(at(pos)) { pos += 1 }
        if pos == nameStart {
            throw ParseFailure("\(alias ? "an alias ('*')" : "an anchor ('&')") needs a name", at: start)
        }
        var token = Token(alias ? .alias : .anchor, start: start, end: pos)
        token.text = string(nameStart, pos)
        return token
    }

    /// A tag: `!<verbatim>`, `!`, `!suffix`, `!!suffix` or `!handle!suffix`.
    /// `text` receives the handle (empty for verbatim tags), `suffix` the rest,
    /// with %-escapes decoded.
    mutating func scanTag() throws -> Token {
        let start = pos
        var handle = ""
        var suffix = ""
        if at(pos + 1) == UInt8(ascii: "<") {
            pos += 2
            suffix = try scanURI(allowingExclamation: true, allowingFlowIndicators: true, start: start)
            guard at(pos) == UInt8(ascii: ">") else {
                throw ParseFailure("a verbatim tag '!<…>' must end with '>'", at: pos)
            }
            if suffix.isEmpty { throw ParseFailure("a verbatim tag cannot be empty", at: start) }
            pos += 1
        } else {
            var i = pos + 1
            while Byte.isWordChar(at(i)) { i += 1 }
            if at(i) == UInt8(ascii: "!") {
                handle = string(pos, i + 1)
                pos = i + 1
                suffix = try scanURI(allowingExclamation: false, allowingFlowIndicators: false, start: start)
                if suffix.isEmpty {
                    throw ParseFailure("the tag handle '\(handle)' needs a suffix", at: start)
                }
            } else {
                handle = "!"
                pos += 1
                suffix = try scanURI(allowingExclamation: false, allowingFlowIndicators: false, start: start)
            }
        }
        let c = at(pos)
        if !Byte.isBlankOrBreakOrEnd(c) && !(flowLevel > 0 && Byte.isFlowIndicator(c)) {
            throw ParseFailure("a tag must be followed by a space", at: pos)
        }
        var token = Token(.tag, start: start, end: pos)
        token.text = handle
        token.suffix = suffix
        return token
    }

    /// URI characters (YAML 1.2 §5.6) with %-escapes decoded.
    mutating func scanURI(allowingExclamation: Bool, allowingFlowIndicators: Bool, start: Int) throws -> String {
        var bytes: [UInt8] = []
        while true {
            let c = at(pos)
            if c == UInt8(ascii: "%") {
                guard let high = Byte.hexValue(at(pos + 1)), let low = Byte.hexValue(at(pos + 2)) else {
                    throw ParseFailure("'%' in a tag must be followed by two hexadecimal digits", at: pos)
                }
                bytes.append(UInt8(high << 4 | low))
                pos += 3
                continue
            }
            let isURIChar: Bool
            switch c {
            case _ where Byte.isWordChar(c): isURIChar = true
            case UInt8(ascii: "#"), UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":"),
                UInt8(ascii: "@"), UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "$"),
                UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "*"), UInt8(ascii: "'"),
                UInt8(ascii: "("), UInt8(ascii: ")"):
                isURIChar = true
            case UInt8(ascii: "!"): isURIChar = allowingExclamation
            case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                isURIChar = allowingFlowIndicators
            default: isURIChar = false
            }
            guard isURIChar else { break }
            bytes.append(c)
            pos += 1
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ParseFailure("a %-escaped tag is not valid UTF-8", at: start)
        }
        return text
    }

    /// `%YAML major.minor`, `%TAG handle prefix`, or a reserved directive (skipped,
    /// as YAML 1.2 §6.8 asks). Returns nil for reserved directives.
    mutating func scanDirective() throws -> Token? {
        let start = pos
        pos += 1
        let nameStart = pos
        while !Byte.isBlankOrBreakOrEnd(at(pos)) { pos += 1 }
        let name = string(nameStart, pos)
        if name.isEmpty {
            throw ParseFailure("expected a directive name after '%'", at: start)
        }
        var token: Token?
        switch name {
        case "YAML":
            try skipDirectiveBlanks(required: true)
            let versionStart = pos
            while Byte.isDigit(at(pos)) { pos += 1 }
            let majorEnd = pos
            guard majorEnd > versionStart, at(pos) == UInt8(ascii: ".") else {
                throw ParseFailure("expected a version like 1.2 after %YAML", at: versionStart)
            }
            pos += 1
            let minorStart = pos
            while Byte.isDigit(at(pos)) { pos += 1 }
            guard pos > minorStart else {
                throw ParseFailure("expected a version like 1.2 after %YAML", at: versionStart)
            }
            var t = Token(.versionDirective, start: start, end: pos)
            t.text = string(versionStart, pos)
            token = t
        case "TAG":
            try skipDirectiveBlanks(required: true)
            let handleStart = pos
            guard at(pos) == UInt8(ascii: "!") else {
                throw ParseFailure("expected a tag handle ('!', '!!' or '!name!') after %TAG", at: pos)
            }
            pos += 1
            while Byte.isWordChar(at(pos)) { pos += 1 }
            if at(pos) == UInt8(ascii: "!") {
                pos += 1
            } else if pos != handleStart + 1 {
                throw ParseFailure("a named tag handle must end with '!'", at: handleStart)
            }
            let handle = string(handleStart, pos)
            try skipDirectiveBlanks(required: true)
            let prefixStart = pos
            let prefix = try scanURI(allowingExclamation: true, allowingFlowIndicators: true, start: prefixStart)
            if prefix.isEmpty {
                throw ParseFailure("expected a tag prefix after the handle \(handle)", at: prefixStart)
            }
            var t = Token(.tagDirective, start: start, end: pos)
            t.text = handle
            t.suffix = prefix
            token = t
        default:
            // Reserved directive: parameters up to the end of the line are ignored.
            while !Byte.isBreak(at(pos)) && pos < count && !(at(pos) == UInt8(ascii: "#") && Byte.isBlank(at(pos - 1))) {
                pos += 1
            }
        }
        // Only a comment may follow.
        try finishLine(orFail: "unexpected text after the %\(name) directive")
        return token
    }

    private mutating func skipDirectiveBlanks(required: Bool) throws {
        let start = pos
        while Byte.isBlank(at(pos)) { pos += 1 }
        if required && pos == start {
            throw ParseFailure("expected a space in the directive", at: pos)
        }
    }
}
