/// Helm's check of the merged values against each chart's
/// `values.schema.json` (ValidateAgainstSchema): the chart's schema with its
/// values, then each subchart's with the values under its name, all failures
/// in one message:
///
/// ```
/// values don't meet the specifications of the schema(s) in the following chart(s):
/// gateway:
/// - at '/kind': value must be one of 'Deployment', 'DaemonSet'
/// ```
enum ValuesSchema {
    static let header = "values don't meet the specifications of the schema(s) in the following chart(s):\n"

    /// Helm's message when some values do not fit, or nil.
    static func check(_ chart: Chart, _ values: GoMap) -> String? {
        let report = failures(chart, values)
        return report.isEmpty ? nil : header + report
    }

    private static func failures(_ chart: Chart, _ values: GoMap) -> String {
        var report = ""
        if let schema = chart.schema {
            if let message = validate(values, schemaText: String(decoding: schema, as: UTF8.self)) {
                report += "\(chart.name):\n" + message
            }
        }
        for subchart in chart.dependencies {
            guard let raw = values.storage[subchart.name], !raw.isNil else { continue }
            guard case .map(let subvalues) = raw else {
                report += "\(subchart.name):\ninvalid type for values: expected object (map), got \(raw.goTypeName)\n"
                continue
            }
            report += failures(subchart, subvalues)
        }
        return report
    }

    /// One schema: the validator's failures, each line `- at '…': …` and a
    /// final newline, or the reason the schema cannot be used (no newline).
    static func validate(_ values: GoMap, schemaText: String) -> String? {
        let schema: CompiledSchema
        do { schema = try CompiledSchema.compile(schemaText) } catch let failure as CompiledSchema.Failure {
            return failure.message
        } catch {
            return "\(error)"
        }
        guard let violation = SchemaValidator.validate(.map(values), against: schema) else { return nil }
        let text = violation.text
        let prefix = "jsonschema validation failed with \(JSONPointer.singleQuoted(schema.root.location))\n"
        return (text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text) + "\n"
    }
}
