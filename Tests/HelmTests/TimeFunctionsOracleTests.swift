import Foundation
import XCTest
import YAML

@testable import Helm

/// Sprig's date functions against Helm v4 on fixed inputs: both sides run
/// with the same `TZ`, so Go's `time.Local` and ours agree, and every
/// template avoids the clock (those cases are in TimeFunctionsTests).
final class TimeFunctionsOracleTests: XCTestCase {
    /// Renders each template with Helm (its process given `TZ=tz`) and with
    /// our renderer (an environment built from the same `TZ`), and compares.
    private func check(_ templates: [String], tz: String, file: StaticString = #filePath, line: UInt = #line) throws {
        var oracle = try HelmOracle.required()
        oracle.environment = ["TZ": tz]
        let cases = templates.map { HelmOracle.Case(templates: ["t.yaml": $0]) }
        let helm = try oracle.render(cases)
        let environment = TemplateEnvironment.system(environment: ["TZ": tz])
        for (c, outcome) in zip(cases, helm) {
            assertSameAsHelm(ChartFixture.renderFiles(c, environment: environment), outcome, "TZ=\(tz) template \(c.templates["t.yaml"] ?? "")", file: file, line: line)
        }
    }

    /// Every layout element Go knows, in one layout.
    static let everyElement =
        "Monday Mon January Jan 1 01 2 _2 02 __2 002 15 3 03 4 04 5 05 2006 _2006 06 PM pm MST -0700 -07:00 -07 -070000 -07:00:00 Z0700 Z07:00 Z07 Z070000 Z07:00:00 .000 .999999999 ,000000 ,9 .9X Month Janu 0 7"

    static let zones = [
        "UTC", "Local", "", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Europe/Dublin",
        "America/Sao_Paulo", "Pacific/Chatham", "EST5EDT", "Etc/GMT+5", "Bad/Zone", "../etc/passwd", "/etc/localtime", "utc",
    ]

    /// Unix seconds: the epoch, before any transition, near New York's 2024 changes, leap days, beyond the zone files' tables.
    static let instants: [Int64] = [
        0, -2_208_988_800, -5_000_000_000, 1_710_053_999, 1_710_054_000, 1_730_613_599, 1_730_613_600, 951_782_400,
        1_709_208_000, 2_147_483_648, 4_102_444_800, 7_258_118_399, 253_402_300_799, -62_135_596_800, 1_136_239_445,
    ]

    func testFormatEveryElementInManyZones() throws {
        var templates: [String] = []
        for zone in Self.zones {
            var t = ""
            for instant in Self.instants {
                t += "{{ dateInZone \"\(Self.everyElement)\" (int64 \(instant)) \"\(zone)\" }}\n"
            }
            templates.append(t)
        }
        try check(templates, tz: "America/New_York")
    }

    func testDateAndHtmlDateUseTheLocalZone() throws {
        let templates = [
            #"{{ date "2006-01-02 15:04:05 MST" 0 }}|{{ date "Jan _2 15:04 -07:00" (int64 1710054000) }}|{{ htmlDate 1730613600 }}"#,
            #"{{ date "2006" "not a time" | len }}|{{ date "2006" nil | len }}|{{ htmlDateInZone (int64 86399) "Asia/Kolkata" }}|{{ htmlDateInZone 0 "Bad/Zone" }}"#,
            #"{{ date_in_zone "15:04 MST" 1700000000 "Pacific/Chatham" }}|{{ dateInZone "15:04 MST" (toDate "2006-01-02" "2024-07-01") "Europe/Dublin" }}"#,
            #"{{ date "2006-01-02T15:04:05.999999999Z07:00" (toDate "2006-01-02 15:04:05.000" "2024-02-29 23:59:59.123") }}"#,
            #"{{ date "2006" 5.5 | len }}|{{ date 5 0 }}"#,
        ]
        for tz in ["America/New_York", "Asia/Kolkata", "UTC", "", ":Europe/Berlin", "Australia/Lord_Howe", "No/Such_Zone"] {
            try check(templates, tz: tz)
        }
    }

