import Foundation
import XCTest

@testable import Helm

/// What reads the clock (`now`, `ago`, `durationRound` of a time, `date` of
/// a non-time): with a fixed clock, exact outputs; with the real one, the
/// shape Helm prints and a reading between two samples of the system clock.
final class TimeFunctionsTests: XCTestCase {
    /// 2024-05-01T12:00:00.5Z with a monotonic reading of 12.345 ms, in `zone`.
    private func fixedClock(zone: GoZone = .utc, seconds: Int64 = 1_714_564_800) -> TemplateEnvironment {
        TemplateEnvironment(
            now: { GoTime(seconds: seconds, nanoseconds: 500_000_000, zone: zone, monotonic: 12_345_000) }, localZone: zone,
            random: { 0 })
    }

    private func render(_ template: String, _ environment: TemplateEnvironment) -> String {
        switch ChartFixture.renderFiles(HelmOracle.Case(templates: ["t.yaml": template]), environment: environment) {
        case .output(let files): return files["c/templates/t.yaml"] ?? "<missing>"
        case .error(let message): return "error: \(message)"
        }
    }

    func testNowPrintsGoTimeStringWithTheMonotonicReading() throws {
        let newYork = try XCTUnwrap(GoZone.load("America/New_York"))
        XCTAssertEqual(render("{{ now }}", fixedClock()), "2024-05-01 12:00:00.5 +0000 UTC m=+0.012345000")
        XCTAssertEqual(render("{{ now }}", fixedClock(zone: newYork)), "2024-05-01 08:00:00.5 -0400 EDT m=+0.012345000")
        XCTAssertEqual(render("{{ now | toJson }}|{{ now | unixEpoch }}|{{ now | date \"15:04 MST\" }}", fixedClock(zone: newYork)),
            "\"2024-05-01T08:00:00.5-04:00\"|1714564800|08:00 EDT")
        // dateModify keeps the monotonic reading and moves it; dateInZone drops it.
        XCTAssertEqual(render("{{ now | dateModify \"1h\" }}", fixedClock()), "2024-05-01 13:00:00.5 +0000 UTC m=+3600.012345000")
        XCTAssertEqual(render("{{ date \"2006-01-02\" \"not a time\" }}|{{ htmlDate nil }}", fixedClock()), "2024-05-01|2024-05-01")
    }

    func testAgoAndDurationRoundMeasureFromTheClock() {
        let clock = fixedClock()
        XCTAssertEqual(render("{{ ago now }}|{{ ago \"x\" }}|{{ durationRound now }}", clock), "0s|0s|0s")
        // 90.5 s before now, without a monotonic reading: wall time difference, rounded half away from zero.
        XCTAssertEqual(render("{{ ago (int64 1714564710) }}|{{ ago 1714564711 }}", clock), "1m31s|1m30s")
        XCTAssertEqual(render(#"{{ ago (toDate "2006-01-02" "2024-04-30") }}|{{ durationRound (toDate "2006-01-02" "2024-04-30") }}"#, clock), "36h0m1s|1d")
        XCTAssertEqual(render(#"{{ ago (toDate "2006-01-02" "2024-05-02") }}|{{ durationRound (toDate "2006-01-02" "2024-05-02") }}"#, clock), "-12h0m0s|11h")
    }

    func testRealClockPrintsHelmsShapeAndTheCurrentTime() throws {
        let environment = TemplateEnvironment.system(environment: ["TZ": "UTC"])
        let before = Date().timeIntervalSince1970
        let printed = render("{{ now }}|{{ now | unixEpoch }}|{{ ago now }}", environment)
        let after = Date().timeIntervalSince1970
        let pattern = #"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})? \+0000 UTC m=\+\d+\.\d{9}\|(\d+)\|0s$"#
        let regex = try NSRegularExpression(pattern: pattern)
        let match = try XCTUnwrap(regex.firstMatch(in: printed, range: NSRange(printed.startIndex..., in: printed)), printed)
        let epoch = try XCTUnwrap(Double((printed as NSString).substring(with: match.range(at: 2))))
        XCTAssertGreaterThanOrEqual(epoch, before.rounded(.down))
        XCTAssertLessThanOrEqual(epoch, after)
    }

    func testTheMonotonicReadingNeverGoesBack() {
        let environment = TemplateEnvironment.system(environment: ["TZ": "UTC"])
        var last: Int64 = -1
        for _ in 0..<100 {
            guard let m = environment.now().monotonic else { return XCTFail("no monotonic reading") }
            XCTAssertGreaterThanOrEqual(m, last)
            last = m
        }
    }

    func testLocalZoneFollowsTZAsGoDoes() {
        XCTAssertEqual(GoZone.local(environment: ["TZ": ""]).name, "UTC")
        XCTAssertEqual(GoZone.local(environment: ["TZ": "UTC"]).name, "UTC")
        XCTAssertEqual(GoZone.local(environment: ["TZ": "No/Such_Zone"]).name, "UTC")
        XCTAssertEqual(GoZone.local(environment: ["TZ": ":Asia/Kolkata"]).lookup(0).name, "IST")
        XCTAssertEqual(GoZone.local(environment: ["TZ": "/usr/share/zoneinfo/Europe/Berlin"]).lookup(1_720_000_000).name, "CEST")
        XCTAssertNil(GoZone.load("../zoneinfo/UTC"))
        XCTAssertNil(GoZone.load("/etc/localtime"))
        XCTAssertTrue(GoZone.load("")?.isUTC ?? false)
        XCTAssertNil(GoZone.parse(Array("TZif2 not really".utf8), name: "x"))
        XCTAssertNil(GoZone.load("Bad", directories: [NSTemporaryDirectory()]))
    }

    func testToYamlPrettyOfASelfContainingMapWithATimeIsEmpty() {
        // Helm's go-yaml recurses without end here; the JSON step's cycle check gives "".
        let template = #"{{ $d := dict }}{{ $_ := set $d "self" $d }}{{ $_ := set $d "t" now }}[{{ toYamlPretty $d }}]"#
        XCTAssertEqual(render(template, fixedClock()), "[]")
    }

    func testDurationRound() {
        XCTAssertEqual(GoDuration.round(1_500_000_000, to: GoDuration.second), 2_000_000_000)
        XCTAssertEqual(GoDuration.round(-1_500_000_000, to: GoDuration.second), -2_000_000_000)
        XCTAssertEqual(GoDuration.round(1_499_999_999, to: GoDuration.second), 1_000_000_000)
        XCTAssertEqual(GoDuration.round(.max, to: GoDuration.second), .max)
        XCTAssertEqual(GoDuration.round(.min, to: GoDuration.second), .min)
    }
}
