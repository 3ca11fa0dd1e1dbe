import Foundation
import Kube
import Mesh
import XCTest

@testable import CLI

/// The mesh commands' command-line side: completion of their flags, the resume
/// command, and how progress is drawn on a terminal and elsewhere.
final class MeshCommandsTests: XCTestCase {
    var scratch: Scratch!
    var kubeconfig: String!

    override func setUpWithError() throws {
        scratch = try Scratch()
        kubeconfig = try scratch.write("config", CLITest.kubeconfig)
    }

    override func tearDown() { scratch = nil }

    private func complete(_ words: String...) -> String {
        CLITest.run(["__complete"] + words, environment: ["KUBECONFIG": kubeconfig], home: scratch.path).output
    }

    func testContextsCompleteForPrimaryRemoteAndContext() {
        let contexts = "arn:aws:eks:eu-west-1:1:cluster/prod\nkind-east\nkind-west\n:4\n"
        XCTAssertEqual(complete("join-remote", "--primary", ""), contexts)
        // The primary already named is not offered as a remote.
        let others = "arn:aws:eks:eu-west-1:1:cluster/prod\nkind-west\n:4\n"
        XCTAssertEqual(complete("join-remote", "--primary", "kind-east", "--remote", ""), others)
        XCTAssertEqual(complete("status", "--primary", ""), contexts)
        XCTAssertEqual(complete("leave", "--primary", "kind-east", "--remote", ""), others)
        XCTAssertEqual(complete("remove-revision", "--primary", "kind-east", "--remote", ""), others)
        XCTAssertEqual(complete("create-remote-secret", "--context", ""), contexts)
    }

    func testStageNamesCompleteForOnlyAndFrom() {
        let stages = Stage.allCases.map { "\($0.rawValue)\t\($0.summary)" }.joined(separator: "\n") + "\n:4\n"
        XCTAssertEqual(complete("join-remote", "--from", ""), stages)
        XCTAssertEqual(complete("join-remote", "--only", ""), stages)
        XCTAssertEqual(complete("join-remote", "--from", "remote-"), """
            remote-namespace\t\(Stage.remoteNamespace.summary)
            remote-control-plane\t\(Stage.remoteControlPlane.summary)
            remote-secret\t\(Stage.remoteSecret.summary)
            :4

            """)
    }

    func testContextPrefixesCompleteForAssignments() {
        XCTAssertEqual(complete("join-remote", "--cluster-name", "kind-"), "kind-east=\nkind-west=\n:6\n")
        XCTAssertEqual(complete("join-remote", "--remote-api-server", "kind-w"), "kind-west=\n:6\n")
    }

    func testIstioCompletesDirectoriesAndValuesYAMLFiles() {
        XCTAssertEqual(complete("join-remote", "--istio", ""), ":16\n")
        XCTAssertEqual(complete("join-remote", "-f", ""), "yaml\nyml\n:8\n")
        XCTAssertEqual(complete("join-remote", "-o", ""), """
            yaml\tYAML documents, one comment per stage and cluster (default)
            json\ta JSON object with the objects of each stage and cluster
            :4

            """)
    }

    func testFlagsOfJoinRemoteComplete() {
        let flags = complete("join-remote", "--").split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
        for flag in ["--primary", "--remote", "--mesh", "--network", "--cluster-name", "--istio", "--revision", "--set",
                     "--values", "--remote-api-server", "--discovery-address", "--timeout", "--dry-run",
                     "--force-conflicts", "--output", "--only", "--from"] {
            XCTAssertTrue(flags.contains(flag), "\(flag) missing from \(flags)")
        }
    }

    func testResumeCommandRepeatsTheRunWithFrom() {
        var options = JoinOptions()
        options.primary = "kind-east"
        options.remotes = ["kind-west", "gke_p_z_c"]
        options.clusterNames = ["kind-west=west"]
        options.setValues = ["pilot.env.X=a b"]
        options.only = ["verify"]
        options.timeout = "90s"
        XCTAssertEqual(JoinRemoteCommand.commandLine(options, kubeconfig: "/tmp/k config", from: .remoteSecret),
                       "kubectl mesh join-remote --kubeconfig '/tmp/k config' --primary kind-east --remote kind-west "
                        + "--remote gke_p_z_c --cluster-name kind-west=west --set 'pilot.env.X=a b' --timeout 90s --from remote-secret")
        XCTAssertEqual(JoinRemoteCommand.quoted("it's"), "'it'\\''s'")
        options.forceConflicts = true
        XCTAssertTrue(JoinRemoteCommand.commandLine(options, kubeconfig: nil, from: .primaryControlPlane)
            .hasSuffix(" --timeout 90s --force-conflicts --from primary-control-plane"))
    }

