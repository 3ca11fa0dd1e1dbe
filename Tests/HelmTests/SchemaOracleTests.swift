import XCTest

@testable import Helm

/// values.schema.json checked by us and by Helm v4 (`helm template` through
/// the oracle): the same values pass, and failures read the same. Where Helm
/// lists several failures in Go's random map order, the lines are compared
/// as a set.
final class SchemaOracleTests: XCTestCase {
    /// One chart with `schema` rendered with `values` (JSON, like `-f`).
    private struct Case {
        var schema: String
        var values: String
        /// Several failures: Helm's order is random.
        var unordered = false
    }

    private func check(_ cases: [Case], file: StaticString = #filePath, line: UInt = #line) throws {
        let oracle = try HelmOracle.required()
        var directories: [String] = []
        defer { directories.forEach(ChartFixture.remove) }
        for c in cases {
            directories.append(try ChartFixture.write(["values.schema.json": c.schema, "templates/t.yaml": "x: {{ .Values | toJson | quote }}\n"]))
        }
        let helm = try oracle.templates(zip(directories, cases).map { HelmOracle.Run(chartDirectory: $0, valuesJSON: $1.values) })
        for (i, c) in cases.enumerated() {
            let ours = ChartFixture.template(directories[i], name: "r", namespace: "ns", valuesJSON: c.values)
            let label = "schema \(c.schema) with values \(c.values)"
            if c.unordered, case .error(let a) = ours, case .error(let b) = helm[i] {
                XCTAssertEqual(a.split(separator: "\n").sorted(), b.split(separator: "\n").sorted(), label, file: file, line: line)
            } else {
                assertSameAsHelm(ours, helm[i], label, file: file, line: line)
            }
        }
    }

    private func cases(_ schema: String, _ values: [String]) -> [Case] {
        values.map { Case(schema: schema, values: $0) }
    }

    func testFixtureChartWithSchemaAndSubchartSchema() throws {
        let oracle = try HelmOracle.required()
        let directory = ChartFixture.fixturesDirectory() + "/schema"
        let values = [
            "{}",
            ##"{"replicaCount": null, "resources": null, "image": {"repository": "r", "digest": "sha256:\##(String(repeating: "a", count: 64))", "tag": null}}"##,
            ##"{"replicaCount": 2.5}"##, ##"{"replicaCount": -1}"##, ##"{"replicaCount": "3"}"##, ##"{"kind": "Job"}"##,
            ##"{"image": {"tag": "latest"}}"##, ##"{"image": {"digest": "sha256:abc"}}"##,
            ##"{"image": {"digest": "sha256:\##(String(repeating: "b", count: 64))"}}"##,
            ##"{"service": {"ports": []}}"##, ##"{"service": {"ports": [{"name": "http", "port": 70000}]}}"##,
            ##"{"service": {"ports": [{"name": "Http", "port": 80}]}}"##, ##"{"service": {"ports": [{"port": 80}]}}"##,
            ##"{"service": {"ports": [{"name": "a", "port": 80, "extra": 1}]}}"##,
            ##"{"service": {"type": "NodePort"}}"##, ##"{"service": {"type": "NodePort", "ports": [{"name": "a", "port": 80, "nodePort": 30000}]}}"##,
            ##"{"service": {"type": "NodePort", "ports": [{"name": "a", "port": 80, "nodePort": 29999}]}}"##,
            ##"{"service": {"ports": [{"name": "a", "port": 80}, {"name": "a", "port": 80}]}}"##,
            ##"{"service": {"ports": [{"name": "a", "port": 80, "protocol": "HTTP"}]}}"##,
            ##"{"resources": {"requests": {"cpu": "lots"}}}"##, ##"{"resources": {"limits": {"memory": 512}}}"##,
            ##"{"annotations": {"a": true}}"##, ##"{"annotations": {"a": 1.5}}"##, ##"{"labels": {"Bad Key": "x"}}"##,
            ##"{"labels": {"a": "\##(String(repeating: "x", count: 64))"}}"##,
            ##"{"labels": {"a": "1", "b": "2", "c": "3", "d": "4", "e": "5", "f": "6", "g": "7", "h": "8", "i": "9", "j": "10"}}"##,
            ##"{"tls": {"enabled": true}}"##, ##"{"tls": {"enabled": true, "secretName": "s"}}"##,
            ##"{"autoscaling": {"targetCPU": 0}}"##, ##"{"autoscaling": {"maxReplicas": 101}}"##, ##"{"autoscaling": {"minReplicas": null}}"##,
            ##"{"nodeSelector": {"\##(String(repeating: "k", count: 64))": "v"}}"##, ##"{"extraEnv": [{"x": 1}, {"name": "A"}, {}]}"##,
            ##"{"mode": "fast"}"##, ##"{"mode": 0}"##, ##"{"mode": true}"##, ##"{"unknown": 1}"##,
            ##"{"probe": {"target": "not a uri"}}"##, ##"{"probe": {"target": "relative/path"}}"##, ##"{"probe": {"interval": "30s"}}"##,
            ##"{"probe": {"contact": "ops"}}"##, ##"{"probe": {"sourceIP": "10.0.0.256"}}"##, ##"{"probe": {"since": "2024-02-30T00:00:00Z"}}"##,
            ##"{"probe": {"resolver": "-dns"}}"##, ##"{"probe": {"retries": 11}}"##, ##"{"probe": {"headers": ["a", "b"]}}"##,
            ##"{"probe": "off"}"##, ##"{"probe": {"enabled": false, "retries": 99}}"##, ##"{"probe": null}"##,
        ]
        var runs: [HelmOracle.Run] = []
        for v in values { runs.append(HelmOracle.Run(chartDirectory: directory, name: "shop", namespace: "web", valuesJSON: v)) }
        let helm = try oracle.templates(runs)
        for (i, v) in values.enumerated() {
            let ours = ChartFixture.template(directory, name: "shop", namespace: "web", valuesJSON: v)
            assertSameAsHelm(ours, helm[i], "schema chart with \(v)")
        }
    }