    func testToDateParsesGoLayouts() throws {
        let cases: [(String, String)] = [
            ("2006-01-02", "2024-05-01"), ("2006-01-02 15:04:05", "2024-03-10 02:30:00"), ("2006-01-02 15:04:05", "2024-11-03 01:30:00"),
            ("2006-01-02T15:04:05Z07:00", "2024-07-01T10:00:00-04:00"), ("2006-01-02T15:04:05Z07:00", "2024-07-01T10:00:00Z"),
            ("2006-01-02T15:04:05Z07:00", "2024-07-01T10:00:00+02:00"), ("2006-01-02T15:04:05.999999999Z07:00", "2024-07-01T10:00:00.5+05:30"),
            ("02 Jan 06 15:04 MST", "01 May 24 10:00 EDT"), ("02 Jan 06 15:04 MST", "01 Jan 24 10:00 EDT"), ("02 Jan 06 15:04 MST", "01 May 24 10:00 UTC"),
            ("02 Jan 06 15:04 MST", "01 May 24 10:00 GMT+3"), ("02 Jan 06 15:04 MST", "01 May 24 10:00 +0530"), ("02 Jan 06 15:04 MST", "01 May 24 10:00 ChST"),
            ("02 Jan 06 15:04 MST", "01 May 70 10:00 IST"), ("Mon Jan _2 15:04:05 2006", "Wed May  1 10:00:00 2024"),
            ("Mon Jan _2 15:04:05 2006", "wed MAY 1 10:00:00 2024"), ("Monday, January 2, 2006", "Friday, March 1, 2024"),
            ("3:04PM", "11:59PM"), ("3:04pm", "12:00am"), ("03:04:05 PM", "12:30:00 PM"), ("__2 2006", "366 2024"), ("002 2006", "060 2023"),
            ("002 2006 01-02", "060 2024 02-29"), ("2006-01-02 15:04:05", "2024-05-01 10:00:00.123456789123"), ("2006-01-02 15:04:05,000", "2024-05-01 10:00:00,250"),
            ("15:04:05.999", "10:00:00"), ("06-1-2", "69-1-2"), ("06-1-2", "68-12-31"), ("2006-01-02 -0700", "2024-05-01 -0400"),
            ("2006-01-02 -07", "2024-05-01 +09"), ("2006-01-02 -07:00:00", "2024-05-01 -04:56:02"), ("2006-01-02 Z070000", "2024-05-01 Z"),
            ("2006-01-02 MST", "2024-05-01 WITA"), ("2006-01-02 MST", "2024-05-01 AEST"), ("Jan 2 2006", "Feb 29 2024"), ("2006-01-02", "0000-01-01"),
            ("2006-01-02", "9999-12-31"),
        ]
        let errors: [(String, String)] = [
            ("2006-01-02", "x"), ("2006-01-02", "2024-13-01"), ("2006-01-02", "2023-02-29"), ("2006-01-02", "2024-05-01 extra"),
            ("15:04", "24:00"), ("15:04", "10:60"), ("15:04:05", "10:00:61"), ("2006-01-02", "2024-5-01"), ("3PM", "13PM"), ("3PM", "3XM"),
            ("2006-01-02 -0700", "2024-05-01 -2500"), ("2006-01-02 -0700", "2024-05-01 *0400"), ("2006-01-02 MST", "2024-05-01 ABCDEF"),
            ("2006-01-02 MST", "2024-05-01 Cest"), ("002 2006", "366 2023"), ("002 2006 01", "060 2024 03"), ("Jan", "Foo"), ("2006", "2ö24"),
            ("2006-01-02 15:04:05.000", "2024-05-01 10:00:00.12"), ("Mon 2006", "Xyz 2024"), ("2006-01-02", ""), ("", "x"),
        ]
        var templates: [String] = []
        for (layout, value) in cases {
            templates.append(#"{{ toDate "\#(layout)" "\#(value)" }}|{{ toJson (toDate "\#(layout)" "\#(value)") }}|{{ (mustToDate "\#(layout)" "\#(value)").Unix }}"#)
        }
        for (layout, value) in errors {
            templates.append(#"{{ toDate "\#(layout)" "\#(value)" }}"#)
            templates.append(#"{{ mustToDate "\#(layout)" "\#(value)" }}"#)
        }
        for tz in ["America/New_York", "Australia/Lord_Howe", "UTC", "Asia/Kolkata"] {
            try check(templates, tz: tz)
        }
    }

    func testModifyEpochAndPrinting() throws {
        let t = #"(toDate "2006-01-02 15:04:05" "2024-03-10 01:30:00")"#
        try check([
            #"{{ dateModify "1h" \#(t) }}|{{ date_modify "-90m" \#(t) }}|{{ dateModify "bogus" \#(t) }}|{{ mustDateModify "1.5h" \#(t) }}|{{ must_date_modify "-1ns" \#(t) }}"#,
            #"{{ mustDateModify "x" \#(t) }}"#, #"{{ mustDateModify "1" \#(t) }}"#, #"{{ mustDateModify "1q" \#(t) }}"#, #"{{ mustDateModify "" \#(t) }}"#,
            #"{{ mustDateModify ".h" \#(t) }}"#, #"{{ mustDateModify "99999999999999999999h" \#(t) }}"#, #"{{ mustDateModify "3000000h" \#(t) }}"#,
            #"{{ unixEpoch \#(t) }}|{{ unixEpoch (toDate "2006" "1969") }}|{{ unixEpoch (toDate "2006" "x") }}"#,
            #"{{ \#(t) | quote }}|{{ list \#(t) 1 }}|{{ printf "%v|%s|%q" \#(t) \#(t) \#(t) }}|{{ typeOf \#(t) }}|{{ kindOf \#(t) }}|{{ empty \#(t) }}|{{ default 1 \#(t) }}"#,
            #"{{ toJson \#(t) }}|{{ toYaml \#(t) }}|{{ toJson (dict "t" \#(t)) }}|{{ toYaml (list (toDate "2006" "0000")) }}|{{ toJson (toDate "2006" "10000") }}"#,
            #"{{ cat \#(t) "x" }}|{{ toString \#(t) }}|{{ print \#(t) }}|{{ if \#(t) }}yes{{ end }}|{{ toJson (toDate "2006" "x") }}"#,
            #"{{ \#(t).Year }}|{{ \#(t).Day }}|{{ \#(t).Hour }}|{{ \#(t).Minute }}|{{ \#(t).Second }}|{{ \#(t).Nanosecond }}|{{ \#(t).YearDay }}"#,
            #"{{ \#(t).Format "Jan 2" }}|{{ \#(t).Unix }}|{{ \#(t).UnixNano }}|{{ \#(t).UnixMilli }}|{{ \#(t).UTC }}|{{ \#(t).IsZero }}|{{ (toDate "x" "y").IsZero }}|{{ \#(t).String }}"#,
            #"{{ printf "%#v" \#(t) }}|{{ printf "%#v" (dateModify "1h" (toDate "2006-01-02 MST" "2024-05-01 UTC")) }}|{{ printf "%#v" (toDate "2006-01-02 -0700" "2024-05-01 +0200") }}"#,
            #"{{ printf "%#v" (toDate "2006-01-02 MST" "2024-05-01 XYZ") }}|{{ printf "%#v" (list (toDate "2006" "1999")) }}|{{ printf "%#v" (toDate "x" "y") }}"#,
            #"{{ eq (toDate "2006" "2024") (toDate "2006" "2024") }}|{{ eq (toDate "2006" "2024") (toDate "2006" "2025") }}|{{ eq (toDate "2006 MST" "2024 XYZ") (toDate "2006 MST" "2024 XYZ") }}"#,
            #"{{ eq (toDate "2006-01-02 -0700" "2024-05-01 +0200") (toDate "2006-01-02 -0700" "2024-05-01 +0200") }}|{{ eq (toDate "2006-01-02 -0700" "2024-05-01 +0230") (toDate "2006-01-02 -0700" "2024-05-01 +0230") }}"#,
            #"{{ $t := now }}{{ eq $t $t }}|{{ eq now now }}|{{ ne (toDate "2006" "2024") (toDate "2006" "2024") }}|{{ eq (toDate "2006 MST" "2024 UTC") (toDate "2006 MST" "2024 UTC") }}|{{ eq (toDate "x" "y") (toDate "x" "z") }}"#,
            #"{{ eq (toDate "2006" "2024") 1 }}"#, #"{{ lt (toDate "2006" "2024") (toDate "2006" "2024") }}"#, #"{{ eq (toDate "2006" "2024") nil }}"#,
            #"{{ toYamlPretty \#(t) }}|{{ toYamlPretty (dict "t" \#(t) "u" (list \#(t))) }}|{{ deepCopy \#(t) }}|{{ kindIs "struct" \#(t) }}|{{ typeIs "time.Time" \#(t) }}|{{ typeIsLike "time.Time" \#(t) }}"#,
            #"{{ toPrettyJson \#(t) }}|{{ toRawJson \#(t) }}|{{ toToml (dict "t" \#(t)) }}|{{ printf "%s|%q|%x|%X" \#(t) \#(t) \#(t) \#(t) }}|{{ index (list \#(t)) 0 | date "2006" }}"#,
            #"{{ toYamlPretty (dict "s" "2024-03-10T01:30:00-05:00" "l" (list (list \#(t)) (dict "x" \#(t))) "n" 1) }}|{{ toToml (dict "a" (dict "t" \#(t)) "l" (list \#(t) \#(t))) }}"#,
            #"{{ toToml \#(t) }}"#, #"{{ toToml (list \#(t)) }}"#,
            #"{{ len \#(t) }}"#, #"{{ mustToJson (dateModify "-8784h" (toDate "2006" "0000")) }}"#, #"{{ toJson (dateModify "-8784h" (toDate "2006" "0000")) }}"#,
            #"{{ dateModify "1h" "x" }}"#, #"{{ dateModify "1h" nil }}"#, #"{{ dateModify "1h" .Values.x }}"#, #"{{ unixEpoch 5 }}"#,
            #"{{ toDate 1 "x" }}"#, #"{{ unixEpoch (dict) }}"#, #"{{ $t := "s" }}{{ unixEpoch $t }}"#, #"{{ htmlDateInZone 0 5 }}"#,
        ], tz: "America/New_York")
    }
}
