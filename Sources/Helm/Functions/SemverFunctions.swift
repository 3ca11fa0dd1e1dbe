/// `semverCompare CONSTRAINT VERSION` and `semver VERSION` (Masterminds/semver v3).
enum SemverFunctions {
    static let all: [TemplateFunction] = [
        Fn.make("semverCompare", [.string, .string]) { a in
            let constraints: SemverConstraints
            do {
                constraints = try SemverConstraints(try Fn.string(a[0]))
            } catch let error as SemverConstraints.ParseError {
                throw Fn.fail(error.message)
            }
            do {
                return .bool(constraints.check(try SemverVersion.parse(try Fn.string(a[1]))))
            } catch let error as SemverVersion.ParseError {
                throw Fn.fail(error.message)
            }
        },
        Fn.make("semver", [.string]) { a in
            do {
                return .object(SemverObject(try SemverVersion.parse(try Fn.string(a[0])), original: try Fn.string(a[0])))
            } catch let error as SemverVersion.ParseError {
                throw Fn.fail(error.message)
            }
        },
    ]
}

/// A `*semver.Version` in a template: prints as `1.2.3-pre+meta`, with the
/// methods charts call (`.Major`, `.Minor`, `.Patch`, `.Prerelease`, `.Metadata`, `.Original`).
final class SemverObject: GoObject {
    let version: SemverVersion
    let original: String

    init(_ version: SemverVersion, original: String) {
        self.version = version
        self.original = original
    }

    var goTypeName: String { "*semver.Version" }

    var text: String {
        var s = "\(version.major).\(version.minor).\(version.patch)"
        if !version.prerelease.isEmpty { s += "-" + version.prerelease }
        if !version.metadata.isEmpty { s += "+" + version.metadata }
        return s
    }

    var shape: GoObjectShape {
        .structure(
            fields: [.int64(Int64(bitPattern: version.major)), .int64(Int64(bitPattern: version.minor)),
                .int64(Int64(bitPattern: version.patch)), .string(version.prerelease), .string(version.metadata), .string(original)],
            stringer: text)
    }

    func field(_ name: String) -> GoValue? { nil }

    func method(_ name: String) -> GoMethod? {
        let value: GoValue
        switch name {
        case "Major": value = .int64(Int64(bitPattern: version.major))
        case "Minor": value = .int64(Int64(bitPattern: version.minor))
        case "Patch": value = .int64(Int64(bitPattern: version.patch))
        case "Prerelease": value = .string(version.prerelease)
        case "Metadata": value = .string(version.metadata)
        case "Original": value = .string(original)
        case "String": value = .string(text)
        default: return nil
        }
        return GoMethod([]) { _ in value }
    }
}
