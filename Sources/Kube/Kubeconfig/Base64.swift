/// Decodes the `*-data` fields of a kubeconfig exactly as kubectl does (Go's
/// `encoding/json` reads `[]byte` with `base64.StdEncoding`): the standard
/// alphabet, `=` padding required, line breaks (`\r`, `\n`) ignored, anything
/// else an error naming the offending byte offset.
enum KubeconfigBase64 {
    struct DecodingError: Error, Equatable {
        /// Offset of the first byte that cannot be decoded, counted in the input.
        var offset: Int
    }

    static func decode(_ text: String) throws(DecodingError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count / 4 * 3)
        var quantum: UInt32 = 0
        var count = 0          // sextets in the current quantum
        var padding = 0        // '=' seen in the current quantum
        var finished = false   // a padded quantum ended the data
        var offset = 0
        for byte in text.utf8 {
            defer { offset += 1 }
            if byte == 0x0A || byte == 0x0D { continue }
            if finished { throw DecodingError(offset: offset) }
            if byte == UInt8(ascii: "=") {
                // Padding may only complete a quantum that holds two or three sextets.
                guard count + padding >= 2 else { throw DecodingError(offset: offset) }
                padding += 1
                if count + padding == 4 {
                    if count == 2 {
                        output.append(UInt8(truncatingIfNeeded: quantum >> 4))
                    } else {
                        output.append(UInt8(truncatingIfNeeded: quantum >> 10))
                        output.append(UInt8(truncatingIfNeeded: quantum >> 2))
                    }
                    finished = true
                }
                continue
            }
            guard padding == 0, let sextet = sextet(of: byte) else { throw DecodingError(offset: offset) }
            quantum = quantum << 6 | UInt32(sextet)
            count += 1
            if count == 4 {
                output.append(UInt8(truncatingIfNeeded: quantum >> 16))
                output.append(UInt8(truncatingIfNeeded: quantum >> 8))
                output.append(UInt8(truncatingIfNeeded: quantum))
                quantum = 0
                count = 0
            }
        }
        // A quantum left incomplete (missing padding) is an error at the end of the input.
        if !finished, count + padding != 0 { throw DecodingError(offset: offset) }
        return output
    }

    private static func sextet(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }
}
