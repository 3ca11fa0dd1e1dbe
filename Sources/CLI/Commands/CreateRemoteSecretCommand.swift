import Kube
import Mesh
import YAML

/// `kubectl mesh create-remote-secret --context CTX --name NAME`: prints the
/// secret that lets a primary's istiod read this cluster, in the shape
/// `istioctl create-remote-secret` prints, so either tool's secret works.
struct CreateRemoteSecretCommand: Command {
    static let name = FlagSpec(
        "name", placeholder: "NAME",
        help: "The cluster's name in the mesh (its clusterName): the secret's data key and name suffix (required).")
    static let server = FlagSpec(
        "server", placeholder: "URL",
        help: "The API server address istiod reaches the cluster at (default: the kubeconfig's server; auto: the cluster's default/kubernetes endpoint).")
    static let namespace = FlagSpec(
        "namespace", placeholder: "NAMESPACE",
        help: "Namespace of the printed secret (default: istio-system, whatever the context's namespace).")
    static let output = FlagSpec(
        "output", short: "o", placeholder: "FORMAT",
        kind: .choice([Choice("yaml", help: "a YAML document (default)"), Choice("json", help: "a JSON object")]),
        help: "Output format: yaml or json.")

    static let spec = CommandSpec(
        name: "create-remote-secret",
        summary: "print the remote secret that lets a primary's istiod read the cluster of --context",
        discussion: """
            Creates what is missing in the cluster of --context (istio-system, the \
            istio-reader-service-account with its read-only ClusterRole, and its long-lived token \
            Secret istio-reader-service-account-istio-remote-secret-token), waits until the token \
            controller fills the token; they are recorded as join-remote's remote-secret stage records \
            them (its ApplySet), so a later join adopts them and leave removes them. Then it prints the \
            Secret istio-remote-secret-NAME: label \
            istio/multiCluster=true, annotation networking.istio.io/cluster=NAME, and one data key \
            NAME holding a kubeconfig for the reader. Apply it to the primary with kubectl. The token \
            never expires: it is not a TokenRequest token.
            """,
        flags: [name, server, namespace, output],
        examples: [
            Example("Let the primary kind-east read kind-west",
                    "kubectl mesh create-remote-secret --context kind-west --name west --server https://172.18.0.3:6443 | kubectl apply --context kind-east -f -"),
        ])

    let session: ClusterSession
    let clusterName: String
    let serverURL: String
    let secretNamespace: String
    let json: Bool

    init(arguments: ParsedArguments, invocation: Invocation) throws {
        guard let name = arguments.value(Self.name) else {
            throw UsageError("--name is required: the cluster's name in the mesh", command: Self.spec.name)
        }
        if let problem = ClusterName.problem(with: name) {
            throw UsageError("--name \"\(name)\" \(problem)", command: Self.spec.name)
        }
        let kubeconfig = try invocation.loadKubeconfig(arguments)
        guard let context = arguments.contextName ?? kubeconfig.currentContext else {
            throw UsageError("--context is required: the kubeconfig has no current context", command: Self.spec.name)
        }
        session = try MeshSessions.open(kubeconfig, context: context, name: name, invocation: invocation)
        clusterName = name
        let given = arguments.value(Self.server)
        if let given, given != "auto", (try? ServerEndpoint(server: given))?.scheme != "https" {
            throw UsageError("--server \"\(given)\" is not an https:// URL (or auto)", command: Self.spec.name)
        }
        serverURL = given ?? session.cluster.server
        secretNamespace = arguments.value(Self.namespace) ?? "istio-system"
        json = arguments.value(Self.output) == "json"
    }

    func run(invocation: Invocation) throws {
        var server = serverURL
        if server == "auto" {
            switch AdvertisedEndpoint.find(client: session.client) {
            case .success(let found): server = found
            case .failure(let why):
                throw CommandFailure("\(session.ref): --server auto found no address: \(why)",
                                     hint: "pass --server https://HOST:PORT with an address the primary's pods can reach")
            }
        } else if (try? ServerEndpoint(server: server))?.isLocalOnly == true {
            var advice = "pass --server with the address of the cluster's API server as the primary's pods see it"
            if case .success(let advertised) = AdvertisedEndpoint.find(client: session.client) {
                advice = "the cluster's default/kubernetes EndpointSlice lists \(advertised): pass --server \(advertised) (or --server auto)"
            }
            invocation.errorOutput.line("warning: the server \(server) is a loopback address that istiod in the primary cannot reach; \(advice)")
        }
        // The token controller fills a token Secret within seconds; a minute means it is not running.
        let secret = try RemoteSecretIssuer(session: session, clusterName: clusterName, server: server, timeout: 60)
            .issue()
            .secret(namespace: secretNamespace)
        if json {
            invocation.output.line(try JSONWriter.string(secret, options: .init(sortKeys: false, pretty: true)))
        } else {
            invocation.output.write(secret.yamlText())
        }
    }
}
