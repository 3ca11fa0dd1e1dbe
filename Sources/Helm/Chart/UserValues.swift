import YAML

/// The user's values from `-f` files and `--set*` flags, combined in Helm's
/// order (pkg/cli/values/options.go, HELM-NOTES §2.3): files in order, then
/// every `--set-json`, `--set`, `--set-string`, `--set-file`, `--set-literal`.
enum UserValues {
    static func merge(_ options: RenderOptions) throws -> GoMap {
        var base = GoMap()
        for path in options.valuesFiles {
            let raw: [UInt8]
            do { raw = try options.readFile(path) } catch {
                throw HelmError(stage: .values, message: "\(error)", hint: "check the path given to -f/--values")
            }
            do {
                base = HelmValues.mergeMaps(base, try HelmValues.load(yaml: raw))
            } catch {
                throw HelmError(stage: .values, message: "failed to parse \(path): \(error)")
            }
        }
        if let values = options.values {
            let converted: GoValue
            do { converted = try GoValueConversion.goValue(fromDecoded: values) } catch {
                throw HelmError(stage: .values, message: "\(error)")
            }
            switch converted {
            case .map(let map): base = HelmValues.mergeMaps(base, map)
            case .missing: break
            default: throw HelmError(stage: .values, message: "values must be a mapping, not \(converted.goTypeName)")
            }
        }
        for value in options.setJSON {
            let trimmed = value.trimmingGoSpace()
            if trimmed.hasPrefix("{") {
                guard case .map(let map)? = try? GoJSONDecoder.decode(trimmed) else {
                    throw HelmError(stage: .values, message: "failed parsing --set-json data JSON: \(value)")
                }
                base = HelmValues.mergeMaps(base, map)
            } else {
                do {
                    try Strvals.parse(value, into: base, mode: .json({ try GoJSONDecoder.decodePrefix($0) }))
                } catch {
                    throw HelmError(stage: .values, message: "failed parsing --set-json data \(value)")
                }
            }
        }
        try parse(options.set, into: base, mode: .typed, flag: "--set")
        try parse(options.setString, into: base, mode: .string, flag: "--set-string")
        let readFile = options.readFile
        try parse(options.setFile, into: base, mode: .file({ String(decoding: try readFile($0), as: UTF8.self) }), flag: "--set-file")
        try parse(options.setLiteral, into: base, mode: .literal, flag: "--set-literal")
        return base
    }

    private static func parse(_ values: [String], into base: GoMap, mode: Strvals.Mode, flag: String) throws {
        for value in values {
            do { try Strvals.parse(value, into: base, mode: mode) } catch {
                throw HelmError(stage: .values, message: "failed parsing \(flag) data: \(error)")
            }
        }
    }
}
