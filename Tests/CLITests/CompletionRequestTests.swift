import XCTest

@testable import CLI

/// `__complete` as kubectl and the completion scripts call it.
final class CompletionRequestTests: XCTestCase {
    private var scratch: Scratch!
    private var kubeconfig = ""

    override func setUpWithError() throws {
        scratch = try Scratch()
        kubeconfig = try scratch.write("config", CLITest.kubeconfig)
    }

    override func tearDown() { scratch = nil }

    private func complete(_ words: String..., programName: String = "kubectl-mesh") -> String {
        let arguments = programName == "kubectl-mesh" ? ["__complete"] + words : words
        return CLITest.run(arguments, environment: ["KUBECONFIG": kubeconfig], home: scratch.path,
                           programName: programName).output
    }

    func testCommands() {
        XCTAssertEqual(complete(""), """
            join-remote\tinstall Istio primary-remote: istiod on the primary, the remotes served by it
            status\tshow the mesh as its primary sees it: istiod, the east-west gateway and each remote
            leave\ttake a remote out of the mesh: its remote secret and everything kubectl-mesh installed in it
            remove-revision\tremove an old istiod revision after a canary upgrade, from the primary and every remote
            create-remote-secret\tprint the remote secret that lets a primary's istiod read the cluster of --context
            template\trender a Helm chart locally, exactly as helm template does
            contexts\tlist the kubeconfig contexts with their clusters, servers, users and namespaces
            version\tprint the plugin version and the Istio release found
            completion\tprint the shell completion script for bash or zsh
            help\tshow help for kubectl mesh or one of its commands
            :4

            """)
        XCTAssertEqual(complete("co"), """
            contexts\tlist the kubeconfig contexts with their clusters, servers, users and namespaces
            completion\tprint the shell completion script for bash or zsh
            :4

            """)
        XCTAssertEqual(complete("nonsense", ""), ":4\n")
        XCTAssertFalse(complete("").contains("__complete"))
    }

    func testContextsForEveryContextFlagForm() {
        let names = "arn:aws:eks:eu-west-1:1:cluster/prod\nkind-east\nkind-west\n:4\n"
        XCTAssertEqual(complete("contexts", "--context", ""), names)
        XCTAssertEqual(complete("--context", ""), names)
        XCTAssertEqual(complete("contexts", "--context", "kind-w"), "kind-west\n:4\n")
        XCTAssertEqual(complete("contexts", "--context=kind-"), "--context=kind-east\n--context=kind-west\n:4\n")
    }

    func testContextsComeFromTheKubeconfigOnTheLine() throws {
        let other = try scratch.write("other", "contexts:\n- name: elsewhere\n")
        XCTAssertEqual(complete("contexts", "--kubeconfig", other, "--context", ""), "elsewhere\n:4\n")
        XCTAssertEqual(complete("--kubeconfig=" + other, "contexts", "--context", ""), "elsewhere\n:4\n")
        try scratch.write(".kube/alt", "contexts:\n- name: from-home\n")
        XCTAssertEqual(complete("--kubeconfig", "~/.kube/alt", "contexts", "--context", ""), "from-home\n:4\n")
        XCTAssertEqual(complete("--kubeconfig", "/nonexistent", "contexts", "--context", ""), ":4\n")
    }

    func testFlagsWithDescriptionsLeavingOutThoseGiven() {
        XCTAssertEqual(complete("contexts", "--"), """
            --output\tOutput format: name, json or wide (default: a table).
            --kubeconfig\tRead this kubeconfig file only (default: the files in $KUBECONFIG, else ~/.kube/config).
            --context\tUse this kubeconfig context instead of the current one.
            --help\tShow help for the command.
            :4

            """)
        XCTAssertFalse(complete("contexts", "-o", "json", "--").contains("--output"))
        XCTAssertTrue(complete("contexts", "-").contains("-o\t"))
        XCTAssertEqual(CLITest.run(["__completeNoDesc", "contexts", "--o"]).output, "--output\n:4\n")
    }

    func testFlagsBeforeTheCommandCountAsItsOwn() {
        XCTAssertFalse(complete("-o", "json", "contexts", "--").contains("--output"))
        XCTAssertEqual(complete("--primary", "kind-east", "status", "-o", "j"), "json\tthe same facts as JSON\n:4\n")
        XCTAssertEqual(complete("--outptu", "json", "con"), """
            contexts\tlist the kubeconfig contexts with their clusters, servers, users and namespaces
            :4

            """, "a misspelled value flag still takes its value, as the parser reads it")
        XCTAssertTrue(complete("--", "").contains("contexts\t"), "the command may follow --")
        XCTAssertEqual(complete("--context", "kind-east", "nonsense", "--"), ":4\n")
    }

