import XCTest

@testable import Mesh

final class StageTests: XCTestCase {
    func testStagesRunInDesignOrder() {
        XCTAssertEqual(Stage.allCases.map(\.rawValue), [
            "primary-control-plane", "eastwest-gateway", "discovery-address", "expose-istiod",
            "remote-namespace", "remote-control-plane", "remote-secret", "verify",
        ])
        XCTAssertEqual(Stage.discoveryAddress.number, 3)
        XCTAssertEqual(Stage.remoteSecret.target, .eachRemote)
        XCTAssertEqual(Stage.verify.target, .primary)
    }

    func testFromSelectsTheStageAndAllAfterIt() throws {
        XCTAssertEqual(try StageSelection(only: [], from: "remote-secret").stages, [.remoteSecret, .verify])
        XCTAssertEqual(try StageSelection(only: [], from: nil).stages, Stage.allCases)
    }

    func testOnlyKeepsRunOrderWhateverTheFlagOrder() throws {
        XCTAssertEqual(try StageSelection(only: ["verify", "eastwest-gateway", "verify"], from: nil).stages,
                       [.eastwestGateway, .verify])
    }

    func testUnknownStageNamesTheValidOnes() {
        XCTAssertThrowsError(try StageSelection(only: ["remote-secrets"], from: nil)) { error in
            guard let error = error as? MeshError else { return XCTFail("\(error)") }
            XCTAssertTrue(error.isUsage)
            XCTAssertEqual(error.message, "unknown stage \"remote-secrets\"")
            XCTAssertTrue(error.hint?.contains("remote-secret, verify") ?? false)
        }
        XCTAssertThrowsError(try StageSelection(only: ["verify"], from: "verify"))
    }
}
