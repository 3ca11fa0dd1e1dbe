import Foundation
import XCTest

@testable import Helm

/// Sprig's `bcrypt` and `htpasswd`: the hash function against vectors from
/// the system's crypt(3) and against hashes Helm v4 itself made (its salt
/// taken back out and hashed again by us), the functions' outputs and errors
/// against Helm.
final class PasswordFunctionsTests: XCTestCase {
    /// bcrypt's base64 back to bytes: the 16 salt bytes of a 22-character salt.
    private func decodeSalt(_ text: Substring) throws -> [UInt8] {
        let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var bits: UInt64 = 0, count = 0
        var out: [UInt8] = []
        for c in text.utf8 {
            let v = try XCTUnwrap(alphabet.firstIndex(of: c), "bad salt character")
            bits = bits << 6 | UInt64(v)
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8(truncatingIfNeeded: bits >> UInt64(count)))
            }
        }
        return Array(out.prefix(16))
    }

    /// Hashes `password` with the cost and salt of `expected` and compares.
    private func assertRehash(_ password: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let parts = expected.split(separator: "$")
        XCTAssertEqual(parts.count, 3, expected, file: file, line: line)
        let cost = try XCTUnwrap(Int(parts[1]))
        let salt = try decodeSalt(parts[2].prefix(22))
        XCTAssertEqual(try Bcrypt.hash(Array(password.utf8), cost: cost, salt: salt), expected, file: file, line: line)
    }

    func testHashesMatchCrypt3() throws {
        // crypt(3) (libxcrypt) outputs for these passwords and salts.
        try assertRehash("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")
        try assertRehash("", "$2a$04$abcdefghijklmnopqrstuubyCG3zY1GIXMyxfivm.ClDiInHzxjiq")
        try assertRehash(String(repeating: "a", count: 72), "$2a$04$ABCDEFGHIJKLMNOPQRSTUuBW85jKB0ZWT2CgCe.0OLGox8A45B8Xa")
        try assertRehash("pässwörd", "$2a$06$0123456789./abcdefghieK.Jc.8MUc56m8dQnW87r6t.uhpLu.ci")
        try assertRehash("password", "$2a$10$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7dbK")
        XCTAssertThrowsError(try Bcrypt.hash(Array(repeating: 0x61, count: 73), salt: Array(repeating: 0, count: 16)))
        XCTAssertEqual(BlowfishTables.piWords.count, 18 + 4 * 256)
        XCTAssertEqual(BlowfishTables.piWords.first, 0x243F_6A88)
    }

    func testHelmsOwnHashesRehashTheSame() throws {
        let oracle = try HelmOracle.required()
        let passwords = ["password", "", "s3cr3t with spaces", "ünïcödé", String(repeating: "x", count: 72)]
        let outcomes = try oracle.renderTemplates(passwords.map { p in "{{ bcrypt \(GoQuote.quote(p)) }}|{{ htpasswd \"admin\" \(GoQuote.quote(p)) }}" })
        for (password, outcome) in zip(passwords, outcomes) {
            guard case .output(let files) = outcome, let text = files["c/templates/t.yaml"] else { return XCTFail("oracle: \(outcome)") }
            let parts = text.split(separator: "|", omittingEmptySubsequences: false)
            XCTAssertEqual(parts.count, 2)
            try assertRehash(password, String(parts[0]))
            XCTAssertTrue(parts[1].hasPrefix("admin:$2a$10$"))
            try assertRehash(password, String(parts[1].dropFirst("admin:".count)))
        }
    }

    func testFunctionsMatchHelm() throws {
        let oracle = try HelmOracle.required()
        let templates = [
            #"{{ bcrypt (repeat 73 "a") }}|{{ htpasswd "u" (repeat 100 "b") }}|{{ htpasswd "us:er" "pw" }}|{{ htpasswd ":" (repeat 80 "c") }}"#,
            #"{{ bcrypt (repeat 72 "a") | len }}|{{ htpasswd "" "" | len }}|{{ regexMatch "^\\$2a\\$10\\$[./A-Za-z0-9]{53}$" (bcrypt "x") }}|{{ typeOf (bcrypt "") }}"#,
            #"{{ regexMatch "^user:\\$2a\\$10\\$[./A-Za-z0-9]{53}$" (htpasswd "user" "pw") }}|{{ eq (bcrypt "same") (bcrypt "same") }}"#,
            "{{ bcrypt 5 }}", #"{{ htpasswd "a" }}"#, "{{ bcrypt nil }}", #"{{ htpasswd "a" 1 }}"#, "{{ bcrypt .Values.missing }}",
        ]
        let cases = templates.map { HelmOracle.Case(templates: ["t.yaml": $0]) }
        for (c, outcome) in zip(cases, try oracle.render(cases)) {
            assertSameAsHelm(ChartFixture.renderFiles(c), outcome, "template \(c.templates["t.yaml"] ?? "")")
        }
    }

    func testTheSaltComesFromTheEnvironment() throws {
        let zeros = TemplateEnvironment(now: { GoTime(seconds: 0) }, localZone: .utc, random: { 0 })
        let hash = try Bcrypt.hash(Array("pw".utf8), salt: Array(repeating: 0, count: 16))
        XCTAssertTrue(hash.hasPrefix("$2a$10$......................"), hash)
        let rendered = ChartFixture.renderFiles(HelmOracle.Case(templates: ["t.yaml": #"{{ bcrypt "pw" }}|{{ htpasswd "me" "pw" }}"#]), environment: zeros)
        XCTAssertEqual(rendered, .output(["c/templates/t.yaml": "\(hash)|me:\(hash)"]))
    }
}
