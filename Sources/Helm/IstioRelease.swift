#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An Istio release on this machine: where its Helm charts are and which
/// version they are.
///
/// Found, in order (DESIGN.md §2): `--istio DIR` (a release root or its
/// `manifests/charts`), else `$ISTIO_HOME`, else the release around the first
/// `istioctl` on `PATH` (`…/bin/istioctl` → `…/manifests/charts`). The
/// environment and the file system are passed in.
public struct IstioRelease: Sendable, Equatable {
    /// The three charts kubectl-mesh installs.
    public enum ChartKind: String, Sendable, CaseIterable {
        case base
        case discovery = "istio-control/istio-discovery"
        case gateway
    }

    /// How the release was found (for messages).
    public enum Origin: Sendable, Equatable {
        case flag
        case environment
        case istioctl(String)
    }

    /// The `manifests/charts` directory.
    public var chartsDirectory: String
    /// The release's top directory, when the charts sit in `ROOT/manifests/charts`.
    public var root: String?
    /// The charts' version (istio-discovery's Chart.yaml `version`), e.g. `1.28.0`.
    public var version: String
    public var origin: Origin

    /// The directory of one chart.
    public func directory(of chart: ChartKind) -> String { chartsDirectory + "/" + chart.rawValue }

    /// What finding a release needs from the file system.
    public struct FileSystem: Sendable {
        public var isDirectory: @Sendable (String) -> Bool
        public var isExecutableFile: @Sendable (String) -> Bool
        public var readFile: @Sendable (String) throws -> [UInt8]
        /// The path with symbolic links resolved.
        public var resolvingSymlinks: @Sendable (String) -> String

        public init(
            isDirectory: @escaping @Sendable (String) -> Bool, isExecutableFile: @escaping @Sendable (String) -> Bool,
            readFile: @escaping @Sendable (String) throws -> [UInt8], resolvingSymlinks: @escaping @Sendable (String) -> String
        ) {
            self.isDirectory = isDirectory
            self.isExecutableFile = isExecutableFile
            self.readFile = readFile
            self.resolvingSymlinks = resolvingSymlinks
        }

        /// The machine's own file system.
        public static let local = FileSystem(
            isDirectory: { path in
                if case .directory = LocalFiles.kind(path) { return true }
                return false
            },
            isExecutableFile: { path in
                if case .regular = LocalFiles.kind(path) { return access(path, X_OK) == 0 }
                return false
            },
            readFile: { path in try LocalFiles.read(path) },
            resolvingSymlinks: { path in
                guard let resolved = realpath(path, nil) else { return path }
                defer { free(resolved) }
                return String(cString: resolved)
            })
    }

    /// Why no usable release was found, with what to do about it.
    public struct NotFound: Error, CustomStringConvertible, Equatable {
        public var message: String
        public var hint: String?
        public var description: String { message }

        public init(message: String, hint: String?) {
            self.message = message
            self.hint = hint
        }
    }

    static let downloadHint =
        "download a release (curl -L https://istio.io/downloadIstio | sh -) and pass --istio ~/istio-VERSION, set ISTIO_HOME, or put its bin/istioctl on PATH"

    /// Finds the release: `explicitDirectory` (`--istio`), else `ISTIO_HOME`,
    /// else the `istioctl` on `PATH`.
    public static func locate(explicitDirectory: String?, environment: [String: String], fileSystem: FileSystem = .local)
        throws -> IstioRelease
    {
        if let explicitDirectory {
            return try release(at: explicitDirectory, origin: .flag, what: "--istio \(explicitDirectory)", fileSystem: fileSystem)
        }
        if let home = environment["ISTIO_HOME"], !home.isEmpty {
            return try release(at: home, origin: .environment, what: "ISTIO_HOME=\(home)", fileSystem: fileSystem)
        }
        if let istioctl = findOnPath("istioctl", path: environment["PATH"] ?? "", fileSystem: fileSystem) {
            let resolved = fileSystem.resolvingSymlinks(istioctl)
            let root = parent(parent(resolved))
            return try release(
                at: root, origin: .istioctl(istioctl), what: "the release around \(resolved) (istioctl on PATH)",
                fileSystem: fileSystem)
        }
        throw NotFound(message: "no Istio release found: no --istio, ISTIO_HOME is not set, and istioctl is not on PATH", hint: downloadHint)
    }

    /// The release at a root (or a `manifests/charts`) directory.
    static func release(at directory: String, origin: Origin, what: String, fileSystem: FileSystem) throws -> IstioRelease {
        var path = directory
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        guard fileSystem.isDirectory(path) else {
            throw NotFound(message: "\(what): no such directory", hint: downloadHint)
        }
        let candidates: [(charts: String, root: String?)] = [
            (path + "/manifests/charts", path),
            (path, path.hasSuffix("/manifests/charts") ? String(path.dropLast("/manifests/charts".count)) : nil),
        ]
        for candidate in candidates where fileSystem.isDirectory(candidate.charts + "/" + ChartKind.discovery.rawValue) {
            for chart in ChartKind.allCases where !fileSystem.isDirectory(candidate.charts + "/" + chart.rawValue) {
                throw NotFound(
                    message: "\(what): \(candidate.charts) has no \(chart.rawValue) chart",
                    hint: "the release looks incomplete; unpack a fresh Istio release")
            }
            let chartFile = candidate.charts + "/" + ChartKind.discovery.rawValue + "/Chart.yaml"
            let metadata: ChartMetadata
            do {
                metadata = try ChartMetadata(yaml: String(decoding: try fileSystem.readFile(chartFile), as: UTF8.self))
            } catch {
                throw NotFound(message: "\(what): cannot read \(chartFile): \(error)", hint: "the release looks damaged; unpack a fresh Istio release")
            }
            guard !metadata.version.isEmpty else {
                throw NotFound(message: "\(what): \(chartFile) has no version", hint: "the release looks damaged; unpack a fresh Istio release")
            }
            return IstioRelease(chartsDirectory: candidate.charts, root: candidate.root, version: metadata.version, origin: origin)
        }
        throw NotFound(
            message: "\(what) is not an Istio release: neither \(path)/manifests/charts nor \(path) holds the istio-control/istio-discovery chart",
            hint: "point at the top directory of an unpacked Istio release (the one with bin/ and manifests/)")
    }

    private static func findOnPath(_ name: String, path: String, fileSystem: FileSystem) -> String? {
        for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
            let dir = directory.isEmpty ? "." : String(directory)
            let candidate = dir + "/" + name
            if fileSystem.isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    private static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}