    func testValuesByKind() {
        XCTAssertEqual(complete("contexts", "-o", ""), """
            name\tcontext names only
            json\ta JSON list of {name, cluster, user, namespace, server, current}
            wide\tthe table plus how each user logs in and the file of each context
            :4

            """)
        XCTAssertEqual(complete("contexts", "--output=j"), "--output=json\ta JSON list of {name, cluster, user, namespace, server, current}\n:4\n")
        XCTAssertEqual(complete("--kubeconfig", ""), ":0\n", "file flags let the shell complete file names")
        XCTAssertEqual(complete("completion", ""), "bash\tbash 4 or later\nzsh\tzsh 5 or later\n:4\n")
        XCTAssertEqual(complete("help", "v"), "version\tprint the plugin version and the Istio release found\n:4\n")
        XCTAssertEqual(complete("completion", "bash", ""), """
            --kubeconfig\tRead this kubeconfig file only (default: the files in $KUBECONFIG, else ~/.kube/config).
            --context\tUse this kubeconfig context instead of the current one.
            --help\tShow help for the command.
            :4

            """)
    }

    func testContextAssignmentKindCompletesContextThenValue() {
        let invocation = Invocation(environment: ["KUBECONFIG": kubeconfig], homeDirectory: scratch.path,
                                    workingDirectory: "/", output: CapturedOutput(), errorOutput: CapturedOutput())
        let values = ValueCompletion(invocation: invocation, kubeconfigPath: nil)
        let names = values.complete("kind", kind: .contextAssignment(.text))
        XCTAssertEqual(names.candidates.map(\.value), ["kind-east=", "kind-west="])
        XCTAssertEqual(names.directive, [.noSpace, .noFileCompletion])
        let choice = values.complete("kind-east=a", kind: .contextAssignment(.choice(["auto", "other"])),
                                     candidatePrefix: "--remote-api-server=")
        XCTAssertEqual(choice.candidates.map(\.value), ["--remote-api-server=kind-east=auto"])
        XCTAssertEqual(values.complete("", kind: .directory).directive, .filterDirectories)
        XCTAssertEqual(values.complete("", kind: .file(extensions: ["yaml", "yml"])).protocolText(descriptions: true),
                       "yaml\nyml\n:8\n")
    }

    func testContextsTheLineNamesAreNotOfferedAgain() {
        XCTAssertEqual(complete("join-remote", "--primary", "kind-east", "--remote", "kind-"), "kind-west\n:4\n")
        XCTAssertEqual(complete("join-remote", "--remote=kind-west", "--primary", "kind-"), "kind-east\n:4\n")
        XCTAssertEqual(complete("leave", "--remote", "kind-west", "--primary=kind"), "--primary=kind-east\n:4\n")
        XCTAssertEqual(complete("--context", "kind-east", "contexts", "--context", "kind-"), "kind-east\nkind-west\n:4\n",
                       "--context is kubectl's choice of context, not a cluster of the run")
        // CONTEXT= flags offer the run's contexts when the line names them, each once per flag.
        XCTAssertEqual(complete("join-remote", "--primary", "kind-east", "--remote", "kind-west", "--cluster-name", ""),
                       "kind-east=\nkind-west=\n:6\n")
        XCTAssertEqual(complete("join-remote", "--remote", "kind-west", "--cluster-name", "kind-west=west",
                                "--cluster-name", ""), ":6\n")
        XCTAssertEqual(complete("join-remote", "--primary", "kind-east", "--remote", "kind-west",
                                "--cluster-name=kind-east=east", "--remote-api-server", ""), "kind-east=\nkind-west=\n:6\n",
                       "another flag's assignments do not count")
        XCTAssertTrue(complete("join-remote", "--cluster-name", "").contains("arn:aws:eks:eu-west-1:1:cluster/prod="),
                      "with no context named yet, every context")
    }

    func testKubectlPluginCompleterName() {
        XCTAssertEqual(complete("contexts", "--context", "kind-e", programName: "/usr/local/bin/kubectl_complete-mesh"),
                       "kind-east\n:4\n")
    }
}
