import Foundation
import Helm
import XCTest
import YAML

@testable import Mesh

/// How the mesh's values reach the charts: typed, beside the user's own.
final class IstioChartsTests: XCTestCase {
    static let release: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Tests/Fixtures/charts/istio-like").path
    }()

    private func charts(_ user: UserValues = UserValues()) throws -> IstioCharts {
        IstioCharts(release: try IstioRelease.locate(explicitDirectory: Self.release, environment: [:]), userValues: user)
    }

    func testMeshValuesArePassedTypedNotAsSetFlags() throws {
        var o = Fixtures.options()
        o.mesh = "1e3"
        o.network = "true"
        let t = try XCTUnwrap(try o.resolve(lookup: Fixtures.lookup).topology)
        let options = try charts(UserValues(setValues: ["pilot.replicas=2"], valueFiles: ["/values.yaml"]))
            .renderOptions(ChartRenders.primaryIstiod(t), capabilities: nil)
        XCTAssertEqual(options.values?["global"]?["meshID"], .string("1e3"))
        XCTAssertEqual(options.values?["global"]?["network"], .string("true"))
        XCTAssertEqual(options.values?["global"]?["externalIstiod"], .bool(true))
        XCTAssertEqual(options.set, ["pilot.replicas=2"], "only the user's --set stay flags")
        XCTAssertEqual(options.setString, [])
        XCTAssertEqual(options.valuesFiles, ["/values.yaml"])
        // The gateway chart takes no user values.
        let gateway = try charts(UserValues(setValues: ["pilot.replicas=2"])).renderOptions(ChartRenders.eastwestGateway(t), capabilities: nil)
        XCTAssertEqual(gateway.set, [])
        XCTAssertEqual(gateway.values, ["name": "istio-eastwestgateway", "networkGateway": "true"])
    }

    func testRenderedValuesKeepTheirTypes() throws {
        var o = Fixtures.options()
        o.mesh = "0123"
        let t = try XCTUnwrap(try o.resolve(lookup: Fixtures.lookup).topology)
        let objects = try charts().render(ChartRenders.primaryIstiod(t), capabilities: nil)
        let config = try XCTUnwrap(objects.first { $0["kind"] == "ConfigMap" })
        // A number-like mesh ID was never turned into a number on the way (as a number, 0123 prints as 123).
        XCTAssertTrue(config["data"]?["mesh"]?.string?.contains("meshId: 0123") ?? false, "\(config)")
    }
}
