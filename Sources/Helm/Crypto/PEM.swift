import YAML

/// PEM blocks as Go's encoding/pem reads and writes them: `decode` finds the first
/// well-formed block (skipping text around it and malformed candidates, headers
/// allowed), `encode` writes 64-column base64 with no headers.
enum PEM {
    struct Block {
        var type: String
        var bytes: [UInt8]
    }

    static func encode(type: String, _ bytes: [UInt8]) -> String {
        var out = "-----BEGIN \(type)-----\n"
        let text = Array(Base64.encode(bytes).utf8)
        var index = 0
        while index < text.count {
            let end = min(index + 64, text.count)
            out += String(decoding: text[index..<end], as: UTF8.self) + "\n"
            index = end
        }
        return out + "-----END \(type)-----\n"
    }

    /// The first block in `text`, or nil when there is none (Go's `pem.Decode`).
    static func decode(_ text: [UInt8]) -> Block? {
        let beginLine = Array("-----BEGIN ".utf8)
        let endMarker = Array("\n-----END ".utf8)
        let dashes = Array("-----".utf8)
        var rest = text[...]
        while true {
            if rest.starts(with: beginLine) {
                rest = rest.dropFirst(beginLine.count)
            } else if let found = firstRange(of: [0x0a] + beginLine, in: rest) {
                rest = rest[found.upperBound...]
            } else {
                return nil
            }
            var (typeLine, afterType) = line(rest)
            rest = afterType
            guard typeLine.count >= dashes.count, typeLine.suffix(dashes.count).elementsEqual(dashes) else { continue }
            typeLine = typeLine.dropLast(dashes.count)

            var headers = 0
            var body = rest
            var complete = true
            while true {
                if body.isEmpty {
                    complete = false
                    break
                }
                let (headerLine, next) = line(body)
                guard headerLine.contains(UInt8(ascii: ":")) else { break }
                headers += 1
                body = next
            }
            // Go returns "no block" outright when the text ends inside the headers.
            guard complete else { return nil }

            let endIndex: ArraySlice<UInt8>.Index
            let trailerStart: ArraySlice<UInt8>.Index
            if headers == 0 && body.starts(with: endMarker.dropFirst()) {
                endIndex = body.startIndex
                trailerStart = body.startIndex + endMarker.count - 1
            } else if let found = firstRange(of: endMarker, in: body) {
                endIndex = found.lowerBound
                trailerStart = found.upperBound
            } else {
                continue
            }
            let trailer = body[trailerStart...]
            let trailerLength = typeLine.count + dashes.count
            guard trailer.count >= trailerLength else { continue }
            let ending = trailer.prefix(trailerLength)
            guard ending.starts(with: typeLine), ending.suffix(dashes.count).elementsEqual(dashes) else { continue }
            guard line(trailer.dropFirst(trailerLength)).line.isEmpty else { continue }
            let base64 = body[body.startIndex..<endIndex].filter { $0 != 0x20 && $0 != 0x09 }
            guard let bytes = try? Base64.decode(Array(base64)) else { continue }
            return Block(type: String(decoding: typeLine, as: UTF8.self), bytes: bytes)
        }
    }

    /// Go's getLine: the text up to the next newline (less one carriage return before
    /// it) without trailing spaces and tabs, and the text after that newline.
    private static func line(_ bytes: ArraySlice<UInt8>) -> (line: ArraySlice<UInt8>, rest: ArraySlice<UInt8>) {
        let newline = bytes.firstIndex(of: 0x0a)
        var line = bytes[bytes.startIndex..<(newline ?? bytes.endIndex)]
        if newline != nil, line.last == 0x0d { line = line.dropLast() }
        while let last = line.last, last == 0x20 || last == 0x09 { line = line.dropLast() }
        return (line, newline.map { bytes[($0 + 1)...] } ?? bytes[bytes.endIndex...])
    }

    private static func firstRange(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index..<(index + needle.count)
            }
            index += 1
        }
        return nil
    }
}
