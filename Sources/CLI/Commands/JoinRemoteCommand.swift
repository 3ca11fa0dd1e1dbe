import Kube
import Mesh
import YAML

/// `kubectl mesh join-remote`: the whole primary-remote install in one
/// idempotent, resumable command (DESIGN.md §5). Flags become a `JoinRequest`,
/// preflight checks everything before the first write, then the stages run.
struct JoinRemoteCommand: Command {
    static let primary = FlagSpec(
        "primary", placeholder: "CONTEXT", kind: .context, help: "Context of the cluster that runs istiod (required).")
    static let remote = FlagSpec(
        "remote", placeholder: "CONTEXT", kind: .context, repeatable: true,
        help: "Context of a remote cluster to join (required; give it once per remote).")
    static let mesh = FlagSpec("mesh", placeholder: "ID", help: "The mesh ID (default mesh1).")
    static let network = FlagSpec("network", placeholder: "NAME", help: "The network all clusters are on (default network1).")
    static let clusterName = FlagSpec(
        "cluster-name", placeholder: "CONTEXT=NAME", kind: .contextAssignment(.text), repeatable: true,
        help: "The mesh's name for a cluster (default: its context name made a DNS-1123 label).")
    static let istio = FlagSpec(
        "istio", placeholder: "DIR", kind: .directory,
        help: "The Istio release whose charts to install (default: $ISTIO_HOME, else the release around istioctl on PATH).")
    static let revision = FlagSpec("revision", placeholder: "REV", help: "Install istiod as this revision.")
    static let set = FlagSpec(
        "set", placeholder: "KEY=VALUE", repeatable: true, help: "A value for the control-plane charts (base and istiod), as helm --set.")
    static let values = FlagSpec(
        "values", short: "f", placeholder: "FILE", kind: .file(extensions: ["yaml", "yml"]), repeatable: true,
        help: "A values file for the control-plane charts (base and istiod), as helm -f.")
    static let remoteAPIServer = FlagSpec(
        "remote-api-server", placeholder: "CONTEXT=URL", kind: .contextAssignment(.text), repeatable: true,
        help: "Where the primary's istiod reaches a remote's API server (URL, or auto: the remote's default/kubernetes endpoint).")
    static let discoveryAddress = FlagSpec(
        "discovery-address", placeholder: "ADDRESS",
        help: "The east-west gateway's address, instead of waiting for its load balancer.")
    static let timeout = FlagSpec(
        "timeout", placeholder: "DURATION", help: "How long each wait may take, e.g. 90s or 5m (default 5m).")
    static let dryRun = FlagSpec.switch(
        "dry-run", help: "Print every stage's objects instead of applying them (secrets redacted, no token created).")
    static let forceConflicts = FlagSpec.switch(
        "force-conflicts",
        help: "Take over fields another tool manages with other values (istiod's own run-time fields stay istiod's).")
    static let output = FlagSpec(
        "output", short: "o", placeholder: "FORMAT",
        kind: .choice([Choice("yaml", help: "YAML documents, one comment per stage and cluster (default)"),
                       Choice("json", help: "a JSON object with the objects of each stage and cluster")]),
        help: "Format of --dry-run's output: yaml or json.")
    static let stageChoices = Stage.allCases.map { Choice($0.rawValue, help: $0.summary) }
    static let only = FlagSpec(
        "only", placeholder: "STAGE", kind: .choice(stageChoices), repeatable: true, help: "Run only this stage.")
    static let from = FlagSpec(
        "from", placeholder: "STAGE", kind: .choice(stageChoices), help: "Run this stage and the ones after it (to resume).")

