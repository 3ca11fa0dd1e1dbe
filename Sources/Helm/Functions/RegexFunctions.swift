/// Sprig's regex functions (HELM-NOTES §3.6) with Go RE2 syntax. An invalid
/// pattern makes `regexMatch` false, the `must` forms report Go's parse
/// error, and the others fail as Sprig's MustCompile panics.
enum RegexFunctions {
    /// The compiled pattern, or the error the `must` forms return.
    private static func compile(_ v: GoValue) throws -> GoRegex {
        let expression = try Fn.string(v)
        do {
            return try GoRegex(expression)
        } catch let error as GoRegex.CompileError {
            throw Fn.fail(error.message)
        }
    }

    /// The compiled pattern, or the panic MustCompile raises.
    private static func mustCompile(_ v: GoValue) throws -> GoRegex {
        let expression = try Fn.string(v)
        do {
            return try GoRegex(expression)
        } catch let error as GoRegex.CompileError {
            throw Fn.fail(GoRegex.mustCompileMessage(expression, error))
        }
    }

    static let all: [TemplateFunction] = [
        Fn.make("regexMatch", [.string, .string]) { a in
            .bool((try? compile(a[0]))?.matchesAnywhere(try Fn.string(a[1])) ?? false)
        },
        Fn.make("mustRegexMatch", [.string, .string]) { a in .bool(try compile(a[0]).matchesAnywhere(try Fn.string(a[1]))) },
        Fn.make("regexFindAll", [.string, .string, .int]) { a in
            .stringList(try mustCompile(a[0]).findAll(try Fn.string(a[1]), limit: try Fn.int(a[2])))
        },
        Fn.make("mustRegexFindAll", [.string, .string, .int]) { a in
            .stringList(try compile(a[0]).findAll(try Fn.string(a[1]), limit: try Fn.int(a[2])))
        },
        Fn.make("regexFind", [.string, .string]) { a in .string(try mustCompile(a[0]).find(try Fn.string(a[1]))) },
        Fn.make("mustRegexFind", [.string, .string]) { a in .string(try compile(a[0]).find(try Fn.string(a[1]))) },
        Fn.make("regexReplaceAll", [.string, .string, .string]) { a in
            .string(try mustCompile(a[0]).replaceAll(try Fn.string(a[1]), with: try Fn.string(a[2]), literal: false))
        },
        Fn.make("mustRegexReplaceAll", [.string, .string, .string]) { a in
            .string(try compile(a[0]).replaceAll(try Fn.string(a[1]), with: try Fn.string(a[2]), literal: false))
        },
        Fn.make("regexReplaceAllLiteral", [.string, .string, .string]) { a in
            .string(try mustCompile(a[0]).replaceAll(try Fn.string(a[1]), with: try Fn.string(a[2]), literal: true))
        },
        Fn.make("mustRegexReplaceAllLiteral", [.string, .string, .string]) { a in
            .string(try compile(a[0]).replaceAll(try Fn.string(a[1]), with: try Fn.string(a[2]), literal: true))
        },
        Fn.make("regexSplit", [.string, .string, .int]) { a in
            .stringList(try mustCompile(a[0]).split(try Fn.string(a[1]), limit: try Fn.int(a[2])))
        },
        Fn.make("mustRegexSplit", [.string, .string, .int]) { a in
            .stringList(try compile(a[0]).split(try Fn.string(a[1]), limit: try Fn.int(a[2])))
        },
        Fn.make("regexQuoteMeta", [.string]) { .string(GoRegex.quoteMeta(try Fn.string($0[0]))) },
    ]
}
