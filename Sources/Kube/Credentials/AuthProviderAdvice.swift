/// The legacy `auth-provider` users (gcp, azure, oidc) were removed from
/// client-go; each has an exec plugin that replaces it. kubectl-mesh does not
/// run auth-providers: it says which plugin to switch to and how.
enum AuthProviderAdvice {
    static func error(for provider: AuthProviderConfig, origin: KubeError.Origin) -> KubeError {
        let message =
            "user \"\(origin.user)\" authenticates with the auth-provider \"\(provider.name)\", which kubectl-mesh does not run"
        let hint: String
        switch provider.name {
        case "gcp":
            hint = "switch to the exec plugin gke-gcloud-auth-plugin: install it (gcloud components install"
                + " gke-gcloud-auth-plugin), then run gcloud container clusters get-credentials CLUSTER"
                + " to rewrite the kubeconfig entry"
        case "azure":
            hint = "switch to the exec plugin kubelogin (github.com/Azure/kubelogin): install it, then run"
                + " kubelogin convert-kubeconfig -l azurecli to rewrite the kubeconfig entry"
        case "oidc":
            var example = "kubectl oidc-login get-token"
            if let issuer = provider.config["idp-issuer-url"] { example += " --oidc-issuer-url=\(issuer)" }
            if let client = provider.config["client-id"] { example += " --oidc-client-id=\(client)" }
            hint = "switch to the exec plugin kubelogin (kubectl oidc-login, github.com/int128/kubelogin):"
                + " make the user an exec entry that runs \(example)"
        default:
            hint = "replace the auth-provider with the exec credential plugin your provider offers"
        }
        return KubeError(origin: origin, kind: .credentials, message: message, hint: hint)
    }
}
