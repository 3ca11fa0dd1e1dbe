/// The few DER (X.690) encodings and the reading that Sprig's certificates need:
/// building a certificate's to-be-signed part as Go's crypto/x509 lays it out, and
/// finding the fields of a CA certificate and a PKCS#8 key.
enum DER {
    static let sequenceTag: UInt8 = 0x30
    static let setTag: UInt8 = 0x31

    static func element(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var out = [tag]
        let count = content.count
        if count < 0x80 {
            out.append(UInt8(count))
        } else {
            var length: [UInt8] = []
            var rest = count
            while rest > 0 {
                length.insert(UInt8(rest & 0xff), at: 0)
                rest >>= 8
            }
            out.append(0x80 | UInt8(length.count))
            out += length
        }
        return out + content
    }

    static func sequence(_ parts: [[UInt8]]) -> [UInt8] { element(sequenceTag, parts.flatMap { $0 }) }

    /// A non-negative INTEGER from big-endian magnitude bytes.
    static func integer(magnitude: [UInt8]) -> [UInt8] {
        var bytes = Array(magnitude.drop { $0 == 0 })
        if bytes.isEmpty || bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return element(0x02, bytes)
    }

    static func integer(_ value: Int) -> [UInt8] {
        var magnitude: [UInt8] = []
        var rest = value
        repeat {
            magnitude.insert(UInt8(rest & 0xff), at: 0)
            rest >>= 8
        } while rest > 0
        return integer(magnitude: magnitude)
    }

    static func objectIdentifier(_ components: [UInt]) -> [UInt8] {
        var content = [UInt8(components[0] * 40 + components[1])]
        for component in components.dropFirst(2) {
            var base128 = [UInt8(component & 0x7f)]
            var rest = component >> 7
            while rest > 0 {
                base128.insert(UInt8(rest & 0x7f) | 0x80, at: 0)
                rest >>= 7
            }
            content += base128
        }
        return element(0x06, content)
    }

    static func octetString(_ bytes: [UInt8]) -> [UInt8] { element(0x04, bytes) }
    static func bitString(_ bytes: [UInt8], unusedBits: UInt8 = 0) -> [UInt8] { element(0x03, [unusedBits] + bytes) }
    static let `true`: [UInt8] = [0x01, 0x01, 0xff]
    static let null: [UInt8] = [0x05, 0x00]

    /// A dotted object identifier as Go's `asn1.ObjectIdentifier.String` prints it.
    static func dotted(_ content: ArraySlice<UInt8>) -> String {
        var components: [UInt] = []
        var value: UInt = 0
        for byte in content {
            value = value << 7 | UInt(byte & 0x7f)
            if byte & 0x80 == 0 {
                if components.isEmpty {
                    let first: UInt = value < 80 ? value / 40 : 2
                    components += [first, value - first * 40]
                } else {
                    components.append(value)
                }
                value = 0
            }
        }
        return components.map(String.init).joined(separator: ".")
    }

    // MARK: Reading

    /// One element: its tag, its content and its whole encoding.
    struct Element {
        var tag: UInt8
        var content: ArraySlice<UInt8>
        var encoded: ArraySlice<UInt8>

        /// The elements of a constructed element's content, or nil when they are not DER.
        var children: [Element]? { DER.elements(content) }
    }

    /// The element at the start of `bytes` and where the next begins; nil when malformed.
    static func read(_ bytes: ArraySlice<UInt8>) -> (Element, rest: ArraySlice<UInt8>)? {
        var index = bytes.startIndex
        guard index < bytes.endIndex else { return nil }
        let tag = bytes[index]
        // Multi-byte tags never occur in the structures read here.
        guard tag & 0x1f != 0x1f else { return nil }
        index += 1
        guard index < bytes.endIndex else { return nil }
        var length = Int(bytes[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7f
            guard count > 0, count <= 4, bytes.endIndex - index >= count else { return nil }
            length = 0
            for _ in 0..<count {
                length = length << 8 | Int(bytes[index])
                index += 1
            }
        }
        guard bytes.endIndex - index >= length else { return nil }
        let end = index + length
        return (Element(tag: tag, content: bytes[index..<end], encoded: bytes[bytes.startIndex..<end]), bytes[end...])
    }

    /// Every element of `bytes`, or nil when they do not fill it exactly.
    static func elements(_ bytes: ArraySlice<UInt8>) -> [Element]? {
        var rest = bytes
        var out: [Element] = []
        while !rest.isEmpty {
            guard let (element, next) = read(rest) else { return nil }
            out.append(element)
            rest = next
        }
        return out
    }
}
