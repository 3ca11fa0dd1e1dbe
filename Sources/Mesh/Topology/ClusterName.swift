/// Cluster names as istiod uses them: the `clusterName` value, the data key of the
/// remote secret, and part of the secret's name. They must be DNS-1123 labels
/// (`istioctl create-remote-secret` refuses anything else).
public enum ClusterName {
    /// The longest DNS-1123 label.
    public static let maxLength = 63

    /// Why `name` is not a DNS-1123 label, or nil when it is one.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name.utf8.count > maxLength { return "must be at most \(maxLength) characters" }
        let bytes = Array(name.utf8)
        for b in bytes where !isLabelByte(b) {
            return "may contain only lowercase letters, digits and '-' (found \"\(Character(Unicode.Scalar(b)))\")"
        }
        if bytes.first == UInt8(ascii: "-") || bytes.last == UInt8(ascii: "-") {
            return "must start and end with a letter or digit"
        }
        return nil
    }

    /// The default cluster name for a kubeconfig context: lowercased, every run of
    /// other characters turned into one '-', trimmed to 63 characters and of
    /// leading and trailing '-'. `gke_proj_zone_c1` → `gke-proj-zone-c1`. Empty when
    /// nothing usable is left (then the user must pass `--cluster-name`).
    public static func derived(fromContext context: String) -> String {
        var out: [UInt8] = []
        var pendingDash = false
        for b in context.lowercased().utf8 {
            if isLabelByte(b), b != UInt8(ascii: "-") {
                if pendingDash, !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingDash = false
                out.append(b)
            } else {
                pendingDash = true
            }
        }
        if out.count > maxLength { out = Array(out.prefix(maxLength)) }
        while out.last == UInt8(ascii: "-") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// True for a DNS name (RFC 1123 subdomain), as a load balancer's `hostname` is.
    public static func isHostname(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { problem(with: $0.lowercased()) == nil }
    }

    static func isLabelByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || b == UInt8(ascii: "-")
    }
}
