import YAML

/// Sprig's key, certificate and password functions (crypto.go): `genPrivateKey`,
/// `genCA`, `genSelfSignedCert`, `genSignedCert` (each also `…WithKey`),
/// `buildCustomCert`, `encryptAES`, `decryptAES` and `derivePassword`, with
/// Sprig's key types and sizes, certificate contents, AES scheme and messages.
/// The cryptography is OpenSSL 3's libcrypto, loaded on first use; without it
/// these functions fail with a message that names the library. Keys, serial
/// numbers and IVs come from libcrypto's generator; certificates start at the
/// render environment's `now`. Errors never contain key material.
enum CryptoFunctions {
    static let all: [TemplateFunction] = functions.map { function in
        // libcrypto first: without it, every one of these fails with the same clear message.
        TemplateFunction(function.name, function.parameters, variadic: function.variadic) { runtime, arguments in
            try crypto { () throws(CryptoFailure) in try LibCrypto.load() }
            return try function.body(runtime, arguments)
        }
    }

    private static let functions: [TemplateFunction] = [
        Fn.make("genPrivateKey", [.string]) { a in
            let type = try Fn.string(a[0])
            return .string(try crypto { () throws(CryptoFailure) in try SprigPrivateKey.generatePEM(type) })
        },
        TemplateFunction("genCA", [.string, .int]) { runtime, a in
            let signee = try generatedRSAKey()
            return try certificate(try request(a, isCA: true), signee: signee, issuer: nil, now: runtime.environment.now())
        },
        TemplateFunction("genCAWithKey", [.string, .int, .string]) { runtime, a in
            let signee = try parsedKey(a[2], context: "parsing private key")
            return try certificate(try request(a, isCA: true), signee: signee, issuer: nil, now: runtime.environment.now())
        },
        TemplateFunction("genSelfSignedCert", [.string, .list, .list, .int]) { runtime, a in
            let signee = try generatedRSAKey()
            return try certificate(try request(a, isCA: false), signee: signee, issuer: nil, now: runtime.environment.now())
        },
        TemplateFunction("genSelfSignedCertWithKey", [.string, .list, .list, .int, .string]) { runtime, a in
            let signee = try parsedKey(a[4], context: "parsing private key")
            return try certificate(try request(a, isCA: false), signee: signee, issuer: nil, now: runtime.environment.now())
        },
        TemplateFunction("genSignedCert", [.string, .list, .list, .int, .object(SprigCertificate.typeName)]) { runtime, a in
            let signee = try generatedRSAKey()
            let issuer = try authority(a[4])
            return try certificate(try request(a, isCA: false), signee: signee, issuer: issuer, now: runtime.environment.now())
        },
        TemplateFunction("genSignedCertWithKey", [.string, .list, .list, .int, .object(SprigCertificate.typeName), .string]) { runtime, a in
            let signee = try parsedKey(a[5], context: "parsing private key")
            let issuer = try authority(a[4])
            return try certificate(try request(a, isCA: false), signee: signee, issuer: issuer, now: runtime.environment.now())
        },
        Fn.make("buildCustomCert", [.string, .string]) { a in
            let certificateText: [UInt8]
            let keyText: [UInt8]
            do {
                certificateText = try Base64.decode(try Fn.string(a[0]))
            } catch { throw Fn.fail("unable to decode base64 certificate") }
            do {
                keyText = try Base64.decode(try Fn.string(a[1]))
            } catch { throw Fn.fail("unable to decode base64 private key") }
            guard let block = PEM.decode(certificateText) else { throw Fn.fail("unable to decode certificate") }
            guard try crypto({ () throws(CryptoFailure) in try LibCrypto.certificateParses(block.bytes) }) else {
                throw Fn.fail("error parsing certificate: decodedCert.Bytes: x509: malformed certificate")
            }
            let key = String(decoding: keyText, as: UTF8.self)
            _ = try parsedKey(.string(key), context: "error parsing private key")
            return .object(SprigCertificate(certificate: String(decoding: certificateText, as: UTF8.self), key: key))
        },
        Fn.make("encryptAES", [.string, .string]) { a in
            let (password, text) = (try Fn.string(a[0]), try Fn.string(a[1]))
            return .string(try crypto { () throws(CryptoFailure) in try SprigAES.encrypt(password: password, text) })
        },
        Fn.make("decryptAES", [.string, .string]) { a in
            let password = try Fn.string(a[0])
            let text = try Fn.string(a[1])
            return .string(try crypto { () throws(CryptoFailure) in try SprigAES.decrypt(password: password, text) })
        },
        Fn.make("derivePassword", [.uint32, .string, .string, .string, .string]) { a in
            guard case .int64(let counter) = a[0] else { throw Fn.fail("wrong type for value; expected uint32; got \(a[0].goTypeName)") }
            let (type, password, user, site) = (try Fn.string(a[1]), try Fn.string(a[2]), try Fn.string(a[3]), try Fn.string(a[4]))
            return .string(try crypto { () throws(CryptoFailure) in
                try MasterPassword.derive(counter: UInt32(truncatingIfNeeded: counter), type: type, password: password, user: user, site: site)
            })
        },
    ]

