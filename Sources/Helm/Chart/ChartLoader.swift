/// Loads a chart directory as Helm's loader does (pkg/chart/v2/loader): the
/// `.helmignore` rules, Chart.yaml, values.yaml, `templates/`, subcharts under
/// `charts/`, and every other file as `.Files`.
public enum ChartLoader {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var message: String
        public var description: String { message }
    }

    /// Loads the chart in `directory`.
    public static func load(directory: String) throws -> Chart {
        switch LocalFiles.kind(directory) {
        case .directory: break
        case .missing: throw Failure(message: "path \(GoQuote.quote(directory)) not found")
        default: throw Failure(message: "\(directory) is not a chart directory")
        }
        var root = directory
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        var ignore = HelmIgnore()
        let ignorePath = root + "/.helmignore"
        if case .regular = LocalFiles.kind(ignorePath) {
            let text = String(decoding: try read(ignorePath), as: UTF8.self)
            do { ignore = try HelmIgnore(text: text) } catch { throw Failure(message: "\(error)") }
        }
        var files: [ChartFile] = []
        try walk(root: root, relative: "", ignore: ignore, into: &files)
        return try load(files: files)
    }

    private static func read(_ path: String) throws -> [UInt8] {
        do { return try LocalFiles.read(path) } catch { throw Failure(message: "\(error)") }
    }

    private static func walk(root: String, relative: String, ignore: HelmIgnore, into files: inout [ChartFile]) throws {
        let directory = relative.isEmpty ? root : root + "/" + relative
        let names: [String]
        do { names = try LocalFiles.list(directory) } catch { throw Failure(message: "\(error)") }
        for name in names {
            let path = relative.isEmpty ? name : relative + "/" + name
            let absolute = root + "/" + path
            switch LocalFiles.kind(absolute) {
            case .directory:
                if ignore.ignores(path, isDirectory: true) { continue }
                try walk(root: root, relative: path, ignore: ignore, into: &files)
            case .regular:
                if ignore.ignores(path, isDirectory: false) { continue }
                var data = try read(absolute)
                if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
                files.append(ChartFile(name: path, data: data))
            case .missing:
                throw Failure(message: "lstat \(absolute): no such file or directory")
            case .other:
                if ignore.ignores(path, isDirectory: false) { continue }
                throw Failure(message: "cannot load irregular file \(absolute) as it has file mode type bits set")
            }
        }
    }

    /// Builds a chart from its files (Helm's LoadFiles).
    static func load(files: [ChartFile]) throws -> Chart {
        var metadata: ChartMetadata?
        for file in files where file.name == "Chart.yaml" {
            do { metadata = try ChartMetadata(yaml: String(decoding: file.data, as: UTF8.self)) } catch {
                throw Failure(message: "\(error)")
            }
        }
        var values = GoMap()
        var schema: [UInt8]?
        var templates: [ChartFile] = []
        var otherFiles: [ChartFile] = []
        var subchartFiles: [String: [ChartFile]] = [:]
        var subchartOrder: [String] = []
        for file in files {
            switch file.name {
            case "Chart.yaml", "Chart.lock", "requirements.lock":
                continue
            case "values.yaml":
                do { values = try HelmValues.load(yaml: file.data) } catch {
                    throw Failure(message: "cannot load values.yaml: \(error)")
                }
            case "values.schema.json":
                schema = file.data
            case "requirements.yaml":
                if metadata?.apiVersion == "v1" { otherFiles.append(file) }
            default:
                if file.name.hasPrefix("templates/") {
                    templates.append(file)
                } else if file.name.hasPrefix("charts/") {
                    if file.name.hasSuffix(".prov") {
                        otherFiles.append(file)
                        continue
                    }
                    let inside = String(file.name.dropFirst("charts/".count))
                    let chartName = String(inside.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0])
                    if subchartFiles[chartName] == nil { subchartOrder.append(chartName) }
                    subchartFiles[chartName, default: []].append(ChartFile(name: inside, data: file.data))
                } else {
                    otherFiles.append(file)
                }
            }
        }
        guard let metadata else { throw Failure(message: "Chart.yaml file is missing") }
        do { try metadata.validate() } catch { throw Failure(message: "\(error)") }
        let chart = Chart(metadata: metadata, values: values, templates: templates, files: otherFiles, schema: schema)
        for name in subchartOrder {
            if name.hasPrefix("_") || name.hasPrefix(".") { continue }
            guard let entries = subchartFiles[name] else { continue }
            if name.hasSuffix(".tgz") {
                throw Failure(
                    message: "error unpacking subchart \(name) in \(chart.name): packaged subcharts are not supported; unpack charts/\(name) into a directory")
            }
            var inner: [ChartFile] = []
            for entry in entries {
                let parts = entry.name.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else { continue }
                inner.append(ChartFile(name: String(parts[1]), data: entry.data))
            }
            do {
                chart.addDependency(try load(files: inner))
            } catch let failure as Failure {
                throw Failure(message: "error unpacking subchart \(name) in \(chart.name): \(failure.message)")
            }
        }
        return chart
    }
}
