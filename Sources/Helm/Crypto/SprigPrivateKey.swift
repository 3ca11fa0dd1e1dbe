/// A private key as Sprig holds one: what `genPrivateKey` makes and what the
/// `…WithKey` functions and `buildCustomCert` accept (Sprig's parsePrivateKeyPEM),
/// written back as Sprig's pemBlockForKey writes it.
enum SprigPrivateKey {
    /// RSA, ECDSA (P-224, P-256, P-384, P-521), Ed25519 or X25519, held by libcrypto.
    case key(CryptoKey)
    /// A DSA key in Sprig's own sequence (version, P, Q, G, Y, X). Go can neither
    /// sign with one nor put one in a certificate, so only its shape matters here.
    case dsa

    /// `genPrivateKey TYPE`: Sprig's PEM text, or its message for an unknown type.
    static func generatePEM(_ type: String) throws(CryptoFailure) -> String {
        let key: CryptoKey
        switch type {
        case "", "rsa": key = try CryptoKey.generate(.rsa, bits: 4096)
        case "ecdsa": key = try CryptoKey.generate(.ec)
        case "ed25519": key = try CryptoKey.generate(.ed25519)
        case "dsa": key = try CryptoKey.generate(.dsa)
        default: return "Unknown type " + type
        }
        return try SprigPrivateKey.key(key).pem()
    }

    /// Sprig's PEM block for the key: PKCS#1 for RSA, SEC 1 for ECDSA, DSA's own
    /// sequence, PKCS#8 for the rest.
    func pem() throws(CryptoFailure) -> String {
        guard case .key(let key) = self else { throw CryptoFailure("a DSA key read from PEM is never written back") }
        switch key.kind {
        case .rsa: return PEM.encode(type: "RSA PRIVATE KEY", try key.privateKeyDER())
        case .ec: return PEM.encode(type: "EC PRIVATE KEY", try key.privateKeyDER())
        case .dsa: return PEM.encode(type: "DSA PRIVATE KEY", try key.privateKeyDER())
        case .ed25519: return PEM.encode(type: "PRIVATE KEY", Self.pkcs8(algorithm: Self.ed25519, try key.rawPrivateKey()))
        case .x25519: return PEM.encode(type: "PRIVATE KEY", Self.pkcs8(algorithm: Self.x25519, try key.rawPrivateKey()))
        case .other: throw CryptoFailure("unsupported private key type")
        }
    }

    static let rsaEncryption: [UInt] = [1, 2, 840, 113549, 1, 1, 1]
    static let ecPublicKey: [UInt] = [1, 2, 840, 10045, 2, 1]
    static let ed25519: [UInt] = [1, 3, 101, 112]
    static let x25519: [UInt] = [1, 3, 101, 110]
    /// OpenSSL's names of the curves Go's crypto/x509 knows.
    static let goCurves: Set<String> = ["secp224r1", "prime256v1", "secp384r1", "secp521r1"]

    /// PKCS#8 for a raw Ed25519/X25519 key, as Go's MarshalPKCS8PrivateKey lays it out.
    private static func pkcs8(algorithm: [UInt], _ raw: [UInt8]) -> [UInt8] {
        DER.sequence([DER.integer(0), DER.sequence([DER.objectIdentifier(algorithm)]), DER.octetString(DER.octetString(raw))])
    }

    /// Sprig's parsePrivateKeyPEM. Errors are Sprig's texts where Sprig's own code
    /// writes them; where Go's ASN.1 parser would explain malformed DER, OpenSSL's
    /// reason stands in.
    static func parse(pem text: String) throws(CryptoFailure) -> SprigPrivateKey {
        guard let block = PEM.decode(Array(text.utf8)) else { throw CryptoFailure("no PEM data in input") }
        if block.type == "PRIVATE KEY" {
            do throws(CryptoFailure) {
                return try parsePKCS8(block.bytes)
            } catch {
                throw CryptoFailure("decoding PEM as PKCS#8: \(error.message)")
            }
        }
        guard block.type.hasSuffix(" PRIVATE KEY") else {
            throw CryptoFailure("no private key data in PEM block of type \(block.type)")
        }
        switch block.type.dropLast(" PRIVATE KEY".count) {
        case "RSA":
            do throws(CryptoFailure) {
                guard Shape.of(block.bytes) == .pkcs1 else {
                    switch Shape.of(block.bytes) {
                    case .ec: throw CryptoFailure("x509: failed to parse private key (use ParseECPrivateKey instead for this key format)")
                    case .pkcs8: throw CryptoFailure("x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)")
                    default: throw CryptoFailure(Self.malformed(block.bytes, structure: "pkcs1PrivateKey"))
                    }
                }
                if let (_, rest) = DER.read(block.bytes[...]), !rest.isEmpty {
                    throw CryptoFailure("asn1: syntax error: trailing data")
                }
                return .key(try CryptoKey.parse(block.bytes, as: .rsa))
            } catch {
                throw CryptoFailure("parsing RSA private key from PEM: \(error.message)")
            }
        case "EC":
            do throws(CryptoFailure) {
                guard Shape.of(block.bytes) == .ec else {
                    switch Shape.of(block.bytes) {
                    case .pkcs8: throw CryptoFailure("x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)")
                    case .pkcs1: throw CryptoFailure("x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)")
                    default:
                        throw CryptoFailure("x509: failed to parse EC private key: " + Self.malformed(block.bytes, structure: "ecPrivateKey"))
                    }
                }
                let key = try CryptoKey.parse(block.bytes, as: .ec)
                guard key.curve.map(goCurves.contains) == true else { throw CryptoFailure("x509: unknown elliptic curve") }
                return .key(key)
            } catch {
                throw CryptoFailure("parsing EC private key from PEM: \(error.message)")
            }
        case "DSA":
            guard let (element, _) = DER.read(block.bytes[...]), element.tag == DER.sequenceTag,
                let fields = element.children, fields.count == 6, fields.allSatisfy({ $0.tag == 0x02 })
            else {
                throw CryptoFailure("parsing DSA private key from PEM: " + Self.malformed(block.bytes, structure: "DSAKeyFormat"))
            }
            return .dsa
        default:
            throw CryptoFailure("invalid private key type \(block.type)")
        }
    }

