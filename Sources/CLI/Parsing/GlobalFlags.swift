/// The flags every command accepts, before or after the command name.
public enum GlobalFlags {
    public static let kubeconfig = FlagSpec(
        "kubeconfig", placeholder: "FILE", kind: .file(extensions: []),
        help: "Read this kubeconfig file only (default: the files in $KUBECONFIG, else ~/.kube/config).")
    public static let context = FlagSpec(
        "context", placeholder: "CONTEXT", kind: .context,
        help: "Use this kubeconfig context instead of the current one.")
    public static let help = FlagSpec.switch("help", short: "h", help: "Show help for the command.")

    public static let all = [kubeconfig, context, help]
}