    func testTypesEnumsConstsAndNumbers() throws {
        try check(
            cases(##"{"properties": {"a": {"type": "integer"}}}"##, [##"{"a": 1}"##, ##"{"a": 1.5}"##, ##"{"a": 1e21}"##, ##"{"a": "1"}"##, ##"{"a": null}"##])
                + cases(##"{"properties": {"a": {"type": ["string", "null", "array"]}}}"##, [##"{"a": 1}"##, ##"{"a": null}"##, ##"{"a": [1]}"##])
                + cases(##"{"properties": {"a": {"enum": [1, "x", null, true]}}}"##, [##"{"a": 2}"##, ##"{"a": 1.0}"##, ##"{"a": null}"##])
                + cases(##"{"properties": {"a": {"enum": [1.0, 1e3, "x", [1], {"k": 1}]}}}"##, [##"{"a": 2}"##, ##"{"a": 1000}"##, ##"{"a": {"k": 1}}"##])
                + cases(##"{"properties": {"a": {"enum": ["only"]}, "b": {"const": "it's"}, "c": {"const": 1.50}, "d": {"const": {"k": 1}}}}"##, [
                    ##"{"a": 2}"##, ##"{"b": 2}"##, ##"{"c": 2}"##, ##"{"c": 1.5}"##, ##"{"d": 2}"##, ##"{"d": {"k": 1.0}}"##,
                ])
                + cases(##"{"properties": {"a": {"maximum": 1000}}}"##, [
                    ##"{"a": 1500.25}"##, ##"{"a": 12345.678}"##, ##"{"a": 1e21}"##, ##"{"a": 999999}"##, ##"{"a": 1234567.5}"##, ##"{"a": 123456789012}"##,
                ])
                + cases(##"{"properties": {"a": {"minimum": 0.000001}}}"##, [##"{"a": 1e-9}"##, ##"{"a": -1234}"##, ##"{"a": -0.00001}"##, ##"{"a": 0.0001}"##])
                + cases(##"{"properties": {"a": {"exclusiveMaximum": 1}, "b": {"exclusiveMinimum": 1.5}, "c": {"multipleOf": 0.01}, "d": {"multipleOf": 3}}}"##, [
                    ##"{"a": 1}"##, ##"{"b": 1}"##, ##"{"c": 0.3}"##, ##"{"c": 0.305}"##, ##"{"d": 1e20}"##, ##"{"d": 7}"##,
                ])
                + cases(##"{"properties": {"a": {"minLength": 1000}, "b": {"maxLength": 2}, "c": {"pattern": "it's\n\"q\""}}}"##, [
                    ##"{"a": "x"}"##, ##"{"b": "héé"}"##, ##"{"b": "hé"}"##, ##"{"c": "x\ty"}"##,
                ]))
    }

    func testObjectsArraysAndApplicators() throws {
        try check(
            cases(##"{"additionalProperties": false, "properties": {"z": {}}}"##, [##"{"a": 1, "z": 2}"##, ##"{"z": 1}"##])
                + cases(##"{"required": ["a"], "minProperties": 2, "maxProperties": 3}"##, [##"{}"##, ##"{"a": 1}"##, ##"{"a": 1, "b": 2, "c": 3, "d": 4}"##])
                + cases(##"{"properties": {"a": {"minItems": 2000, "maxItems": 1}, "b": {"uniqueItems": true}}}"##, [
                    ##"{"a": [1]}"##, ##"{"b": [1, 2, 1]}"##, ##"{"b": [{"x": 1}, {"x": 1.0}]}"##,
                ])
                + cases(##"{"properties": {"a": {"contains": {"type": "string"}}, "b": {"contains": {"type": "string"}, "minContains": 2}, "c": {"contains": {"type": "string"}, "maxContains": 1}}}"##, [
                    ##"{"a": [1, 2]}"##, ##"{"b": [1, "x"]}"##, ##"{"c": ["y", "x"]}"##,
                ])
                + cases(##"{"properties": {"a": {"propertyNames": {"pattern": "^[a-z]+$"}}, "b": {"dependentRequired": {"x": ["y", "z"]}}, "c": {"dependentSchemas": {"x": {"required": ["q"]}}}}}"##, [
                    ##"{"a": {"X": 1}}"##, ##"{"b": {"x": 1}}"##, ##"{"c": {"x": 1}}"##,
                ])
                + cases(##"{"properties": {"a": {"prefixItems": [{"type": "string"}], "items": false}, "b": {"unevaluatedProperties": false, "properties": {"x": {}}}, "c": false}}"##, [
                    ##"{"a": ["s", 1]}"##, ##"{"b": {"x": 1, "y": 2}}"##, ##"{"c": 1}"##,
                ])
                + cases(##"{"properties": {"a": {"allOf": [{"type": "string"}, {"minimum": 3}]}, "b": {"anyOf": [{"type": "string"}, {"type": "boolean"}]}, "c": {"oneOf": [{"type": "number"}, {"type": "integer"}]}, "d": {"oneOf": [{"type": "string"}, {"type": "boolean"}]}, "e": {"not": {"type": "number"}}}}"##, [
                    ##"{"a": 1}"##, ##"{"b": 1}"##, ##"{"c": 1}"##, ##"{"d": 1}"##, ##"{"e": 1}"##,
                ])
                + cases(##"{"properties": {"a": {"if": {"type": "string"}, "then": {"minLength": 2}, "else": {"type": "boolean"}}}}"##, [##"{"a": 1}"##, ##"{"a": "x"}"##, ##"{"a": true}"##])
                + cases(##"{"patternProperties": {"^x-": {"type": "string"}, "^x-n": {"type": "number"}}, "additionalProperties": false}"##, [##"{"x-n1": "s", "y": 1}"##])
                + [Case(schema: ##"{"properties": {"a": {"type": "integer"}, "b": {"type": "string"}}}"##, values: ##"{"a": 1.5, "b": 2}"##, unordered: true)]
                + cases(##"{"properties": {"a": {"type": "string", "minLength": 3, "pattern": "^x"}}}"##, [##"{"a": "ab"}"##])
                + cases(##"{"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "array", "items": {"type": "integer"}}}}}}"##, [
                    ##"{"a": {"b": [1, "x", 3.5]}}"##,
                ]))
    }

    func testReferencesAndDrafts() throws {
        let d4 = "http://json-schema.org/draft-04/schema#", d7 = "http://json-schema.org/draft-07/schema#"
        try check(
            cases(##"{"properties": {"a": {"$ref": "#/$defs/s"}}, "$defs": {"s": {"type": "string", "minLength": 3, "pattern": "^x"}}}"##, [##"{"a": 1}"##, ##"{"a": "ab"}"##])
                + cases(##"{"$ref": "#/$defs/v", "$defs": {"v": {"properties": {"a": {"type": "string"}}, "required": ["b", "c"]}}}"##, [##"{"a": 1}"##])
                + cases(##"{"properties": {"a": {"$ref": "#foo"}}, "$defs": {"f": {"$anchor": "foo", "type": "string"}}}"##, [##"{"a": 1}"##])
                + cases(##"{"$id": "http://example.com/root.json", "properties": {"a": {"$ref": "item.json"}}, "$defs": {"f": {"$id": "item.json", "type": "string"}}}"##, [##"{"a": 1}"##])
                + cases(##"{"$defs": {"n": {"type": "object", "properties": {"next": {"$ref": "#/$defs/n"}, "v": {"type": "integer"}}}}, "$ref": "#/$defs/n"}"##, [
                    ##"{"v": 1, "next": {"v": 2, "next": {"v": "x"}}}"##,
                ])
                + cases(##"{"$ref": "#"}"##, [##"{"a": 1}"##])
                + cases(##"{"$dynamicAnchor": "meta", "properties": {"c": {"$dynamicRef": "#meta"}, "v": {"type": "string"}}}"##, [##"{"c": {"v": 1}}"##])
                + cases(##"{"$schema": "https://json-schema.org/draft/2019-09/schema", "$recursiveAnchor": true, "properties": {"c": {"$recursiveRef": "#"}, "v": {"type": "string"}}}"##, [##"{"c": {"v": 1}}"##])
                + cases(##"{"properties": {"a": {"$ref": "urn:example:thing"}}}"##, [##"{"a": 1}"##])
                + cases(##"{"$schema": "\##(d4)", "properties": {"a": {"type": "integer", "minimum": 1, "exclusiveMinimum": true}, "b": {"$ref": "#xx"}}, "definitions": {"x": {"id": "#xx", "type": "string"}}}"##, [
                    ##"{"a": 1}"##, ##"{"b": 1}"##,
                ])
                + cases(##"{"$schema": "\##(d7)", "properties": {"a": {"$ref": "#/definitions/x", "type": "integer"}, "b": {"items": [{"type": "string"}], "additionalItems": false}}, "definitions": {"x": {"type": "string"}}}"##, [
                    ##"{"a": 1}"##, ##"{"b": ["s", 1, 2]}"##,
                ])
                + cases(##"{"$schema": "http://json-schema.org/draft-06/schema#", "properties": {"a": {"contains": {"const": 3}}, "b": {"if": {"type": "string"}, "then": false}}}"##, [
                    ##"{"a": [1, 2]}"##, ##"{"b": "x"}"##,
                ]))
    }

    func testFormatsAreCheckedUpToDraft7() throws {
        let formats: [String: [String]] = [
            "ipv4": ["1.2.3.4", "1.2.3", "01.2.3.4", "1.2.3.256", "a.b.c.d", "-1.2.3.4"],
            "ipv6": ["::1", "::g", "1::2::3", "fe80::1%eth0", "12345::", "::1.2.3", "1:2:3:4:5:6:7:8:9"],
            "hostname": ["ok.example", "-a", "a-", "a_b", "é.com"],
            "email": ["a@b.c", "nope", ".a@b", "a@[1.2.3]", "a@[IPv6:zz]", "a@-b"],
            "date": ["2024-02-29", "2023-02-29", "2020-13-01", "2020-1-01", "2020-01-011"],
            "time": ["12:00:00Z", "25:00:00Z", "12:00:00+0100", "12:59:60Z"],
            "date-time": ["2020-01-01T12:00:00Z", "2020-01-01 12:00:00Z", "short"],
            "uri": ["http://example.com/x", "relative/path", "http://::1/", "http://x:port/", "http://x/%zz", ":foo"],
            "uri-reference": ["a\\b", "rel/path", ":x"],
            "uri-template": ["http://x/{a}", "http://x/{a", "http://x/{{a}}"],
            "json-pointer": ["/a/b", "a", "/a~2"],
            "relative-json-pointer": ["0", "01/a", "x"],
            "uuid": ["123e4567-e89b-12d3-a456-426614174000", "123", "123e4567-e89b-12d3-a456-42661417400g"],
            "duration": ["P1D", "P", "PW", "P1X", "P1D1Y", "P1T1H"],
            "period": ["2020-01-01T00:00:00Z/P1D", "x", "P1D/P1D"],
            "semver": ["1.2.3", "1.2", "01.2.3", "1.2.3-alpha.01", "1.2.3+a_b"],
            "regex": ["^a+$", "([", "\\p{Greek}", "\\p{Foo}"],
        ]
        var all: [Case] = []
        for (format, values) in formats.sorted(by: { $0.key < $1.key }) {
            let json = String(decoding: try JSONSerialization.data(withJSONObject: values.map { ["a": $0] }), as: UTF8.self)
            let list = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])
            for item in list {
                let valuesJSON = String(decoding: try JSONSerialization.data(withJSONObject: item), as: UTF8.self)
                all.append(Case(schema: ##"{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"a": {"format": "\##(format)"}}}"##, values: valuesJSON))
            }
            // 2020-12 does not check formats.
            all.append(Case(schema: ##"{"properties": {"a": {"format": "\##(format)"}}}"##, values: ##"{"a": "~~~"}"##))
        }
        try check(all)
    }

    func testUnusableSchemasFailLikeHelm() throws {
        let schemas = [
            "", "   ", "{} {}", "{} x", ##"{"a": tru}"##, ##"{"properties": "##, "[1]", "true", "false",
            ##"{"properties": {"a": {"type": "foo"}}}"##, ##"{"properties": {"a": {"minLength": "3"}}}"##, ##"{"properties": {"a": {"minLength": -1}}}"##,
            ##"{"properties": {"a": {"required": "x"}}}"##, ##"{"properties": {"a": {"pattern": "(["}}}"##, ##"{"patternProperties": {"([": {}}}"##,
            ##"{"minItems": "1"}"##, ##"{"properties": {"a": 5}}"##, ##"{"allOf": []}"##, ##"{"enum": 3}"##, ##"{"multipleOf": 0}"##, ##"{"required": ["a", "a"]}"##,
            ##"{"type": ["string", "foo"]}"##, ##"{"items": 5}"##, ##"{"$anchor": "1x"}"##, ##"{"additionalProperties": 3}"##,
            ##"{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"a": {"minLength": "3"}}}"##, ##"{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"b": {"type": "foo"}}}"##,
            ##"{"$schema": "http://json-schema.org/draft-07/schema#", "enum": []}"##,
            ##"{"$schema": "http://json-schema.org/draft-04/schema#", "additionalProperties": 3}"##,
            ##"{"$schema": "http://json-schema.org/draft-04/schema#", "exclusiveMinimum": true}"##,
            ##"{"properties": {"a": {"$ref": "#/nope"}}}"##, ##"{"properties": {"a": {"$ref": "#nope"}}}"##,
        ]
        try check(schemas.map { Case(schema: $0, values: ##"{"a": 1}"##) })
    }
}
