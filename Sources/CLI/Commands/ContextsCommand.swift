import Kube
import YAML

/// `kubectl mesh contexts`: the kubeconfig's contexts with the cluster, server,
/// user and namespace each one uses, as `kubectl config get-contexts` lays them out.
struct ContextsCommand: Command {
    static let output = FlagSpec(
        "output", short: "o", placeholder: "FORMAT",
        kind: .choice([
            Choice("name", help: "context names only"),
            Choice("json", help: "a JSON list of {name, cluster, user, namespace, server, current}"),
            Choice("wide", help: "the table plus how each user logs in and the file of each context"),
        ]),
        help: "Output format: name, json or wide (default: a table).")

    static let spec = CommandSpec(
        name: "contexts",
        summary: "list the kubeconfig contexts with their clusters, servers, users and namespaces",
        discussion: """
            Lists every context of the kubeconfig (the --kubeconfig file, else the files in \
            $KUBECONFIG, else ~/.kube/config), merged as kubectl merges them. The current \
            context (or the one --context names) is marked with *.
            """,
        flags: [output],
        examples: [
            Example("List the contexts", "kubectl mesh contexts"),
            Example("List context names only", "kubectl mesh contexts -o name"),
            Example("Contexts as JSON", "kubectl mesh contexts -o json"),
        ])

    /// One line of the listing.
    struct Row: Equatable {
        var name: String
        var cluster: String
        var user: String
        var namespace: String?
        var server: String?
        var current: Bool
        var authentication: String
        var file: String
    }

    let rows: [Row]
    let format: String?

    init(arguments: ParsedArguments, invocation: Invocation) throws {
        let kubeconfig = try invocation.loadKubeconfig(arguments)
        format = arguments.value(Self.output)
        var current = kubeconfig.currentContext
        if let chosen = arguments.contextName {
            guard kubeconfig.contexts[chosen] != nil else {
                throw KubeconfigError.contextNotFound(name: chosen, available: kubeconfig.contextNames)
            }
            current = chosen
        }
        rows = kubeconfig.contextNames.compactMap { name in
            guard let entry = kubeconfig.contexts[name] else { return nil }
            let context = entry.value
            let user = kubeconfig.users[context.user]?.value
            return Row(
                name: name, cluster: context.cluster, user: context.user, namespace: context.namespace,
                server: kubeconfig.clusters[context.cluster]?.value.server, current: name == current,
                authentication: user.map(Self.authentication) ?? (context.user.isEmpty ? "none" : "missing user"),
                file: entry.file)
        }
    }

    func run(invocation: Invocation) throws {
        switch format {
        case "name":
            for row in rows { invocation.output.line(row.name) }
        case "json":
            let items: [Value] = rows.map { row in
                [
                    "name": .string(row.name), "cluster": .string(row.cluster), "user": .string(row.user),
                    "namespace": row.namespace.map(Value.string) ?? .null,
                    "server": row.server.map(Value.string) ?? .null, "current": .bool(row.current),
                ]
            }
            invocation.output.line(try JSONWriter.string(.sequence(items), options: .init(sortKeys: false, pretty: true)))
        default:
            let wide = format == "wide"
            var table = TablePrinter(headers: ["CURRENT", "NAME", "CLUSTER", "SERVER", "USER", "NAMESPACE"]
                                     + (wide ? ["AUTH", "KUBECONFIG"] : []))
            for row in rows {
                table.add([row.current ? "*" : "", row.name, row.cluster, row.server ?? "", row.user,
                           row.namespace ?? ""] + (wide ? [row.authentication, row.file] : []))
            }
            invocation.output.write(table.render())
        }
    }

    /// How a user logs in, in a word or two (never the secret itself).
    static func authentication(_ user: KubeUser) -> String {
        if let exec = user.exec { return "exec " + (exec.command.split(separator: "/").last.map(String.init) ?? exec.command) }
        if let provider = user.authProvider { return "auth-provider \(provider.name)" }
        if user.clientCertificate != nil || user.clientCertificateData != nil { return "client-certificate" }
        if user.token != nil { return "token" }
        if user.tokenFile != nil { return "token-file" }
        if user.username != nil { return "basic" }
        return "none"
    }
}
