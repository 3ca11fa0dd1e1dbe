import XCTest

@testable import Mesh

final class JoinOptionsTests: XCTestCase {
    func testDefaultsGiveMeshOneNetworkOneAndContextNames() throws {
        let request = try Fixtures.options().resolve(lookup: Fixtures.lookup)
        XCTAssertEqual(request.problems, [])
        let t = try XCTUnwrap(request.topology)
        XCTAssertEqual(t.mesh, "mesh1")
        XCTAssertEqual(t.network, "network1")
        XCTAssertEqual(t.primary.ref, ClusterRef(name: "kind-east", context: "kind-east"))
        XCTAssertEqual(t.remotes.map(\.name), ["kind-west"])
        XCTAssertEqual(t.remotes.first?.apiServerForIstiod, .kubeconfig)
        XCTAssertEqual(request.timeout.description, "5m0s")
        XCTAssertEqual(request.stages, .all)
        XCTAssertEqual(request.output, .yaml)
    }

    func testClusterNamesAndAPIServersComeFromTheirFlags() throws {
        var o = Fixtures.options(remotes: ["kind-west", "kind-north"])
        o.clusterNames = ["kind-west=west", "kind-east=east"]
        o.remoteAPIServers = ["kind-west=https://172.18.0.3:6443", "kind-north=auto"]
        let t = try XCTUnwrap(try o.resolve(lookup: Fixtures.lookup).topology)
        XCTAssertEqual(t.clusters.map(\.name), ["east", "west", "kind-north"])
        XCTAssertEqual(t.remotes.map(\.apiServerForIstiod), [.explicit("https://172.18.0.3:6443"), .auto])
    }

    func testEveryTopologyProblemIsReportedAtOnce() throws {
        var o = Fixtures.options(remotes: ["kind-west", "kind-east", "nowhere", "kind-west-again"])
        o.clusterNames = ["kind-west-again=west", "kind-west=west", "kind-south=south"]
        o.mesh = "mesh one"
        o.remoteAPIServers = ["kind-east=https://x:1", "kind-west=172.18.0.3:6443"]
        o.setValues = ["global.network=other", "pilot.resources.requests.cpu=1"]
        let request = try o.resolve(lookup: Fixtures.lookup)
        XCTAssertNil(request.topology)
        let messages = request.problems.map(\.description)
        let expected = [
            "mesh ID \"mesh one\" may contain only",
            "--set global.network conflicts with the mesh topology",
            "context \"kind-east\" is named more than once",
            "--cluster-name names context \"kind-south\"",
            "--remote-api-server names context \"kind-east\", which is not a --remote",
            "no context \"nowhere\" in the kubeconfig",
            "--remote-api-server \"172.18.0.3:6443\" is not an https:// URL",
            "have the same cluster name \"west\"",
            "reach the same API server https://172.18.0.3:6443/",
        ]
        for fragment in expected {
            XCTAssertTrue(messages.contains { $0.contains(fragment) }, "missing \(fragment) in \(messages)")
        }
        XCTAssertEqual(request.problems.count, expected.count, "\(messages)")
        XCTAssertEqual(request.reachableClusters.map(\.ref.context), ["kind-east", "kind-west", "kind-west-again"])
    }

    func testClustersBehindOneProxyHostAreDistinctByPath() throws {
        let request = try Fixtures.options(primary: "rancher-a", remotes: ["rancher-b"]).resolve(lookup: Fixtures.lookup)
        XCTAssertEqual(request.problems, [])
    }

    func testUnusableDerivedNameAsksForClusterName() throws {
        let request = try Fixtures.options(remotes: ["Weird_Context"]).resolve(lookup: Fixtures.lookup)
        XCTAssertEqual(request.topology?.remotes.first?.name, "weird-context")
        XCTAssertEqual(request.problems, [])
        var o = Fixtures.options()
        o.clusterNames = ["kind-west=West"]
        let named = try o.resolve(lookup: Fixtures.lookup)
        XCTAssertEqual(named.problems.count, 1)
        XCTAssertTrue(named.problems[0].message.contains("cluster name \"West\" may contain only lowercase"))
    }

    func testMalformedFlagsAreUsageErrors() {
        func usage(_ change: (inout JoinOptions) -> Void, _ fragment: String, line: UInt = #line) {
            var o = Fixtures.options()
            change(&o)
            XCTAssertThrowsError(try o.resolve(lookup: Fixtures.lookup), line: line) { error in
                guard let error = error as? MeshError else { return XCTFail("\(error)", line: line) }
                XCTAssertTrue(error.isUsage, line: line)
                XCTAssertTrue(error.message.contains(fragment), "\(error.message)", line: line)
            }
        }
        usage({ $0.primary = nil }, "--primary is required")
        usage({ $0.remotes = [] }, "at least one --remote")
        usage({ $0.clusterNames = ["west"] }, "--cluster-name \"west\" must be CTX=NAME")
        usage({ $0.remoteAPIServers = ["kind-west="] }, "must be CTX=URL")
        usage({ $0.timeout = "5 minutes" }, "invalid duration")
        usage({ $0.timeout = "0s" }, "longer than 0s")
        usage({ $0.output = "json" }, "-o is only used with --dry-run")
        usage({ $0.dryRun = true; $0.output = "table" }, "unknown output format")
        usage({ $0.only = ["nope"] }, "unknown stage")
    }

    func testValuesFilesAreReadableYAMLThatLeavesTheTopologyAlone() {
        let files: [String: String] = [
            "/ok.yaml": "pilot:\n  resources:\n    requests:\n      cpu: 500m\n",
            "/owned.yaml": "global:\n  network: other\n  meshID: m\nprofile: remote\n",
            "/bad.yaml": "global: [\n",
        ]
        struct Missing: Error, CustomStringConvertible { var description: String { "no such file" } }
        let values = UserValues(valueFiles: ["/ok.yaml", "/owned.yaml", "/bad.yaml", "/missing.yaml"])
        let problems = values.problems { path in
            guard let text = files[path] else { throw Missing() }
            return Array(text.utf8)
        }
        XCTAssertEqual(problems.map(\.message), [
            "values file /owned.yaml sets global.meshID, which the mesh topology sets itself",
            "values file /owned.yaml sets global.network, which the mesh topology sets itself",
            "values file /owned.yaml sets profile, which the mesh topology sets itself",
            problems[3].message, "values file /missing.yaml: no such file",
        ])
        XCTAssertEqual(problems[0].hint, "remove it from the file and use --mesh")
        XCTAssertTrue(problems[3].message.hasPrefix("values file /bad.yaml: line 1"), problems[3].message)
        XCTAssertEqual(problems[3].hint, "fix the file's YAML; helm -f reads the same")
        XCTAssertEqual(problems[4].hint, "check the path given to -f")
    }

    func testDiscoveryAddressMustBeAnAddress() throws {
        var o = Fixtures.options()
        o.discoveryAddress = "not an address"
        XCTAssertEqual(try o.resolve(lookup: Fixtures.lookup).problems.count, 1)
        o.discoveryAddress = "a1.elb.amazonaws.com"
        XCTAssertEqual(try o.resolve(lookup: Fixtures.lookup).problems, [])
    }
}