    static let spec = CommandSpec(
        name: "join-remote",
        summary: "install Istio primary-remote: istiod on the primary, the remotes served by it",
        discussion: """
            Runs the eight stages of Istio's primary-remote install, in order: primary-control-plane \
            (istio-system, the base chart, istiod), eastwest-gateway, discovery-address (waits for \
            the gateway's load balancer), expose-istiod, then for each remote remote-namespace, \
            remote-control-plane (the remote profile) and remote-secret (the primary's istiod reads \
            the remote), and verify (istiod reports each remote synced).

            Preflight checks everything first and reports every problem at once; nothing is written \
            when one is found. Objects are applied by server-side apply (field manager kubectl-mesh), \
            labelled with the mesh, the stage and kubectl-mesh, and recorded in one ApplySet per \
            stage and cluster, so a re-run changes nothing when nothing changed and prunes what a newer \
            release no longer renders. A failed run says how to resume with --from STAGE.

            Applies never force. Fields istiod itself changes while it runs (the webhooks' caBundle, \
            the validator's failurePolicy) stay istiod's: a re-run leaves them out instead of taking \
            them back. A field another tool (helm, kubectl, an operator) manages with another value \
            stops the stage with the object, the field and the tool named; --force-conflicts takes \
            such fields over.

            A remote's API server must be reachable from the primary's pods: kind's \
            https://127.0.0.1:PORT is not, so preflight refuses it unless --remote-api-server names \
            another address (or auto).
            """,
        flags: [primary, remote, mesh, network, clusterName, istio, revision, set, values, remoteAPIServer,
                discoveryAddress, timeout, dryRun, forceConflicts, output, only, from],
        examples: [
            Example("Join kind-west to a mesh whose primary is kind-east",
                    "kubectl mesh join-remote --primary kind-east --remote kind-west --remote-api-server kind-west=auto"),
            Example("Two remotes, with an Istio release and names",
                    "kubectl mesh join-remote --primary kind-east --remote kind-west --remote kind-north --istio ~/istio-1.28.0 --cluster-name kind-east=east --cluster-name kind-west=west --cluster-name kind-north=north"),
            Example("See what would be applied", "kubectl mesh join-remote --primary kind-east --remote kind-west --dry-run"),
            Example("Resume after a failure", "kubectl mesh join-remote --primary kind-east --remote kind-west --from remote-secret"),
        ])

    let options: JoinOptions
    let request: JoinRequest
    let kubeconfigPath: String?

    init(arguments: ParsedArguments, invocation: Invocation) throws {
        var options = JoinOptions()
        options.primary = arguments.value(Self.primary)
        options.remotes = arguments.values(Self.remote)
        options.mesh = arguments.value(Self.mesh) ?? options.mesh
        options.network = arguments.value(Self.network) ?? options.network
        options.clusterNames = arguments.values(Self.clusterName)
        options.istio = arguments.value(Self.istio).map { Self.absolute($0, in: invocation.workingDirectory) }
        options.revision = arguments.value(Self.revision)
        options.setValues = arguments.values(Self.set)
        options.valueFiles = arguments.values(Self.values).map { Self.absolute($0, in: invocation.workingDirectory) }
        options.remoteAPIServers = arguments.values(Self.remoteAPIServer)
        options.discoveryAddress = arguments.value(Self.discoveryAddress)
        options.timeout = arguments.value(Self.timeout) ?? options.timeout
        options.dryRun = arguments.isOn(Self.dryRun)
        options.forceConflicts = arguments.isOn(Self.forceConflicts)
        options.output = arguments.value(Self.output)
        options.only = arguments.values(Self.only)
        options.from = arguments.value(Self.from)
        self.options = options
        kubeconfigPath = arguments.kubeconfigPath
        // Flags are checked before the kubeconfig is read: a wrong command line exits 2.
        if case .failure(let error) = Self.checkFlags(options), error.isUsage {
            throw UsageError(error.hint.map { "\(error.message) (\($0))" } ?? error.message, command: Self.spec.name)
        }
        let kubeconfig = try invocation.loadKubeconfig(arguments)
        request = try options.resolve(lookup: MeshSessions.lookup(kubeconfig))
    }

