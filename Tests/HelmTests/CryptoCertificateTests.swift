import XCTest

@testable import Helm

/// Certificates and keys from Sprig's functions, read back with the `openssl`
/// command: ours have what Helm's have for the same arguments (subject, issuer,
/// alternative names, key usages, CA flag, key type and size; everything but
/// serial, dates, key bytes and signature), last DAYS days, verify against their
/// CA, and match their keys.
final class CryptoCertificateTests: XCTestCase {
    private var openssl: OpenSSLTool!

    override func setUpWithError() throws {
        openssl = try OpenSSLTool.required()
    }

    override func tearDown() {
        openssl?.cleanUp()
    }

    /// Renders `templates` with us and with Helm; each output is PEM blocks.
    private func bothRender(_ templates: [String]) throws -> [(ours: [String], helm: [String])] {
        let helm = try HelmOracle.required().renderTemplates(templates)
        return zip(templates, helm).map { template, helmOutcome in
            let ours = ChartFixture.renderFiles(HelmOracle.Case(templates: ["t.yaml": template]))
            return (blocks(ours, template), blocks(helmOutcome, template))
        }
    }

    private func blocks(_ outcome: HelmOracle.Outcome, _ template: String) -> [String] {
        switch outcome {
        case .output(let files): return pemBlocks(files["c/templates/t.yaml"] ?? "")
        case .error(let message):
            XCTFail("\(template): \(message)")
            return []
        }
    }

    /// Each certificate of ours reads like Helm's; each key is of the same kind and size.
    private func assertSameShape(_ ours: [String], _ helm: [String], _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(ours.count, helm.count, "\(label): number of PEM blocks", file: file, line: line)
        for (a, b) in zip(ours, helm) {
            XCTAssertEqual(a.split(separator: "\n").first, b.split(separator: "\n").first, "\(label): PEM type", file: file, line: line)
            if a.hasPrefix("-----BEGIN CERTIFICATE-----") {
                XCTAssertEqual(try openssl.certificateText(a), try openssl.certificateText(b), "\(label): certificate", file: file, line: line)
            } else {
                let kind = { (pem: String) throws -> String in
                    String(try self.openssl.output(["pkey", "-noout", "-text"], input: pem).split(separator: "\n").first ?? "")
                }
                XCTAssertEqual(try kind(a), try kind(b), "\(label): key", file: file, line: line)
                XCTAssertEqual(try asn1Shape(a), try asn1Shape(b), "\(label): key structure", file: file, line: line)
            }
        }
    }