    /// Runs crypto work, turning its failure into the function's error.
    private static func crypto<T>(_ work: () throws(CryptoFailure) -> T) throws -> T {
        do {
            return try work()
        } catch {
            throw Fn.fail(error.message)
        }
    }

    private static func generatedRSAKey() throws -> SprigPrivateKey {
        do {
            return .key(try CryptoKey.generate(.rsa, bits: 2048))
        } catch {
            throw Fn.fail("error generating rsa key: \(error.message)")
        }
    }

    private static func parsedKey(_ text: GoValue, context: String) throws -> SprigPrivateKey {
        let pem = try Fn.string(text)
        do {
            return try SprigPrivateKey.parse(pem: pem)
        } catch {
            throw Fn.fail("\(context): \(error.message)")
        }
    }

    /// The checked template arguments: `CN DAYS` for a CA, `CN IPS DNS DAYS` otherwise.
    private static func request(_ a: [GoValue], isCA: Bool) throws -> SprigX509.Request {
        let commonName = try Fn.string(a[0])
        let (ips, dnsNames) = isCA ? (GoValue.missing, GoValue.missing) : (a[1], a[2])
        let days = try Fn.int(a[isCA ? 1 : 3])
        return try crypto { () throws(CryptoFailure) in
            try SprigX509.request(commonName: commonName, ips: ips, dnsNames: dnsNames, daysValid: days, isCA: isCA)
        }
    }

    /// Sprig reads the CA's certificate, then its key.
    private static func authority(_ value: GoValue) throws -> (SprigX509.Issuer, SprigPrivateKey) {
        guard case .object(let object) = value, let ca = object as? SprigCertificate else {
            throw Fn.fail("wrong type for value; expected \(SprigCertificate.typeName); got \(value.goTypeName)")
        }
        guard let block = PEM.decode(Array(ca.certificate.utf8)) else { throw Fn.fail("unable to decode certificate") }
        guard let issuer = try crypto({ () throws(CryptoFailure) in try SprigX509.issuer(block.bytes) }) else {
            throw Fn.fail("error parsing certificate: decodedSignerCert.Bytes: x509: malformed certificate")
        }
        return (issuer, try parsedKey(.string(ca.key), context: "error parsing private key"))
    }

    /// The certificate, valid from `now` (the render environment's clock).
    private static func certificate(
        _ request: SprigX509.Request, signee: SprigPrivateKey, issuer: (SprigX509.Issuer, SprigPrivateKey)?, now: GoTime
    ) throws -> GoValue {
        let instant = SprigX509.Instant(seconds: now.seconds, nanoseconds: now.nanoseconds)
        let (certificate, key) = try crypto { () throws(CryptoFailure) in
            try SprigX509.create(request, signee: signee, issuer: issuer?.0, signer: issuer?.1 ?? signee, now: instant)
        }
        return .object(SprigCertificate(certificate: certificate, key: key))
    }
}

/// Sprig's `certificate` struct: `.Cert` and `.Key`, both PEM text. Passed by
/// value in Go; nothing here changes it after it is made.
final class SprigCertificate: GoObject {
    static let typeName = "sprig.certificate"

    let certificate: String
    let key: String

    init(certificate: String, key: String) {
        self.certificate = certificate
        self.key = key
    }

    var goTypeName: String { Self.typeName }
    var shape: GoObjectShape { .structure(fields: [.string(certificate), .string(key)], stringer: nil) }
    var fieldNames: [String] { ["Cert", "Key"] }

    func field(_ name: String) -> GoValue? {
        switch name {
        case "Cert": return .string(certificate)
        case "Key": return .string(key)
        default: return nil
        }
    }

    func method(_ name: String) -> GoMethod? { nil }
}