    func run(invocation: Invocation) throws {
        let environment = MeshSessions.environment(invocation)
        let names = request.reachableClusters.map(\.name)
        let progress = ProgressRenderer(output: invocation.errorOutput, environment: invocation.environment,
                                        clusterNames: names, timeout: request.timeout.description)
        let charts = IstioCharts.open(istioDirectory: request.istio, environment: invocation.environment,
                                      userValues: request.userValues)
        let report = Preflight(request: request, charts: charts, environment: environment).run()
        for note in report.notes { progress.note(note) }
        guard report.problems.isEmpty, let topology = request.topology, case .success(let renderer) = charts,
            let primary = report.sessions[topology.primary.ref.context]
        else {
            throw MeshError.preflight(report.problems)
        }
        let remotes = topology.remotes.compactMap { report.sessions[$0.ref.context] }
        progress.header(topology)
        progress.note("Istio \(renderer.istioVersion) from \(renderer.location)")

        let plan = request.dryRun ? DryRunPlan() : nil
        let run = JoinRun(
            topology: topology, stages: request.stages, timeout: request.timeout.seconds,
            discoveryAddressFlag: request.discoveryAddress, primary: primary, remotes: remotes, charts: renderer,
            capabilities: report.capabilities, remoteAPIServers: report.remoteAPIServers, clock: SystemClock(),
            dryRun: plan, forceConflicts: request.forceConflicts, progress: { progress.handle($0) })
        let outcome: JoinOutcome
        do {
            outcome = try run.run()
        } catch {
            progress.clearLiveLine()
            guard let failure = error.stageError else { throw error }
            var resumeOptions = options
            var resume = "then resume with: "
            if failure.isFieldConflict, !options.forceConflicts {
                resumeOptions.forceConflicts = true
                resume = "to take them over: "
            }
            resume += Self.commandLine(resumeOptions, kubeconfig: kubeconfigPath, from: failure.resumeFrom)
            throw CommandFailure(error.message, hint: error.hint.map { "\($0); \(resume)" } ?? resume)
        }

        let status = "kubectl mesh status --primary \(Self.quoted(topology.primary.ref.context))"
        let remoteNames = topology.remotes.map(\.name).joined(separator: ", ")
        if let plan {
            invocation.output.write(Self.render(plan, format: request.output))
            progress.finish("Dry run: nothing was applied. Apply with the same command without --dry-run.")
        } else if request.stages != .all {
            invocation.output.line("Ran \(request.stages.stages.map(\.rawValue).joined(separator: ", ")). Check with: \(status)")
        } else if outcome.changedAnything {
            // Name what changed: the remotes joined now (their remote secret is new or changed), the others already in.
            let joined = topology.remotes.filter { remote in
                outcome.results.contains { $0.stage == .remoteSecret && $0.cluster == remote.ref && $0.changed }
            }
            let already = topology.remotes.filter { remote in !joined.contains { $0.ref == remote.ref } }.map(\.name)
            let revision = topology.revision.map { " (revision \($0))" } ?? ""
            if joined.isEmpty {
                let updated = topology.clusters.filter { cluster in outcome.results.contains { $0.cluster == cluster.ref && $0.changed } }
                invocation.output.line("Updated \(topology.mesh) on \(updated.map(\.name).joined(separator: ", "))\(revision). Check with: \(status)")
            } else {
                let rest = already.isEmpty ? "" : " (\(already.joined(separator: ", ")) already in it)"
                invocation.output.line("Joined \(joined.map(\.name).joined(separator: ", ")) to \(topology.mesh)\(revision)\(rest). Check with: \(status)")
            }
        } else {
            invocation.output.line("Nothing to change: \(remoteNames) already in \(topology.mesh). Check with: \(status)")
        }
    }

    /// The flags' own checks, without contexts (every lookup fails, which is not a usage error).
    static func checkFlags(_ options: JoinOptions) -> Result<JoinRequest, MeshError> {
        Result { () throws(MeshError) -> JoinRequest in
            try options.resolve { _ in .failure(ContextLookupFailure("")) }
        }
    }

    // MARK: Output

    /// The dry run's objects: YAML documents under a comment per stage and cluster, or one JSON object.
    static func render(_ plan: DryRunPlan, format: ObjectFormat) -> String {
        switch format {
        case .yaml:
            var text = ""
            for entry in plan.entries {
                text += "# stage \(entry.stage.rawValue) on \(entry.cluster)\n"
                for object in entry.objects { text += "---\n" + object.yamlText() }
            }
            return text
        case .json:
            let stages: [Value] = plan.entries.map { entry in
                ["stage": .string(entry.stage.rawValue), "cluster": .string(entry.cluster.name),
                 "context": .string(entry.cluster.context), "objects": .sequence(entry.objects)]
            }
            let root: Value = ["apiVersion": "kubectl-mesh.io/v1", "kind": "JoinPlan", "stages": .sequence(stages)]
            return ((try? JSONWriter.string(root, options: .init(sortKeys: false, pretty: true))) ?? "{}") + "\n"
        }
    }

    /// The same command with `--from STAGE` in place of `--only`/`--from`.
    static func commandLine(_ o: JoinOptions, kubeconfig: String?, from stage: Stage) -> String {
        var words = ["kubectl", "mesh", "join-remote"]
        func add(_ flag: String, _ value: String?) {
            if let value { words += [flag, quoted(value)] }
        }
        add("--kubeconfig", kubeconfig)
        add("--primary", o.primary)
        for remote in o.remotes { add("--remote", remote) }
        if o.mesh != JoinOptions().mesh { add("--mesh", o.mesh) }
        if o.network != JoinOptions().network { add("--network", o.network) }
        for name in o.clusterNames { add("--cluster-name", name) }
        add("--istio", o.istio)
        add("--revision", o.revision)
        for value in o.setValues { add("--set", value) }
        for file in o.valueFiles { add("-f", file) }
        for server in o.remoteAPIServers { add("--remote-api-server", server) }
        add("--discovery-address", o.discoveryAddress)
        if o.timeout != JoinOptions().timeout { add("--timeout", o.timeout) }
        if o.forceConflicts { words.append("--force-conflicts") }
        add("--from", stage.rawValue)
        return words.joined(separator: " ")
    }

    /// A word as a POSIX shell reads it back.
    static func quoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0)) }
        if safe, !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func absolute(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") || path.hasPrefix("~") ? path : (directory.hasSuffix("/") ? directory : directory + "/") + path
    }
}