    /// `asn1parse` without offsets, lengths and values: the structure alone.
    private func asn1Shape(_ pem: String) throws -> [String] {
        try openssl.output(["asn1parse"], input: pem).split(separator: "\n").map { line in
            let afterOffset = line.split(separator: ":", maxSplits: 1).last ?? ""
            let parts = afterOffset.split(separator: " ", omittingEmptySubsequences: true)
            return parts.filter { !$0.hasPrefix("l=") && !$0.hasPrefix("hl=") && !$0.allSatisfy(\.isNumber) }.joined(separator: " ")
                .replacingOccurrences(of: #":[0-9A-F]+$"#, with: "", options: .regularExpression)
        }
    }

    func testCertificatesReadLikeHelms() throws {
        let templates = [
            #"{{ $c := genCA "my-ca" 365 }}{{ $c.Cert }}{{ $c.Key }}"#,
            #"{{ $c := genSelfSignedCert "svc.ns" (list "10.0.0.1" "::1" "::ffff:1.2.3.4" "2001:db8::8:800:200c:417a") (list "a.example" "b" "") 30 }}{{ $c.Cert }}{{ $c.Key }}"#,
            #"{{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "leaf" (list "1.2.3.4") (list "x.y" "*.x.y") 10 $ca }}{{ $ca.Cert }}{{ $c.Cert }}{{ $c.Key }}"#,
            #"{{ $ca := genCA "same" 365 }}{{ $c := genSignedCert "same" nil nil 10 $ca }}{{ $c.Cert }}"#,
            #"{{ $c := genSelfSignedCert "" (list "127.0.0.1") nil 1 }}{{ $c.Cert }}"#,
            #"{{ $c := genSelfSignedCert "" nil nil 0 }}{{ $c.Cert }}"#,
            #"{{ $c := genSelfSignedCert "a*b" nil nil 2 }}{{ $c.Cert }}{{ $c := genSelfSignedCert "a&b" nil nil 2 }}{{ $c.Cert }}"#,
            #"{{ $c := genSelfSignedCert "Ünïcödé CN, with (punctuation) = ok?" nil nil -1 }}{{ $c.Cert }}"#,
            #"{{ $k := genPrivateKey "ecdsa" }}{{ $c := genCAWithKey "ec-ca" 5 $k }}{{ $c.Cert }}{{ $c.Key }}{{ $l := genSignedCert "ec-leaf" nil (list "l") 3 $c }}{{ $l.Cert }}"#,
            #"{{ $k := genPrivateKey "ed25519" }}{{ $c := genCAWithKey "ed-ca" 5 $k }}{{ $c.Cert }}{{ $c.Key }}{{ $l := genSignedCertWithKey "ed-leaf" nil nil 3 $c $k }}{{ $l.Cert }}"#,
            #"{{ $ca := genCA "my-ca" 365 }}{{ $k := genPrivateKey "ed25519" }}{{ $c := genSignedCertWithKey "leaf" nil nil 10 $ca $k }}{{ $c.Cert }}{{ $c.Key }}"#,
            #"{{ $ca := genCA "ca" 3 }}{{ $c := buildCustomCert ($ca.Cert | b64enc) ($ca.Key | b64enc) }}{{ $l := genSignedCert "x" nil nil 3 $c }}{{ $l.Cert }}"#,
            #"{{ genPrivateKey "rsa" }}{{ genPrivateKey "" }}{{ genPrivateKey "ecdsa" }}{{ genPrivateKey "ed25519" }}{{ genPrivateKey "dsa" }}"#,
        ]
        for ((ours, helm), template) in zip(try bothRender(templates), templates) {
            try assertSameShape(ours, helm, template)
        }
    }

    /// With the same key, the certificates differ only in serial, dates and signature.
    func testWithKeyFunctionsCertifyTheGivenKey() throws {
        let rsa = try openssl.key(["genrsa", "-traditional", "2048"])
        let p384 = try openssl.key(["ecparam", "-name", "secp384r1", "-genkey", "-noout"])
        let rsaPKCS8 = try openssl.key(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"])
        var templates: [String] = []
        for key in [rsa, p384, rsaPKCS8] {
            let literal = key.replacingOccurrences(of: "\n", with: "\\n")
            templates += [
                #"{{ $c := genCAWithKey "k-ca" 7 "\#(literal)" }}{{ $c.Cert }}{{ $c.Key }}"#,
                #"{{ $c := genSelfSignedCertWithKey "k" (list "10.1.2.3") (list "k.example") 7 "\#(literal)" }}{{ $c.Cert }}{{ $c.Key }}"#,
                #"{{ $ca := genCAWithKey "k-ca" 7 "\#(literal)" }}{{ $c := genSignedCertWithKey "k" nil (list "k") 7 $ca "\#(literal)" }}{{ $c.Cert }}"#,
            ]
        }
        for ((ours, helm), template) in zip(try bothRender(templates), templates) {
            try assertSameShape(ours, helm, template)
            // The same public key, so the same key identifiers and public key lines.
            for (a, b) in zip(ours, helm) where a.hasPrefix("-----BEGIN CERTIFICATE-----") {
                XCTAssertEqual(try openssl.publicKey(certificate: a), try openssl.publicKey(certificate: b), template)
                XCTAssertEqual(
                    try openssl.output(["x509", "-noout", "-ext", "subjectKeyIdentifier,authorityKeyIdentifier"], input: a),
                    try openssl.output(["x509", "-noout", "-ext", "subjectKeyIdentifier,authorityKeyIdentifier"], input: b), template)
            }
            // The key comes back in Sprig's form: PKCS#8 RSA input is written as PKCS#1.
            if let key = ours.last, key.contains("PRIVATE KEY"), let helmKey = helm.last {
                XCTAssertEqual(key, helmKey, template)
            }
        }
    }

    func testValidityIsDaysFromNow() throws {
        for days in [0, 1, 30, 365, -2] {
            let blocks = pemBlocks(try render(#"{{ $c := genSelfSignedCert "x" nil nil \#(days) }}{{ $c.Cert }}"#))
            XCTAssertEqual(try openssl.validitySeconds(blocks[0]), days * 86_400, "days \(days)")
        }
        // Beyond 2049 the date is a GeneralizedTime; Go's 24 h × DAYS wraps in int64 nanoseconds.
        let far = pemBlocks(try render(#"{{ $c := genCA "x" 10000 }}{{ $c.Cert }}"#))
        XCTAssertEqual(try openssl.validitySeconds(far[0]), 10000 * 86_400)
        let wrapped = pemBlocks(try render(#"{{ $c := genSelfSignedCert "x" nil nil 200000 }}{{ $c.Cert }}"#))
        let wrappedSeconds = Int(Int64(86_400_000_000_000) &* 200_000 / 1_000_000_000)
        XCTAssertLessThanOrEqual(abs(try openssl.validitySeconds(wrapped[0]) - wrappedSeconds), 1)
        XCTAssertEqual(SprigX509.time(1_795_000_000), DER.element(0x17, Array("261118110640Z".utf8)))
        XCTAssertEqual(SprigX509.time(2_524_608_000), DER.element(0x18, Array("20500101000000Z".utf8)))
        XCTAssertEqual(SprigX509.time(-631_152_001), DER.element(0x18, Array("19491231235959Z".utf8)))
        XCTAssertEqual(SprigX509.time(0), DER.element(0x17, Array("700101000000Z".utf8)))
    }

    /// Certificates start at the render environment's clock.
    func testValidityStartsAtTheEnvironmentsNow() throws {
        let set = TemplateSet(functions: HelmFunctions.all)
        try set.parse(name: "t", text: #"{{ $c := genSelfSignedCert "x" nil nil 2 }}{{ $c.Cert }}"#)
        let environment = TemplateEnvironment(now: { GoTime(seconds: 1_795_000_000, nanoseconds: 999_999_999) }, localZone: .utc, random: { 0 })
        let pem = try set.execute("t", data: .missing, environment: environment)
        XCTAssertEqual(
            try openssl.output(["x509", "-noout", "-dates", "-dateopt", "iso_8601"], input: pem),
            "notBefore=2026-11-18 11:06:40Z\nnotAfter=2026-11-20 11:06:40Z\n")
    }

    func testSignedCertificatesVerifyAndMatchTheirKeys() throws {
        let output = try render(
            #"{{ $ca := genCA "ca" 3 }}{{ $c := genSignedCert "leaf" (list "10.0.0.1") (list "leaf.example") 3 $ca }}{{ $ca.Cert }}{{ $c.Cert }}{{ $c.Key }}{{ $ca.Key }}"#
                + #"{{ $k := genPrivateKey "ecdsa" }}{{ $e := genSignedCertWithKey "ec" nil nil 3 $ca $k }}{{ $e.Cert }}{{ $e.Key }}"#)
        let blocks = pemBlocks(output)
        XCTAssertEqual(blocks.count, 6)
        let caFile = try openssl.file("ca.pem", blocks[0])
        for (index, certificate) in [(1, blocks[1]), (4, blocks[4])] {
            let leafFile = try openssl.file("leaf\(index).pem", certificate)
            XCTAssertEqual(try openssl.output(["verify", "-CAfile", caFile, leafFile]), "\(leafFile): OK\n")
            XCTAssertEqual(try openssl.publicKey(certificate: certificate), try openssl.publicKey(privateKey: blocks[index + 1]))
        }
        XCTAssertEqual(try openssl.publicKey(certificate: blocks[0]), try openssl.publicKey(privateKey: blocks[3]))
        // A leaf does not verify against another CA.
        let other = pemBlocks(try render(#"{{ $ca := genCA "ca" 3 }}{{ $ca.Cert }}"#))[0]
        let result = try OpenSSLTool.run(["verify", "-CAfile", try openssl.file("other.pem", other), try openssl.file("leaf.pem", blocks[1])], in: openssl.directory)
        XCTAssertNotEqual(result.status, 0)
        // The CA's key identifier is the first 20 bytes of SHA-256 over its public key bits.
        let der = try XCTUnwrap(PEM.decode(Array(try openssl.publicKey(certificate: blocks[0]).utf8))).bytes
        let bits = Array(try XCTUnwrap(DER.read(der[...])?.0.children?[1].content).dropFirst())
        let expected = Digests.sha256(bits).prefix(20).map { String(format: "%02X", $0) }.joined(separator: ":")
        XCTAssertTrue(try openssl.output(["x509", "-noout", "-ext", "subjectKeyIdentifier"], input: blocks[0]).contains(expected))
        XCTAssertTrue(try openssl.output(["x509", "-noout", "-ext", "authorityKeyIdentifier"], input: blocks[1]).contains(expected))
    }

    func testPrivateKeysHaveSprigsTypesAndSizes() throws {
        let keys = pemBlocks(try render(#"{{ genPrivateKey "rsa" }}{{ genPrivateKey "ecdsa" }}{{ genPrivateKey "ed25519" }}{{ genPrivateKey "dsa" }}"#))
        XCTAssertEqual(keys.map { String($0.split(separator: "\n")[0]) }, [
            "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----", "-----BEGIN DSA PRIVATE KEY-----",
        ])
        let texts = try keys.map { try openssl.output(["pkey", "-noout", "-text"], input: $0) }
        XCTAssertTrue(texts[0].hasPrefix("Private-Key: (4096 bit, 2 primes)"), texts[0])
        XCTAssertTrue(texts[1].hasPrefix("Private-Key: (256 bit)") && texts[1].contains("NIST CURVE: P-256"), texts[1])
        XCTAssertTrue(texts[2].hasPrefix("ED25519 Private-Key:"), texts[2])
        XCTAssertTrue(texts[3].hasPrefix("Private-Key: (2048 bit)"), texts[3])
        XCTAssertEqual(try openssl.output(["dsa", "-noout", "-text"], input: keys[3]).components(separatedBy: "Q:").count, 2)
        for key in keys { XCTAssertNoThrow(try openssl.output(["pkey", "-check", "-noout"], input: key)) }
    }

    func testCertificateAndKeyPrintAndSerializeAsHelmDoes() throws {
        let oracle = try HelmOracle.required()
        let templates = [
            #"{{ $c := genCA "x" 3 }}{{ $j := toJson $c | fromJson }}{{ eq $j.Cert $c.Cert }}|{{ eq $j.Key $c.Key }}|{{ keys $j | sortAlpha }}"#,
            #"{{ $c := genCA "x" 3 }}{{ $y := toYaml $c | fromYaml }}{{ eq $y.Cert $c.Cert }}|{{ eq (printf "%v" $c) (printf "{%s %s}" $c.Cert $c.Key) }}"#,
            #"{{ $c := genCA "x" 3 }}{{ eq (printf "%+v" $c) (printf "{Cert:%s Key:%s}" $c.Cert $c.Key) }}|{{ $c | empty }}|{{ deepEqual $c $c }}"#,
        ]
        let helm = try oracle.renderTemplates(templates)
        for (template, outcome) in zip(templates, helm) {
            assertSameAsHelm(ChartFixture.renderFiles(HelmOracle.Case(templates: ["t.yaml": template])), outcome, template)
        }
        let san = try render(#"{{ $c := genSelfSignedCert "s" (list "::ffff:1.2.3.4" "2001:db8::1") (list "a.example") 1 }}{{ $c.Cert }}"#)
        let text = try openssl.certificateText(pemBlocks(san)[0])
        XCTAssertTrue(text.contains("DNS:a.example, IP Address:1.2.3.4, IP Address:2001:DB8:0:0:0:0:0:1"), text)
    }

    /// Without libcrypto the functions say which library is missing and how to get it.
    func testMissingLibcryptoIsNamed() throws {
        XCTAssertNil(LibCrypto.probe("libcrypto.so.3"))
        let missing = try XCTUnwrap(LibCrypto.probe("libcrypto-not-installed.so.3"))
        XCTAssertTrue(missing.contains("libcrypto-not-installed.so.3"), missing)
        let wrong = try XCTUnwrap(LibCrypto.probe("libc.so.6"))
        XCTAssertEqual(wrong, "libc.so.6 does not define OpenSSL_version_num (it is not OpenSSL 3's libcrypto)")
        XCTAssertEqual(
            LibCrypto.missingLibraryMessage(missing),
            "OpenSSL 3's libcrypto (libcrypto.so.3) could not be loaded: \(missing); hint: install libssl3 (Debian, Ubuntu) or openssl-libs (Fedora, RHEL)")
    }

    private func render(_ template: String) throws -> String {
        switch ChartFixture.renderFiles(HelmOracle.Case(templates: ["t.yaml": template])) {
        case .output(let files): return files["c/templates/t.yaml"] ?? ""
        case .error(let message): throw NSError(domain: "render", code: 1, userInfo: [NSLocalizedDescriptionKey: message])
        }
    }
}
