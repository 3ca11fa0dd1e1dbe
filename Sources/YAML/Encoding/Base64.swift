/// Base64 exactly as Go's `encoding/base64` spells it, the one codec of the
/// project: kubeconfig `*-data` fields and Secret data (Go's `encoding/json`
/// reads and writes `[]byte` with `StdEncoding`), Helm's `b64enc`/`b64dec`,
/// and ApplySet IDs (`RawURLEncoding`).
///
/// Decoding is `StdEncoding.DecodeString`: the standard alphabet, `=` padding
/// required, `\r` and `\n` ignored anywhere, anything else an error that names
/// the byte offset Go names (`illegal base64 data at input byte N`).
public enum Base64 {
    /// Input that is not standard base64.
    public struct DecodingError: Error, Equatable, Sendable {
        /// Offset, in bytes of the input, that Go's `CorruptInputError` reports.
        public var offset: Int

        public init(offset: Int) { self.offset = offset }

        /// Go's text for the error, which kubectl and Sprig print as it is.
        public var message: String { "illegal base64 data at input byte \(offset)" }
    }

    /// Standard alphabet with `=` padding (Go's `StdEncoding`).
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        encode(bytes, alphabet: standardAlphabet, padded: true)
    }

    /// URL-safe alphabet without padding (Go's `RawURLEncoding`).
    public static func encodeRawURL(_ bytes: some Collection<UInt8>) -> String {
        encode(bytes, alphabet: urlAlphabet, padded: false)
    }

    /// The bytes `text` encodes, read as Go's `StdEncoding.DecodeString` reads them.
    public static func decode(_ text: String) throws(DecodingError) -> [UInt8] {
        var text = text
        let result = text.withUTF8 { decode(buffer: $0) }
        return try result.get()
    }

    /// The bytes `input` encodes, read as Go's `StdEncoding.Decode` reads them.
    public static func decode(_ input: [UInt8]) throws(DecodingError) -> [UInt8] {
        try input.withUnsafeBufferPointer { decode(buffer: $0) }.get()
    }

    // MARK: - Encoding

    private static let standardAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let urlAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static func encode(_ bytes: some Collection<UInt8>, alphabet: [UInt8], padded: Bool) -> String {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity((input.count + 2) / 3 * 4)
        var index = 0
        while index < input.count {
            let available = min(3, input.count - index)
            var group = UInt32(input[index]) << 16
            if available > 1 { group |= UInt32(input[index + 1]) << 8 }
            if available > 2 { group |= UInt32(input[index + 2]) }
            // n input bytes carry n + 1 sextets; the rest of the quantum is padding.
            for position in 0...available {
                output.append(alphabet[Int(group >> UInt32(18 - 6 * position) & 63)])
            }
            if padded {
                for _ in available..<3 { output.append(UInt8(ascii: "=")) }
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Decoding

    /// Sextet of every byte of the standard alphabet; 0xFF for every other byte.
    private static let sextets: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (sextet, byte) in standardAlphabet.enumerated() { table[Int(byte)] = UInt8(sextet) }
        return table
    }()

    private static func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    /// Go's decode loop, one four-sextet quantum at a time. Offsets in errors
    /// follow Go's `decodeQuantum` case by case, since users compare them.
    private static func decode(buffer source: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], DecodingError> {
        var output: [UInt8] = []
        output.reserveCapacity(source.count / 4 * 3)
        let pad = UInt8(ascii: "=")
        var index = 0
        return sextets.withUnsafeBufferPointer { table in
            while true {
                var group: UInt32 = 0
                var count = 0           // sextets in this quantum
                var endOfData = false   // padding or the end of the input closed this quantum
                while count < 4 {
                    if index == source.count {
                        if count == 0 { return .success(output) }
                        // An unpadded partial quantum: Go names where it began (line breaks aside).
                        return .failure(DecodingError(offset: index - count))
                    }
                    let byte = source[index]
                    index += 1
                    let sextet = table[Int(byte)]
                    if sextet != 0xFF {
                        group = group << 6 | UInt32(sextet)
                        count += 1
                        continue
                    }
                    if isLineBreak(byte) { continue }
                    guard byte == pad, count >= 2 else { return .failure(DecodingError(offset: index - 1)) }
                    if count == 2 {
                        // Two sextets need "==": the second '=' may follow line breaks.
                        while index < source.count, isLineBreak(source[index]) { index += 1 }
                        if index == source.count { return .failure(DecodingError(offset: source.count)) }
                        if source[index] != pad { return .failure(DecodingError(offset: index - 1)) }
                        index += 1
                    }
                    while index < source.count, isLineBreak(source[index]) { index += 1 }
                    if index < source.count { return .failure(DecodingError(offset: index)) }
                    endOfData = true
                    break
                }
                group <<= UInt32(6 * (4 - count))
                output.append(UInt8(truncatingIfNeeded: group >> 16))
                if count > 2 { output.append(UInt8(truncatingIfNeeded: group >> 8)) }
                if count > 3 { output.append(UInt8(truncatingIfNeeded: group)) }
                if endOfData { return .success(output) }
            }
        }
    }
}
