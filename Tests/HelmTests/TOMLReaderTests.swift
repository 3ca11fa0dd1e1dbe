import XCTest

@testable import Helm

/// `fromToml` without the oracle: values, Go types, date-time zones and
/// BurntSushi's error messages, as Helm v4 printed them for these documents.
final class TOMLReaderTests: XCTestCase {
    private func read(_ doc: String, zone: GoZone = .utc) -> GoValue {
        switch TOMLReader.read(doc, localZone: zone, now: GoTime(seconds: 1_700_000_000, zone: zone)) {
        case .success(let v): return v
        case .failure(let failure): return .map(GoMap(["Error": .string(failure.message)]))
        }
    }

    private func json(_ doc: String, zone: GoZone = .utc) throws -> String {
        try SerializationFunctions.json(read(doc, zone: zone), .go)
    }

    func testValuesAndTheirGoTypes() throws {
        let doc = """
            i = 0x_dead_beef
            n = -9223372036854775808
            f = 224_617.445_991_228
            e = 1e06
            s = "Jos\\u00E9\\t\\U0001F600\\e"
            l = 'C:\\Users'
            m = \"\"\"
            a \\
              b\"\"\"
            [t.u]
            v = [1, "x", {w = true}]
            [[arr]]
            k = 1
            [[arr]]
            """
        XCTAssertEqual(try json(doc), #"{"Error":"toml: line 1 (last key \"i\"): not a hexadecimal number: '0x_'"}"#)
        let fixed = doc.replacingOccurrences(of: "0x_dead_beef", with: "0xdead_beef")
        XCTAssertEqual(
            try json(fixed),
            #"{"arr":[{"k":1},{}],"e":1000000,"f":224617.445991228,"i":3735928559,"l":"C:\\Users","m":"a b","n":-9223372036854775808,"#
                + #""s":"José\t😀\u001b","t":{"u":{"v":[1,"x",{"w":true}]}}}"#)
        guard case .map(let m) = read(fixed) else { return XCTFail("not a map") }
        XCTAssertEqual(m["i"]?.goTypeName, "int64")
        XCTAssertEqual(m["f"]?.goTypeName, "float64")
        XCTAssertEqual(m["t"]?.goTypeName, "map[string]interface {}")
    }

    func testDateTimesAreGoTimesInBurntSushisZones() throws {
        let doc = "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00.999999-07:00\nc = 1979-05-27 07:32\nd = 1979-05-27\ne = 07:32:00.5"
        guard case .map(let m) = read(doc) else { return XCTFail("not a map") }
        XCTAssertEqual(m["a"].map(GoFormat.string), "1979-05-27 07:32:00 +0000 UTC")
        XCTAssertEqual(m["b"].map(GoFormat.string), "1979-05-27 00:32:00.999999 -0700 -0700")
        XCTAssertEqual(m["c"].map(GoFormat.string), "1979-05-27 07:32:00 +0000 datetime-local")
        XCTAssertEqual(m["d"].map(GoFormat.string), "1979-05-27 00:00:00 +0000 date-local")
        XCTAssertEqual(m["e"].map(GoFormat.string), "0000-01-01 07:32:00.5 +0000 time-local")
        XCTAssertEqual(m["e"]?.goTypeName, "time.Time")
        XCTAssertEqual(
            try json(doc),
            #"{"a":"1979-05-27T07:32:00Z","b":"1979-05-27T00:32:00.999999-07:00","c":"1979-05-27T07:32:00Z","d":"1979-05-27T00:00:00Z","e":"0000-01-01T07:32:00.5Z"}"#)
        // The local kinds carry the local zone's offset now; an offset the local zone has keeps it.
        let newYork = try XCTUnwrap(GoZone.load("America/New_York"))
        XCTAssertEqual(
            try json("c = 1979-05-27T07:32:00\nx = 2024-11-03T01:30:00-04:00", zone: newYork),
            #"{"c":"1979-05-27T07:32:00-05:00","x":"2024-11-03T01:30:00-04:00"}"#)
        guard case .map(let ny) = read("x = 2024-11-03T01:30:00-04:00", zone: newYork) else { return XCTFail("not a map") }
        XCTAssertEqual(ny["x"].map(GoFormat.string), "2024-11-03 01:30:00 -0400 EDT")
    }

    func testErrorsAreBurntSushisMessages() throws {
        let cases: [(String, String)] = [
            ("a = 1\na = 2", #"toml: line 2 (last key "a"): Key 'a' has already been defined."#),
            ("[a]\nb = 1\n[a]", "toml: line 3: Key 'a' has already been defined."),
            ("x = \"\\q\"", #"toml: line 1 (last key "x"): invalid escape in string '\q'"#),
            ("x = 1\n\"a", #"toml: line 2: unexpected EOF; expected '"'"#),
            ("x = 9223372036854775808", #"toml: line 1 (last key "x"): 9223372036854775808 is out of range for int64"#),
            ("x = 012", #"toml: line 1 (last key "x"): Invalid integer "012": cannot have leading zeroes"#),
            ("x = 1979-02-30", #"toml: line 1 (last key "x"): invalid datetime: "1979-02-30""#),
            ("a = [1]\n[[a]]", "toml: line 2: Key 'a' was already created and cannot be used as an array."),
            ("a = [{b = 1}]\n[a.c]", "toml: line 2: Key 'a' was already created as a hash."),
            ("x = 1\ry = 2", #"toml: line 1 (last key "x"): TOML files cannot contain control characters: '0x0d'"#),
            ("x = \"\"\"\nok\n\\ x\"\"\"", #"toml: line 3 (last key "x"): invalid escape: '\ '"#),
        ]
        for (doc, message) in cases {
            XCTAssertEqual(try json(doc), try SerializationFunctions.json(.map(GoMap(["Error": .string(message)])), .go), doc)
        }
        // Redefinitions BurntSushi lets through (its implicit-table bookkeeping).
        XCTAssertEqual(try json("a.b = 1\n[a]\nc = 2"), #"{"a":{"b":1,"c":2}}"#)
        XCTAssertEqual(try json("a = {b = 1}\na.c = 2"), #"{"a":{"b":1,"c":2}}"#)
    }

    func testFromTomlIsInHelmsTable() throws {
        guard case .map(let m) = try F.call("fromToml", "[t]\nk = 'v'"), case .map(let t)? = m["t"] else { return XCTFail("no table") }
        XCTAssertEqual(t["k"].map(GoFormat.string), "v")
        guard case .map(let e) = try F.call("fromToml", "k ="), case .string(let message)? = e["Error"] else { return XCTFail("no Error") }
        XCTAssertEqual(message, #"toml: line 1 (last key "k"): unexpected EOF; expected value"#)
    }
}
