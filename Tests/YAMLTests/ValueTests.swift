import XCTest

@testable import YAML

/// Additions to the shared `Value` model.
final class ValueTests: XCTestCase {
    func testSetValueAtPathCreatesMappingsAndKeepsOrder() {
        var value: Value = ["a": 1, "b": ["c": 2], "d": 3]
        value.setValue("x", at: ["b", "e", "f"])
        value.setValue(4, at: ["a", "g"])
        value.setValue(5, at: ["new"])
        XCTAssertEqual(value, ["a": ["g": 4], "b": ["c": 2, "e": ["f": "x"]], "d": 3, "new": 5])
        XCTAssertEqual(value.mapping?.keys, ["a", "b", "d", "new"])
        XCTAssertEqual(value.value(at: ["b", "e", "f"]), "x")
    }

    func testSetValueAtEmptyPathReplacesTheValue() {
        var value: Value = ["a": 1]
        value.setValue([1, 2], at: [])
        XCTAssertEqual(value, [1, 2])
    }
}