    /// Which of Go's private key structures DER has the shape of (the first
    /// fields' types), as Go tells them apart to suggest the right parser.
    private enum Shape {
        case pkcs1, ec, pkcs8, none

        static func of(_ der: [UInt8]) -> Shape {
            guard let (element, _) = DER.read(der[...]), element.tag == DER.sequenceTag, let fields = element.children,
                fields.count >= 2, fields[0].tag == 0x02
            else { return .none }
            if fields.count >= 6 && fields.prefix(6).allSatisfy({ $0.tag == 0x02 }) { return .pkcs1 }
            if fields[1].tag == 0x04 { return .ec }
            if fields.count >= 3 && fields[1].tag == DER.sequenceTag && fields[2].tag == 0x04 { return .pkcs8 }
            return .none
        }
    }

    /// Go's asn1 error when DER does not even start with the expected SEQUENCE;
    /// past that, a plain description (Go's would name the field).
    static func malformed(_ der: [UInt8], structure: String) -> String {
        guard let first = der.first else { return "asn1: syntax error: sequence truncated" }
        guard first & 0x1f != 0x1f, der.count >= 2 else { return "asn1: syntax error: data truncated" }
        var length = Int(der[1])
        var offset = 2
        if length & 0x80 != 0 {
            let count = length & 0x7f
            guard count > 0 else { return "asn1: syntax error: indefinite length found (not DER)" }
            guard count <= 4, der.count >= 2 + count else { return "asn1: syntax error: data truncated" }
            length = 0
            for byte in der[2..<(2 + count)] { length = length << 8 | Int(byte) }
            offset += count
        }
        guard der.count - offset >= length else { return "asn1: syntax error: data truncated" }
        if first != DER.sequenceTag {
            return "asn1: structure error: tags don't match (16 vs {class:\(first >> 6) tag:\(first & 0x1f) length:\(length) "
                + "isCompound:\(first & 0x20 != 0)}) {optional:false explicit:false application:false private:false "
                + "defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false} \(structure) @\(offset)"
        }
        return "asn1: malformed \(structure)"
    }

    /// Go's ParsePKCS8PrivateKey: RSA, ECDSA on Go's curves, Ed25519 and X25519 only.
    private static func parsePKCS8(_ der: [UInt8]) throws(CryptoFailure) -> SprigPrivateKey {
        switch Shape.of(der) {
        case .pkcs8: break
        case .ec: throw CryptoFailure("x509: failed to parse private key (use ParseECPrivateKey instead for this key format)")
        case .pkcs1: throw CryptoFailure("x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)")
        case .none: throw CryptoFailure(malformed(der, structure: "pkcs8"))
        }
        guard let (info, _) = DER.read(der[...]), let fields = info.children, let algorithm = fields[1].children?.first,
            algorithm.tag == 0x06
        else { throw CryptoFailure(malformed(der, structure: "pkcs8")) }
        let oid = DER.dotted(algorithm.content)
        let known: [String: String] = [
            "1.2.840.113549.1.1.1": "RSA", "1.2.840.10045.2.1": "EC", "1.3.101.112": "Ed25519", "1.3.101.110": "X25519",
        ]
        guard let name = known[oid] else {
            throw CryptoFailure("x509: PKCS#8 wrapping contained private key with unknown algorithm: \(oid)")
        }
        do throws(CryptoFailure) {
            let key = try CryptoKey.parse(der, as: nil)
            if key.kind == .ec, key.curve.map(goCurves.contains) != true {
                throw CryptoFailure("x509: unknown elliptic curve")
            }
            return .key(key)
        } catch {
            throw CryptoFailure("x509: failed to parse \(name) private key embedded in PKCS#8: \(error.message)")
        }
    }

}
