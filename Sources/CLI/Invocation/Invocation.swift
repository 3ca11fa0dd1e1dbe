import Kube

/// The outside world a command runs in, passed in rather than read globally:
/// environment variables, home and working directory, and the two outputs.
public struct Invocation {
    public var environment: [String: String]
    /// `$HOME`, where `~/.kube/config` lives; nil when unknown.
    public var homeDirectory: String?
    /// Relative paths on the command line are taken from here.
    public var workingDirectory: String
    public var output: any TextOutput
    public var errorOutput: any TextOutput

    public init(environment: [String: String], homeDirectory: String?, workingDirectory: String,
                output: any TextOutput, errorOutput: any TextOutput) {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.workingDirectory = workingDirectory
        self.output = output
        self.errorOutput = errorOutput
    }

    /// Which kubeconfig files a command line reads: its `--kubeconfig`, else
    /// `$KUBECONFIG`, else `~/.kube/config` (the rules kubectl follows).
    public func kubeconfigSources(explicitPath: String?) -> KubeconfigSources {
        KubeconfigSources(explicitPath: explicitPath, environment: environment,
                          homeDirectory: homeDirectory, workingDirectory: workingDirectory)
    }

    /// Loads and merges the kubeconfig the command line names.
    public func loadKubeconfig(_ arguments: ParsedArguments) throws -> Kubeconfig {
        try Kubeconfig.load(from: kubeconfigSources(explicitPath: arguments.kubeconfigPath))
    }
}
