import Foundation
import TestCluster
import XCTest

/// Helpers shared by the test-server tests (TestCluster*Tests).
extension XCTestCase {
    /// Parses a JSON object out of a response, failing the test when it is not one.
    func jsonObject(_ result: HTTPResult, file: StaticString = #filePath, line: UInt = #line) throws
        -> [String: Any] {
        try XCTUnwrap(result.json, "not a JSON object (HTTP \(result.status)): \(result.body)", file: file,
                      line: line)
    }

    /// Polls `probe` until it returns a value (controllers act on their own thread), at most `limit` seconds.
    func eventually<T>(_ what: String, limit: Double = 10, file: StaticString = #filePath, line: UInt = #line,
                       _ probe: () throws -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(limit)
        while true {
            if let value = try probe() { return value }
            if Date() > deadline {
                throw GaveUpWaiting(what: what)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}

struct GaveUpWaiting: Error, CustomStringConvertible {
    var what: String
    var description: String { "gave up waiting for \(what)" }
}

/// Reads a path like "metadata.name" or "status.loadBalancer.ingress.0.ip" out of parsed JSON.
func value(_ object: Any?, _ path: String) -> Any? {
    var node = object
    for part in path.split(separator: ".") {
        if let index = Int(part), let list = node as? [Any] {
            node = index < list.count ? list[index] : nil
        } else {
            node = (node as? [String: Any])?[String(part)]
        }
    }
    return node
}

func string(_ object: Any?, _ path: String) -> String? { value(object, path) as? String }

extension TestCluster {
    /// Creates an object from JSON text through the API as the admin; fails on non-2xx.
    @discardableResult
    func create(_ path: String, _ body: String) throws -> [String: Any] {
        let result = try request("POST", path, body: body)
        guard (200..<300).contains(result.status), let json = result.json else {
            throw TestClusterError.control(name: name, request: "POST \(path)", status: result.status,
                                           body: result.body)
        }
        return json
    }

    /// GETs an object; nil when it does not exist.
    func get(_ path: String) throws -> [String: Any]? {
        let result = try request("GET", path)
        return result.status == 404 ? nil : result.json
    }
}
