/// Sprig's certificates, laid out as Go's crypto/x509 `CreateCertificate` lays
/// out Sprig's template: version 3, a random 128-bit serial, the subject's common
/// name alone, validity from now for DAYS × 24 h, key usage digital signature and
/// key encipherment (plus certificate signing for a CA, critical), extended key
/// usage server and client authentication, critical basic constraints (CA:TRUE
/// for a CA), a subject key identifier for a CA (SHA-256 of the public key, first
/// 20 bytes), the issuer's key identifier when issuer and subject differ, and
/// DNS names then IP addresses as alternative names (critical when the subject is
/// empty). Checks and messages follow Go's, in Go's order.
enum SprigX509 {
    /// What Sprig's getBaseCertTemplate takes, already checked.
    struct Request {
        var commonName: String
        var ipAddresses: [[UInt8]]
        var dnsNames: [String]
        var daysValid: Int
        var isCA: Bool
    }

    /// The issuing certificate's parts that matter (Go's parsed `*x509.Certificate`).
    struct Issuer {
        var subject: [UInt8]
        var publicKeyInfo: [UInt8]
        var subjectKeyID: [UInt8]?
    }

    /// The current time as Go's time.Now gives it: Unix seconds and nanoseconds.
    struct Instant {
        var seconds: Int64
        var nanoseconds: Int64
    }

    /// Sprig's getNetIPs and getAlternateDNSStrs: nil means none.
    static func request(
        commonName: String, ips: GoValue, dnsNames: GoValue, daysValid: Int, isCA: Bool
    ) throws(CryptoFailure) -> Request {
        var addresses: [[UInt8]] = []
        for ip in Fn.elements(ips) ?? [] {
            guard case .string(let text) = ip else { throw CryptoFailure("error parsing ip: \(GoFormat.string(ip)) is not a string") }
            guard let bytes = GoIP.certificateBytes(text) else { throw CryptoFailure("error parsing ip: \(text)") }
            addresses.append(bytes)
        }
        var names: [String] = []
        for name in Fn.elements(dnsNames) ?? [] {
            guard case .string(let text) = name else {
                throw CryptoFailure("error processing alternate dns name: \(GoFormat.string(name)) is not a string")
            }
            names.append(text)
        }
        return Request(commonName: commonName, ipAddresses: addresses, dnsNames: names, daysValid: daysValid, isCA: isCA)
    }

    /// Sprig's getCertAndKey: the certificate and the signee's key, both PEM. With
    /// no issuer the certificate signs itself (the template is its own parent).
    static func create(
        _ request: Request, signee: SprigPrivateKey, issuer: Issuer?, signer: SprigPrivateKey, now: Instant
    ) throws(CryptoFailure) -> (certificate: String, key: String) {
        do {
            let der = try certificate(request, signee: signee, issuer: issuer, signer: signer, now: now)
            return (PEM.encode(type: "CERTIFICATE", der), try signee.pem())
        } catch {
            throw CryptoFailure("error creating certificate: \(error.message)")
        }
    }

