import Foundation
import XCTest

/// A throwaway PKI made with the openssl command: a CA, a server certificate
/// for 127.0.0.1/localhost/kube.test, client certificates for "alice" (RSA,
/// PKCS#1 key) and "bob" (EC, key file with its EC PARAMETERS block), a
/// second CA that signed none of them, and a key that belongs to no certificate.
final class TestCertificates: Sendable {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kube-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = """
            set -e
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=test-ca 2>/dev/null
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout other-ca.key -out other-ca.crt -days 2 -subj /CN=other-ca 2>/dev/null
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kube.test\\nextendedKeyUsage=serverAuth\\n' > server.ext
            printf 'extendedKeyUsage=clientAuth\\n' > client.ext
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr -subj /CN=kube-apiserver 2>/dev/null
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile server.ext 2>/dev/null
            openssl genrsa -traditional -out alice.key 2048 2>/dev/null
            openssl req -new -key alice.key -out alice.csr -subj /CN=alice/O=system:masters 2>/dev/null
            openssl x509 -req -in alice.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out alice.crt -days 2 -extfile client.ext 2>/dev/null
            openssl ecparam -name prime256v1 -genkey -out bob.key 2>/dev/null
            openssl req -new -key bob.key -out bob.csr -subj /CN=bob 2>/dev/null
            openssl x509 -req -in bob.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out bob.crt -days 2 -extfile client.ext 2>/dev/null
            openssl ecparam -name prime256v1 -genkey -noout -out stray.key 2>/dev/null
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw XCTSkip("openssl could not make test certificates (exit \(process.terminationStatus))")
        }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: directory.appendingPathComponent(name))) }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
