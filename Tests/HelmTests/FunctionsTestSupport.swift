import XCTest

@testable import Helm

/// Calls functions of the table directly, as the engine would after checking arguments.
final class RecordingRuntime: TemplateRuntime {
    var calls: [String] = []
    func include(_ name: String, _ data: GoValue) throws -> String {
        calls.append("include \(name)")
        if name == "missing" { throw TemplateFunctionError("no template \"missing\" associated with template \"gotpl\"") }
        return "included:\(GoFormat.string(data))"
    }
    func tpl(_ text: String, _ data: GoValue) throws -> String {
        calls.append("tpl \(text)")
        return "tpl:\(text)"
    }
}

enum F {
    static let table = HelmFunctions.table()

    /// Swift literals as template values: Int → int, Double → float64, nil → missing.
    static func go(_ v: Any?) -> GoValue {
        switch v {
        case nil: return .missing
        case let g as GoValue: return g
        case let s as String: return .string(s)
        case let b as Bool: return .bool(b)
        case let i as Int: return .int(i)
        case let i as Int64: return .int64(i)
        case let d as Double: return .float64(d)
        case let l as [Any?]: return .list(l.map(go))
        case let m as [String: Any?]: return .map(GoMap(m.mapValues(go)))
        default: fatalError("unsupported test literal \(String(describing: v))")
        }
    }

    static func call(_ name: String, _ arguments: Any?..., runtime: TemplateRuntime = RecordingRuntime()) throws -> GoValue {
        guard let function = table[name] else { throw TemplateFunctionError("function \"\(name)\" not defined") }
        return try function.body(runtime, arguments.map(go))
    }

    /// What `{{ name args… }}` prints: `%v`, with nil printing nothing (Helm deletes `<no value>`).
    static func printed(_ name: String, _ arguments: Any?...) throws -> String {
        guard let function = table[name] else { throw TemplateFunctionError("function \"\(name)\" not defined") }
        let v = try function.body(RecordingRuntime(), arguments.map(go))
        return v.isNil ? "" : GoFormat.string(v)
    }

    /// The message of the error a call throws.
    static func error(_ name: String, _ arguments: Any?...) -> String? {
        guard let function = table[name] else { return "function \"\(name)\" not defined" }
        do {
            _ = try function.body(RecordingRuntime(), arguments.map(go))
            return nil
        } catch let e as TemplateFunctionError {
            return e.message
        } catch {
            return "\(error)"
        }
    }
}