    private static func certificate(
        _ request: Request, signee: SprigPrivateKey, issuer: Issuer?, signer: SprigPrivateKey, now: Instant
    ) throws(CryptoFailure) -> [UInt8] {
        guard case .key(let signingKey) = signer, [.rsa, .ec, .ed25519].contains(signingKey.kind) else {
            throw CryptoFailure("x509: certificate private key does not implement crypto.Signer")
        }
        let (digest, signatureAlgorithm) = try signingParameters(signingKey)
        let publicKeyInfo: [UInt8]
        switch signee {
        case .dsa: throw CryptoFailure("x509: unsupported public key type: *dsa.PublicKey")
        case .key(let key):
            switch key.kind {
            case .rsa, .ec, .ed25519: publicKeyInfo = try key.publicKeyInfo()
            case .x25519: throw CryptoFailure("x509: unsupported public key type: *ecdh.PublicKey")
            case .dsa: throw CryptoFailure("x509: unsupported public key type: *dsa.PublicKey")
            case .other: throw CryptoFailure("x509: unsupported public key type")
            }
        }
        let subject = name(request.commonName)
        let issuerName = issuer?.subject ?? subject
        let authorityKeyID = issuerName != subject ? issuer?.subjectKeyID : nil
        let subjectKeyID = request.isCA ? Array(Digests.sha256(try subjectPublicKey(publicKeyInfo)).prefix(20)) : nil
        if let issuer, try signingKey.publicKeyInfo() != issuer.publicKeyInfo {
            throw CryptoFailure("x509: provided PrivateKey doesn't match parent's PublicKey")
        }
        let extensions = try self.extensions(
            request, emptySubject: subject == emptyName, authorityKeyID: authorityKeyID, subjectKeyID: subjectKeyID)

        let serial = try LibCrypto.random(16)
        // Go's time.Duration arithmetic: 24 h × days in int64 nanoseconds, wrapping.
        let validFor = Int64(86_400_000_000_000) &* Int64(truncatingIfNeeded: request.daysValid)
        let notAfter = now.nanoseconds &+ validFor
        let notAfterSeconds = now.seconds + notAfter / 1_000_000_000 - (notAfter % 1_000_000_000 < 0 ? 1 : 0)
        let tbs = DER.sequence([
            DER.element(0xa0, DER.integer(2)),
            DER.integer(magnitude: serial),
            signatureAlgorithm,
            issuerName,
            DER.sequence([time(now.seconds), time(notAfterSeconds)]),
            subject,
            publicKeyInfo,
            DER.element(0xa3, DER.sequence(extensions)),
        ])
        if signingKey.kind == .rsa && signingKey.bits < 1024 {
            throw CryptoFailure(
                "crypto/rsa: \(signingKey.bits)-bit keys are insecure (see https://go.dev/pkg/crypto/rsa#hdr-Minimum_key_size)")
        }
        let signature = try signingKey.sign(tbs, digest: digest)
        return DER.sequence([tbs, signatureAlgorithm, DER.bitString(signature)])
    }

    /// Go's signingParamsForKey: the digest and the AlgorithmIdentifier.
    private static func signingParameters(_ key: CryptoKey) throws(CryptoFailure) -> (String?, [UInt8]) {
        switch key.kind {
        case .rsa:
            return ("SHA256", DER.sequence([DER.objectIdentifier([1, 2, 840, 113549, 1, 1, 11]), DER.null]))
        case .ec:
            switch key.curve {
            case "secp224r1", "prime256v1": return ("SHA256", DER.sequence([DER.objectIdentifier([1, 2, 840, 10045, 4, 3, 2])]))
            case "secp384r1": return ("SHA384", DER.sequence([DER.objectIdentifier([1, 2, 840, 10045, 4, 3, 3])]))
            case "secp521r1": return ("SHA512", DER.sequence([DER.objectIdentifier([1, 2, 840, 10045, 4, 3, 4])]))
            default: throw CryptoFailure("x509: unknown elliptic curve")
            }
        case .ed25519:
            return (nil, DER.sequence([DER.objectIdentifier([1, 3, 101, 112])]))
        case .dsa, .x25519, .other:
            throw CryptoFailure("x509: only RSA, ECDSA and Ed25519 keys supported")
        }
    }

    /// The subjectPublicKey bits of a SubjectPublicKeyInfo.
    private static func subjectPublicKey(_ info: [UInt8]) throws(CryptoFailure) -> [UInt8] {
        guard let (element, _) = DER.read(info[...]), let fields = element.children, fields.count == 2,
            fields[1].tag == 0x03, !fields[1].content.isEmpty
        else { throw CryptoFailure("x509: malformed public key") }
        return Array(fields[1].content.dropFirst())
    }

    static let emptyName: [UInt8] = [0x30, 0x00]

