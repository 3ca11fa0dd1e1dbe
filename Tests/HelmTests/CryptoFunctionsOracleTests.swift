import XCTest

@testable import Helm

/// Sprig's crypto functions against Helm v4 where the outcome is fixed:
/// derivePassword, decryptAES of each other's ciphertexts, and every error path
/// (argument types, malformed IPs and names, unusable keys, bad PEM and base64).
final class CryptoFunctionsOracleTests: XCTestCase {
    private func check(_ templates: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let oracle = try HelmOracle.required()
        let cases = templates.map { HelmOracle.Case(templates: ["t.yaml": $0]) }
        let helm = try oracle.render(cases)
        for (c, outcome) in zip(cases, helm) {
            assertSameAsHelm(ChartFixture.renderFiles(c), outcome, "template \(c.templates["t.yaml"] ?? "")", file: file, line: line)
        }
    }

    private func ours(_ template: String) -> HelmOracle.Outcome {
        ChartFixture.renderFiles(HelmOracle.Case(templates: ["t.yaml": template]))
    }

    private func text(_ outcome: HelmOracle.Outcome, file: StaticString = #filePath, line: UInt = #line) -> String {
        switch outcome {
        case .output(let files): return files["c/templates/t.yaml"] ?? ""
        case .error(let message):
            XCTFail("render failed: \(message)", file: file, line: line)
            return ""
        }
    }

