/// Kubernetes label values: at most 63 characters, alphanumerics with '-', '_'
/// or '.' between. The mesh ID and the network name end up in labels
/// (`kubectl-mesh.io/mesh`, `topology.istio.io/network`), so they must be valid ones.
enum LabelValue {
    static func problem(with value: String) -> String? {
        if value.isEmpty { return "must not be empty" }
        if value.utf8.count > 63 { return "must be at most 63 characters" }
        let bytes = Array(value.utf8)
        for b in bytes where !(isAlphanumeric(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")) {
            return "may contain only letters, digits, '-', '_' and '.' (found \"\(Character(Unicode.Scalar(b)))\")"
        }
        if let first = bytes.first, let last = bytes.last, !isAlphanumeric(first) || !isAlphanumeric(last) {
            return "must start and end with a letter or digit"
        }
        return nil
    }

    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }
}
