/// Defaults, flow control and Helm's engine-bound functions (HELM-NOTES
/// §3.2, §3.7): `default`, `empty`, `coalesce`, `ternary`, `all`, `any`,
/// `required`, `fail`, `include`, `tpl`, `lookup`, `getHostByName`.
enum FlowFunctions {
    static let all: [TemplateFunction] = [
        // `default DFLT GIVEN`: GIVEN unless it is empty (0, false, "", nil, empty collections).
        Fn.make("default", [.any], variadic: .any) { a in
            a.count > 1 && a[1].isTrue ? a[1] : a[0]
        },
        Fn.make("empty", [.any]) { .bool(!$0[0].isTrue) },
        Fn.make("coalesce", [], variadic: .any) { a in a.first { $0.isTrue } ?? .missing },
        Fn.make("all", [], variadic: .any) { a in .bool(a.allSatisfy { $0.isTrue }) },
        Fn.make("any", [], variadic: .any) { a in .bool(a.contains { $0.isTrue }) },
        Fn.make("ternary", [.any, .any, .bool]) { a in try Fn.bool(a[2]) ? a[0] : a[1] },
        // Helm's: nil or "" fails with the user's message; 0 and false pass.
        Fn.make("required", [.string, .any]) { a in
            let message = try Fn.string(a[0])
            if a[1].isNil { throw TemplateFunctionError(message, kind: .userFailure) }
            if case .string("") = a[1] { throw TemplateFunctionError(message, kind: .userFailure) }
            return a[1]
        },
        Fn.make("fail", [.string]) { a in
            throw TemplateFunctionError(try Fn.string(a[0]), kind: .userFailure)
        },
        TemplateFunction("include", [.string, .any]) { runtime, a in
            .string(try runtime.include(try Fn.string(a[0]), a[1]))
        },
        TemplateFunction("tpl", [.string, .any]) { runtime, a in
            .string(try runtime.tpl(try Fn.string(a[0]), a[1]))
        },
        // Rendering offline: there is no cluster to look anything up in.
        Fn.make("lookup", [.string, .string, .string, .string]) { _ in .map(GoMap()) },
        Fn.make("getHostByName", [.string]) { _ in .string("") },
    ]
}
