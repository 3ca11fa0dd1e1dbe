import XCTest

@testable import Mesh

final class StatusParsingTests: XCTestCase {
    func testSyncStatusReadsTheStateWhoseSampleIsOne() throws {
        let text = """
            # HELP istiod_remote_cluster_sync_status Current synchronization state of remote clusters managed by istiod.
            # TYPE istiod_remote_cluster_sync_status gauge
            istiod_remote_cluster_sync_status{cluster="west",cluster_type="remote",status="closed"} 0
            istiod_remote_cluster_sync_status{cluster="west",cluster_type="remote",status="synced"} 1
            istiod_remote_cluster_sync_status{cluster="west",cluster_type="remote",status="syncing"} 0
            istiod_remote_cluster_sync_status{cluster="north",cluster_type="remote",status="syncing"} 1
            istiod_remote_cluster_sync_status{cluster="south",status="timeout",cluster_type="remote"} 1.0
            istiod_remote_cluster_sync_status_other{cluster="x",status="synced"} 1
            pilot_xds 3
            """
        let states = try XCTUnwrap(RemoteSyncState.parse(metrics: text))
        XCTAssertEqual(states, ["west": .synced, "north": .syncing, "south": .timeout])
    }

    func testMissingMetricMeansAnOlderIstiod() {
        XCTAssertNil(RemoteSyncState.parse(metrics: "pilot_xds 3\n# HELP other thing\n"))
        XCTAssertEqual(RemoteSyncState.parse(metrics: "# TYPE istiod_remote_cluster_sync_status gauge\n"), [:])
    }

    func testKubernetesVersionAgainstIstioMinimum() {
        XCTAssertEqual(KubernetesVersionSupport.verdict(istioVersion: "1.28.0", serverVersion: "v1.31.2"), .supported)
        XCTAssertEqual(KubernetesVersionSupport.verdict(istioVersion: "1.28.0", serverVersion: "v1.29.0"), .supported)
        XCTAssertEqual(KubernetesVersionSupport.verdict(istioVersion: "1.28.2", serverVersion: "v1.28.9-gke.1"),
                       .tooOld(minimum: "1.29"))
        XCTAssertEqual(KubernetesVersionSupport.verdict(istioVersion: "1.30.0", serverVersion: "v1.31.0"), .tooOld(minimum: "1.32"))
        XCTAssertEqual(KubernetesVersionSupport.verdict(istioVersion: "1.35.0", serverVersion: "v1.31.0"), .tooOld(minimum: "1.32"))
        guard case .skipped = KubernetesVersionSupport.verdict(istioVersion: "1.0.0", serverVersion: "v1.20.0") else {
            return XCTFail("a dev build skips the check")
        }
        guard case .skipped = KubernetesVersionSupport.verdict(istioVersion: "1.28.0", serverVersion: "unknown") else {
            return XCTFail("an unparsable server version skips the check")
        }
    }
}