    /// A Name with just the common name, as Go marshals pkix.Name: PrintableString
    /// when every character is printable in ASN.1's sense (`*` and `&` are not),
    /// else UTF8String; an empty name when the common name is empty.
    static func name(_ commonName: String) -> [UInt8] {
        if commonName.isEmpty { return emptyName }
        let bytes = Array(commonName.utf8)
        let printable = bytes.allSatisfy { c in
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return Array(" '()+,-./:=?".utf8).contains(c)
            }
        }
        let value = DER.element(printable ? 0x13 : 0x0c, bytes)
        return DER.sequence([DER.element(DER.setTag, DER.sequence([DER.objectIdentifier([2, 5, 4, 3]), value]))])
    }

    /// UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280, as Go does).
    static func time(_ unixSeconds: Int64) -> [UInt8] {
        let days = unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds - 86_399) / 86_400
        let secondOfDay = unixSeconds - days * 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let clock = two(month) + two(day) + two(secondOfDay / 3600) + two(secondOfDay / 60 % 60) + two(secondOfDay % 60) + "Z"
        if year >= 1950 && year < 2050 { return DER.element(0x17, Array((two(year % 100) + clock).utf8)) }
        let fourDigits = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return DER.element(0x18, Array((fourDigits + clock).utf8))
    }

    /// Go's buildCertExtensions for Sprig's template, in Go's order.
    private static func extensions(
        _ request: Request, emptySubject: Bool, authorityKeyID: [UInt8]?, subjectKeyID: [UInt8]?
    ) throws(CryptoFailure) -> [[UInt8]] {
        func ext(_ oid: [UInt], critical: Bool = false, _ value: [UInt8]) -> [UInt8] {
            DER.sequence([DER.objectIdentifier(oid)] + (critical ? [DER.true] : []) + [DER.octetString(value)])
        }
        // Digital signature (bit 0), key encipherment (bit 2), certificate signing (bit 5).
        let keyUsage = request.isCA ? DER.bitString([0xa4], unusedBits: 2) : DER.bitString([0xa0], unusedBits: 5)
        var out = [
            ext([2, 5, 29, 15], critical: true, keyUsage),
            ext([2, 5, 29, 37], DER.sequence([
                DER.objectIdentifier([1, 3, 6, 1, 5, 5, 7, 3, 1]), DER.objectIdentifier([1, 3, 6, 1, 5, 5, 7, 3, 2]),
            ])),
            ext([2, 5, 29, 19], critical: true, DER.sequence(request.isCA ? [DER.true] : [])),
        ]
        if let subjectKeyID { out.append(ext([2, 5, 29, 14], DER.octetString(subjectKeyID))) }
        if let authorityKeyID, !authorityKeyID.isEmpty {
            out.append(ext([2, 5, 29, 35], DER.sequence([DER.element(0x80, authorityKeyID)])))
        }
        if !request.dnsNames.isEmpty || !request.ipAddresses.isEmpty {
            var names: [[UInt8]] = []
            for name in request.dnsNames {
                guard name.unicodeScalars.allSatisfy(\.isASCII) else {
                    throw CryptoFailure("x509: \(GoQuote.quote(name)) cannot be encoded as an IA5String")
                }
                names.append(DER.element(0x82, Array(name.utf8)))
            }
            for address in request.ipAddresses { names.append(DER.element(0x87, address)) }
            out.append(ext([2, 5, 29, 17], critical: emptySubject, DER.sequence(names)))
        }
        return out
    }

    /// The parts of a CA certificate (DER) that signing needs: Go would have
    /// parsed it with ParseCertificate; nil when it is not a certificate.
    static func issuer(_ der: [UInt8]) throws(CryptoFailure) -> Issuer? {
        guard try LibCrypto.certificateParses(der),
            let (certificate, _) = DER.read(der[...]), let parts = certificate.children, parts.count == 3,
            var tbs = parts[0].children
        else { return nil }
        if tbs.first?.tag == 0xa0 { tbs.removeFirst() }
        // serial, signature, issuer, validity, subject, subjectPublicKeyInfo, then optional parts.
        guard tbs.count >= 6 else { return nil }
        var keyID: [UInt8]?
        if let extensions = tbs.first(where: { $0.tag == 0xa3 })?.children?.first?.children {
            for ext in extensions {
                guard let fields = ext.children, fields.count >= 2, fields[0].tag == 0x06,
                    Array(fields[0].content) == [0x55, 0x1d, 0x0e], let value = fields.last, value.tag == 0x04,
                    let (id, _) = DER.read(value.content), id.tag == 0x04
                else { continue }
                keyID = Array(id.content)
            }
        }
        return Issuer(subject: Array(tbs[4].encoded), publicKeyInfo: Array(tbs[5].encoded), subjectKeyID: keyID)
    }
}