    func testDerivePasswordIsHelms() throws {
        var templates: [String] = []
        for type in ["maximum", "long", "medium", "short", "basic", "pin"] {
            templates.append(#"{{ derivePassword 1 "\#(type)" "password" "user" "example.com" }}"#)
        }
        templates += [
            #"{{ derivePassword 0 "long" "" "" "" }}|{{ derivePassword 4294967295 "maximum" "pässwörd" "ünïcode" "日本.example" }}"#,
            #"{{ derivePassword 4294967297 "pin" "p" "u" "s" }}|{{ derivePassword 1 "pin" "p" "u" "s" }}"#,
            #"{{ derivePassword 7 "nope" "p" "u" "s" }}"#,
            #"{{ derivePassword -1 "pin" "p" "u" "s" }}"#, #"{{ derivePassword 1.5 "pin" "p" "u" "s" }}"#,
            #"{{ derivePassword "1" "pin" "p" "u" "s" }}"#, #"{{ derivePassword (int 1) "pin" "p" "u" "s" }}"#,
            #"{{ derivePassword nil "pin" "p" "u" "s" }}"#, #"{{ derivePassword 1 "pin" "p" "u" }}"#,
            #"{{ "s" | derivePassword 1 "long" "p" "u" }}"#, #"{{ derivePassword 1 "pin" 2 "u" "s" }}"#,
        ]
        try check(templates)
    }

    func testDecryptAESReadsHelmsCiphertextAndHelmReadsOurs() throws {
        let oracle = try HelmOracle.required()
        // Template literal and the text it stands for.
        let literals = ["plaintext", "", "exactly sixteen!", "héllo wörld — a longer text spanning several blocks", #"\n\t "#]
        let plaintexts = ["plaintext", "", "exactly sixteen!", "héllo wörld — a longer text spanning several blocks", "\n\t "]
        let passwords = ["secretkey", "", "a-password-longer-than-thirty-two-bytes-is-cut-there", "κλειδί"]
        var encrypt: [String] = []
        for password in passwords {
            for literal in literals { encrypt.append(#"{{ encryptAES "\#(password)" "\#(literal)" }}"#) }
        }
        let helmCiphertexts = try oracle.renderTemplates(encrypt).map { text($0) }
        var decrypt: [String] = []
        var index = 0
        for password in passwords {
            for (literal, plaintext) in zip(literals, plaintexts) {
                // Helm's ciphertext, decrypted by us.
                XCTAssertEqual(text(ours(#"{{ decryptAES "\#(password)" "\#(helmCiphertexts[index])" }}"#)), plaintext)
                // Ours, decrypted by Helm.
                let ciphertext = text(ours(#"{{ encryptAES "\#(password)" "\#(literal)" }}"#))
                XCTAssertEqual(ciphertext.isEmpty, plaintext.isEmpty)
                decrypt.append(#"{{ decryptAES "\#(password)" "\#(ciphertext)" }}"#)
                index += 1
            }
        }
        let helmPlaintexts = try oracle.renderTemplates(decrypt).map { text($0) }
        XCTAssertEqual(helmPlaintexts, passwords.flatMap { _ in plaintexts })
        // A random IV: the same text encrypts differently each time.
        XCTAssertNotEqual(text(ours(#"{{ encryptAES "k" "same" }}"#)), text(ours(#"{{ encryptAES "k" "same" }}"#)))
    }

    func testAESErrorsAreHelms() throws {
        try check([
            #"{{ decryptAES "k" "!!!" }}"#, #"{{ decryptAES "k" "YWJj" }}"#, #"{{ decryptAES "k" "YQ==" }}"#,
            #"{{ decryptAES "k" "MDEyMzQ1Njc4OWFiY2RlZg==" }}"#,
            #"{{ decryptAES "k" "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWZhYmM=" }}"#,
            #"{{ decryptAES "k" "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" }}"#,
            #"{{ decryptAES "k" "MDEy\nMzQ1\nNjc4\nOWFi\nY2Rl" }}"#,
            #"{{ decryptAES "k" "" }}|{{ encryptAES "k" "" }}"#, #"{{ encryptAES "k" 3 }}"#, #"{{ decryptAES "k" }}"#,
            #"{{ encryptAES nil "x" }}"#, #"{{ decryptAES "k" .Values.missing }}"#,
        ])
    }

    func testCertificateArgumentErrorsAreHelms() throws {
        try check([
            #"{{ genCA "foo" 1.5 }}"#, #"{{ genCA "foo" "3" }}"#, #"{{ genCA 3 3 }}"#, #"{{ genCA "foo" }}"#,
            #"{{ genSignedCert "foo" nil nil 3 "x" }}"#, #"{{ genSignedCert "foo" nil nil 3 nil }}"#,
            #"{{ genSignedCert "foo" nil nil 3 .Values.x }}"#, #"{{ genSignedCert "foo" nil nil 3 (.Values.x) }}"#,
            #"{{ genSignedCert "foo" nil nil 3 (dict) }}"#, #"{{ genSignedCert "foo" nil nil 3 (semver "1.0.0") }}"#,
            #"{{ genSelfSignedCert "foo" (list 1) nil 3 }}"#, #"{{ genSelfSignedCert "foo" (list "1.2.3") nil 3 }}"#,
            #"{{ genSelfSignedCert "foo" (list "1.2.3.4" "01.2.3.4") nil 3 }}"#,
            #"{{ genSelfSignedCert "foo" (list "fe80::1%eth0") nil 3 }}"#, #"{{ genSelfSignedCert "foo" (list "1::2::3") nil 3 }}"#,
            #"{{ genSelfSignedCert "foo" (list "") nil 3 }}"#, #"{{ genSelfSignedCert "foo" (list nil) nil 3 }}"#,
            #"{{ genSelfSignedCert "foo" nil (list 1) 3 }}"#, #"{{ genSelfSignedCert "foo" nil (list "ok" true) 3 }}"#,
            #"{{ genSelfSignedCert "foo" "1.2.3.4" nil 3 }}"#, #"{{ genSelfSignedCert "foo" (splitList "," "1.2.3.4") nil 3 }}"#,
            #"{{ genSelfSignedCert "a" nil (list "é") 3 }}"#, #"{{ genSelfSignedCert "a" nil (list "ok" "ü.example") 3 }}"#,
            #"{{ genPrivateKey "x" }}|{{ genPrivateKey "RSA" }}"#, #"{{ genPrivateKey 1 }}"#,
            #"{{ $ca := genCA "my-ca" 365 }}{{ $ca.Nope }}"#,
            #"{{ $ca := genCA "my-ca" 365 }}{{ typeOf $ca }}|{{ kindOf $ca }}|{{ printf "%T" $ca }}|{{ $ca.Cert | b64enc | b64dec | eq $ca.Cert }}"#,
        ])
    }

    func testBadPEMAndBase64AreHelmsErrors() throws {
        let pem = { (type: String, body: String) in "-----BEGIN \(type)-----\\n\(body)\\n-----END \(type)-----\\n" }
        var templates = [
            #"{{ buildCustomCert "!" "x" }}"#, #"{{ buildCustomCert "eA==" "!" }}"#, #"{{ buildCustomCert "eA==" "eA==" }}"#,
            #"{{ buildCustomCert "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCkFBQUEKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=" "eA==" }}"#,
            #"{{ $ca := genCA "ca" 3 }}{{ buildCustomCert ($ca.Cert | b64enc) "eA==" }}"#,
            #"{{ $ca := genCA "ca" 3 }}{{ buildCustomCert ($ca.Cert | b64enc) ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" | b64enc) }}"#,
            #"{{ $ca := genCA "ca" 3 }}{{ $o := genCA "other" 3 }}{{ genSignedCert "x" nil nil 3 (buildCustomCert ($ca.Cert | b64enc) ($o.Key | b64enc)) }}"#,
            #"{{ genCAWithKey "x" 3 "nope" }}"#,
            // Sprig reads the key before the addresses.
            #"{{ $ca := genCA "ca" 3 }}{{ $bad := buildCustomCert ($ca.Cert | b64enc) ($ca.Key | b64enc) }}{{ genSignedCertWithKey "x" (list "bad") nil 3 $bad "nope" }}"#,
            #"{{ $ca := genCA "ca" 3 }}{{ genSignedCertWithKey "x" (list "bad") nil 3 $ca $ca.Key }}"#,
        ]
        for type in ["FOO", "X PRIVATE KEY"] {
            templates.append(#"{{ genCAWithKey "x" 3 "\#(pem(type, "AAAA"))" }}"#)
        }
        // Well-formed PEM whose DER is not a key: the message's start is Sprig's.
        for type in ["RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "DSA PRIVATE KEY"] {
            let helm = try HelmOracle.required().renderTemplates([#"{{ genCAWithKey "x" 3 "\#(pem(type, "AAAA"))" }}"#])[0]
            let ours = ours(#"{{ genCAWithKey "x" 3 "\#(pem(type, "AAAA"))" }}"#)
            guard case .error(let helmMessage) = helm, case .error(let ourMessage) = ours else {
                XCTFail("\(type): both should fail: helm \(helm), ours \(ours)")
                continue
            }
            let prefix = helmMessage.components(separatedBy: ": ").prefix(8).joined(separator: ": ")
            XCTAssertTrue(ourMessage.hasPrefix(prefix), "\(type):\n  ours: \(ourMessage)\n  helm: \(helmMessage)")
        }
        try check(templates)
    }

    /// Keys Go reads but cannot use, or does not read: the same messages.
    func testUnusableKeysFailAsInHelm() throws {
        let openssl = try OpenSSLTool.required()
        defer { openssl.cleanUp() }
        // Each key, and whether Go also refuses it as the certified (not signing) key.
        let keys: [(String, Bool)] = [
            (try openssl.key(["genrsa", "-traditional", "512"]), false),
            (try openssl.key(["ecparam", "-name", "secp256k1", "-genkey", "-noout"]), true),
            (try openssl.key(["genpkey", "-algorithm", "x25519"]), true),
            (try openssl.key(["genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:1024"]), true),
            (try openssl.key(["genpkey", "-algorithm", "ed448"]), true),
            (try openssl.output(["pkcs8", "-topk8", "-nocrypt"], input: try openssl.key(["ecparam", "-name", "secp256k1", "-genkey", "-noout"])), true),
            // Mislabelled blocks: PKCS#8 as PKCS#1 and as SEC 1, SEC 1 as PKCS#1 and PKCS#8, PKCS#1 as SEC 1.
            (try openssl.key(["genpkey", "-algorithm", "ed25519"]).replacingOccurrences(of: " PRIVATE KEY", with: " RSA PRIVATE KEY"), true),
            (try openssl.key(["genpkey", "-algorithm", "ed25519"]).replacingOccurrences(of: " PRIVATE KEY", with: " EC PRIVATE KEY"), true),
            (try openssl.key(["ecparam", "-name", "prime256v1", "-genkey", "-noout"]).replacingOccurrences(of: " EC ", with: " RSA "), true),
            (try openssl.key(["ecparam", "-name", "prime256v1", "-genkey", "-noout"]).replacingOccurrences(of: " EC ", with: " "), true),
            (try openssl.key(["genrsa", "-traditional", "1024"]).replacingOccurrences(of: " RSA ", with: " EC "), true),
            (try openssl.key(["genrsa", "-traditional", "1024"]).replacingOccurrences(of: " RSA ", with: " "), true),
        ]
        var templates: [String] = []
        for (key, refusedAsCertified) in keys {
            let literal = key.replacingOccurrences(of: "\n", with: "\\n")
            templates.append(#"{{ genCAWithKey "k" 3 "\#(literal)" }}"#)
            if refusedAsCertified {
                templates.append(#"{{ $ca := genCA "ca" 3 }}{{ genSignedCertWithKey "k" nil nil 3 $ca "\#(literal)" }}"#)
            }
        }
        templates += [
            #"{{ $k := genPrivateKey "dsa" }}{{ genCAWithKey "dsa-ca" 5 $k }}"#,
            #"{{ $ca := genCA "ca" 3 }}{{ $k := genPrivateKey "dsa" }}{{ genSignedCertWithKey "leaf" nil nil 10 $ca $k }}"#,
            #"{{ $k := genPrivateKey "dsa" }}{{ genSelfSignedCertWithKey "x" nil (list "é") 5 $k }}"#,
        ]
        try check(templates)
    }
}