    func testStatusKeepsTheTableReadableWhenSyncIsUnknown() {
        let reason = "cannot read istiod's metrics through the API server's pod proxy: forbidden: User \"alice\" cannot get pods/proxy"
        let status = MeshStatus(
            primary: ClusterRef(name: "east", context: "kind-east"), meshID: "mesh1", network: "network1",
            remotes: [
                .init(name: "north", secret: "istio-remote-secret-north", server: "https://172.18.0.4:6443", sync: .unknown(reason),
                      managedByKubectlMesh: true),
                .init(name: "south", secret: "istio-remote-secret-south", server: "https://172.18.0.5:6443", sync: .synced,
                      managedByKubectlMesh: true),
                .init(name: "west", secret: "istio-remote-secret-west", server: "https://172.18.0.3:6443", sync: .unknown(reason),
                      managedByKubectlMesh: true),
            ])
        let text = StatusCommand.text(status)
        XCTAssertTrue(text.contains("""
              NAME    API SERVER                SYNC      SECRET
              north   https://172.18.0.4:6443   unknown   istio-remote-secret-north
              south   https://172.18.0.5:6443   synced    istio-remote-secret-south
              west    https://172.18.0.3:6443   unknown   istio-remote-secret-west
              note: sync of north, west unknown: \(reason)

            """), text)
    }

    private func result(_ stage: Stage, _ detail: String, changed: Bool = true) -> JoinEvent {
        .stageFinished(StageResult(stage: stage, cluster: ClusterRef(name: "east", context: "kind-east"), detail: detail,
                                   elapsedSeconds: 1.26, changed: changed))
    }

    func testPlainOutputPrintsOneLinePerStageAndEachWaitState() {
        let output = CapturedOutput(isTerminal: false)
        let progress = ProgressRenderer(output: output, environment: [:], clusterNames: ["east"], timeout: "5m0s")
        progress.handle(.waiting(.primaryControlPlane, ClusterRef(name: "east", context: "kind-east"),
                                 WaitProgress(target: "Deployment istio-system/istiod to roll out", state: "0 of 1 replicas updated", elapsed: 0.5)))
        progress.handle(result(.primaryControlPlane, "applied 13 objects (13 created), istiod ready"))
        XCTAssertEqual(output.text, """
            [1/8] primary-control-plane east waiting (up to 5m0s) for Deployment istio-system/istiod to roll out: 0 of 1 replicas updated
            [1/8] primary-control-plane east applied 13 objects (13 created), istiod ready    1.3s

            """)
        XCTAssertFalse(output.text.contains("\u{1B}"))
    }

    func testTerminalGetsALiveLineAndColourUnlessNoColor() {
        let output = CapturedOutput(isTerminal: true)
        let progress = ProgressRenderer(output: output, environment: ["TERM": "xterm"], clusterNames: ["east"])
        progress.handle(.waiting(.discoveryAddress, ClusterRef(name: "east", context: "kind-east"),
                                 WaitProgress(target: "an address", state: "none yet", elapsed: 1)))
        XCTAssertTrue(output.text.hasPrefix("\r\u{1B}[2K"), output.text)
        XCTAssertFalse(output.text.hasSuffix("\n"), "a live line stays open")
        progress.handle(result(.discoveryAddress, "172.18.255.10"))
        XCTAssertTrue(output.text.contains("none yet\u{1B}[0m\r\u{1B}[2K\u{1B}[1m[3/8]\u{1B}[0m"), output.text)
        XCTAssertTrue(output.text.hasPrefix("\r\u{1B}[2K\u{1B}[2m[3/8] discovery-address     east waiting for an address: none yet\u{1B}[0m"),
                      "the live line is dim as a whole: \(output.text)")
        XCTAssertEqual(ProgressRenderer.format(seconds: 75), "1m15s")
        XCTAssertEqual(ProgressRenderer.format(seconds: 1.26), "1.3s")
        XCTAssertEqual(ProgressRenderer.format(seconds: 0.035), "35ms")

        let plain = CapturedOutput(isTerminal: true)
        let noColor = ProgressRenderer(output: plain, environment: ["NO_COLOR": "1"], clusterNames: ["east"])
        noColor.handle(result(.verify, "west: synced", changed: false))
        XCTAssertFalse(plain.text.contains("\u{1B}["), plain.text)

        let dumb = CapturedOutput(isTerminal: true)
        let dumbTerminal = ProgressRenderer(output: dumb, environment: ["TERM": "dumb"], clusterNames: ["east"])
        dumbTerminal.handle(.waiting(.discoveryAddress, ClusterRef(name: "east", context: "kind-east"),
                                     WaitProgress(target: "an address", state: "none yet", elapsed: 1)))
        XCTAssertEqual(dumb.text, "[3/8] discovery-address     east waiting for an address: none yet\n", "no redrawing on a dumb terminal")
    }

    func testJoinRemoteHelpNamesEveryStage() {
        let help = CLITest.run(["join-remote", "--help"]).output
        for stage in Stage.allCases { XCTAssertTrue(help.contains(stage.rawValue), stage.rawValue) }
    }
}
