/// `.Capabilities` as `helm template` provides it (Helm's common.Capabilities):
/// the Kubernetes version (default v1.36.0 for Helm 4.2), the known API
/// versions, and Helm's build information.
public struct Capabilities: Sendable, Equatable {
    public var kubeVersion: KubeVersion
    /// `group/version` strings; `--api-versions` appends to Helm's defaults.
    public var apiVersions: [String]

    public init(kubeVersion: KubeVersion = .helmDefault, extraAPIVersions: [String] = []) {
        self.kubeVersion = kubeVersion
        self.apiVersions = Capabilities.defaultAPIVersions + extraAPIVersions
    }

    /// The Kubernetes version templates see.
    public struct KubeVersion: Sendable, Equatable {
        /// As given (`v1.33.4-gke.1245000`), with a `v` in front.
        public var version: String
        /// Only the numbers (`v1.33.4`), for constraint checks and printing.
        public var normalized: String
        public var major: String
        public var minor: String

        /// Helm 4.2's default: v1.36.0 (derived from its client-go version).
        public static let helmDefault = KubeVersion(version: "v1.36.0", normalized: "v1.36.0", major: "1", minor: "36")

        public struct ParseError: Error, CustomStringConvertible, Equatable {
            public var message: String
            public var description: String { message }
        }

        /// Parses `--kube-version` as Helm does (k8s ParseGeneric: at least
        /// major.minor, an optional `v`, anything after the numbers ignored).
        public init(parsing text: String) throws {
            var scalars = Substring(text).drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" })
            if scalars.first == "v" { scalars = scalars.dropFirst() }
            var numbers = ""
            var sawDigit = false
            var index = scalars.startIndex
            while index < scalars.endIndex {
                let c = scalars[index]
                if c.isASCII && c.isNumber {
                    numbers.append(c)
                    sawDigit = true
                } else if c == ".", sawDigit, scalars.index(after: index) < scalars.endIndex,
                    scalars[scalars.index(after: index)].isASCII, scalars[scalars.index(after: index)].isNumber
                {
                    numbers.append(c)
                    sawDigit = false
                } else {
                    break
                }
                index = scalars.index(after: index)
            }
            let quoted = GoQuote.quote(text)
            guard !numbers.isEmpty, !numbers.hasSuffix(".") else {
                throw ParseError(message: "invalid kube version '\(text)': could not parse \(quoted) as version")
            }
            let components = numbers.split(separator: ".").map(String.init)
            guard components.count >= 2 else {
                throw ParseError(message: "invalid kube version '\(text)': illegal version string \(quoted)")
            }
            var values: [UInt64] = []
            for (i, component) in components.enumerated() {
                if i == 0 && component.hasPrefix("0") && component != "0" {
                    throw ParseError(
                        message: "invalid kube version '\(text)': illegal zero-prefixed version component \(GoQuote.quote(component)) in \(quoted)")
                }
                guard let value = UInt64(component) else {
                    throw ParseError(
                        message: "invalid kube version '\(text)': illegal non-numeric version component \(GoQuote.quote(component)) in \(quoted)")
                }
                values.append(value)
            }
            self.version = text.hasPrefix("v") ? text : "v" + text
            self.normalized = "v" + values.map(String.init).joined(separator: ".")
            self.major = String(values[0])
            self.minor = String(values[1])
        }

        public init(version: String, normalized: String, major: String, minor: String) {
            self.version = version
            self.normalized = normalized
            self.major = major
            self.minor = minor
        }
    }

    /// Helm 4.2's default API versions (client-go's scheme plus apiextensions), in its order.
    public static let defaultAPIVersions: [String] = [
        "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
        "admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1", "apps/v1beta1",
        "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1",
        "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1", "autoscaling/v1", "autoscaling/v2", "batch/v1",
        "batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1alpha1",
        "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1", "coordination.k8s.io/v1", "discovery.k8s.io/v1",
        "discovery.k8s.io/v1beta1", "events.k8s.io/v1", "events.k8s.io/v1beta1", "extensions/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
        "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1beta1", "node.k8s.io/v1",
        "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1",
        "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1",
        "resource.k8s.io/v1beta2", "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha2",
        "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1", "storage.k8s.io/v1",
        "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1beta1", "apiextensions.k8s.io/v1beta1",
        "apiextensions.k8s.io/v1",
    ]

    /// Helm's build information as the Helm 4.2 engine reports it.
    static let helmVersion = ["v4.2", "", "", "go1.26.6", "v1.36"]

    /// The template object (`*common.Capabilities`).
    func templateObject() -> GoValue {
        .object(CapabilitiesObject(self))
    }
}

/// `*common.Capabilities`: KubeVersion, APIVersions, HelmVersion.
final class CapabilitiesObject: GoObject {
    let kubeVersion: KubeVersionObject
    let apiVersions: VersionSetObject
    let helmVersion: BuildInfoObject

    init(_ capabilities: Capabilities) {
        kubeVersion = KubeVersionObject(capabilities.kubeVersion)
        apiVersions = VersionSetObject(capabilities.apiVersions)
        helmVersion = BuildInfoObject()
    }

    var goTypeName: String { "*common.Capabilities" }
    var fieldNames: [String] { ["KubeVersion", "APIVersions", "HelmVersion"] }
    var shape: GoObjectShape {
        .structure(fields: [.object(kubeVersion), .object(apiVersions), .object(helmVersion)], stringer: nil)
    }

    func field(_ name: String) -> GoValue? {
        switch name {
        case "KubeVersion": return .object(kubeVersion)
        case "APIVersions": return .object(apiVersions)
        case "HelmVersion": return .object(helmVersion)
        default: return nil
        }
    }

    func method(_ name: String) -> GoMethod? { nil }
}

/// `common.KubeVersion`: prints through its String method (the normalized version).
final class KubeVersionObject: GoObject {
    let version: Capabilities.KubeVersion
    init(_ version: Capabilities.KubeVersion) { self.version = version }

    var goTypeName: String { "common.KubeVersion" }
    var fieldNames: [String] { ["Version", "normalizedVersion", "Major", "Minor"] }
    var shape: GoObjectShape {
        .structure(
            fields: [.string(version.version), .string(version.normalized), .string(version.major), .string(version.minor)],
            stringer: version.normalized.isEmpty ? version.version : version.normalized)
    }

    func field(_ name: String) -> GoValue? {
        switch name {
        case "Version": return .string(version.version)
        case "Major": return .string(version.major)
        case "Minor": return .string(version.minor)
        default: return nil
        }
    }

    func method(_ name: String) -> GoMethod? {
        let version = self.version
        switch name {
        case "GitVersion": return GoMethod([]) { _ in .string(version.version) }
        case "String": return GoMethod([]) { _ in .string(version.normalized.isEmpty ? version.version : version.normalized) }
        default: return nil
        }
    }
}

/// `common.VersionSet` ([]string with a Has method).
final class VersionSetObject: GoObject {
    let versions: [String]
    init(_ versions: [String]) { self.versions = versions }

    var goTypeName: String { "common.VersionSet" }
    var shape: GoObjectShape { .stringList(versions) }
    func field(_ name: String) -> GoValue? { nil }

    func method(_ name: String) -> GoMethod? {
        guard name == "Has" else { return nil }
        let versions = self.versions
        return GoMethod([.string]) { arguments in
            guard case .string(let wanted) = arguments[0] else { return .bool(false) }
            return .bool(versions.contains(wanted))
        }
    }
}

/// `version.BuildInfo`.
final class BuildInfoObject: GoObject {
    static let fieldNames = ["Version", "GitCommit", "GitTreeState", "GoVersion", "KubeClientVersion"]
    var goTypeName: String { "version.BuildInfo" }
    var fieldNames: [String] { BuildInfoObject.fieldNames }
    var shape: GoObjectShape { .structure(fields: Capabilities.helmVersion.map { .string($0) }, stringer: nil) }

    func field(_ name: String) -> GoValue? {
        guard let index = BuildInfoObject.fieldNames.firstIndex(of: name) else { return nil }
        return .string(Capabilities.helmVersion[index])
    }

    func method(_ name: String) -> GoMethod? { nil }
}
