import Foundation

/// An error from parsing or executing a template.
///
/// It keeps Go's error text for every layer of the chain (`error calling
/// include: template: …` wraps the included template's own error), because Helm
/// builds its report from exactly that text: `helmMessage` is what `helm
/// template` prints after `Error: `.
public struct TemplateError: Error, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A syntax error: nothing was executed.
        case parse
        /// An error while executing (Go's `template.ExecError`).
        case execution
        /// An error outside both (for example `include` of an unknown name at the top).
        case other
    }

    public let kind: Kind
    /// Go's error texts along the `errors.Unwrap` chain, outermost first.
    public let chain: [String]

    public init(kind: Kind, chain: [String]) {
        self.kind = kind
        self.chain = chain
    }

    /// Go's text of the error, as text/template reports it.
    public var goMessage: String { chain.first ?? "" }

    public var description: String { helmMessage }

    /// The text Helm reports for this error (pkg/engine: cleanupParseError,
    /// reformatExecErrorMsg): `parse error at (FILE:LINE): MSG`,
    /// `execution error at (FILE:LINE:COL): MSG` for `fail` and `required`,
    /// or the traced multi-line form.
    public var helmMessage: String {
        switch kind {
        case .parse: return TemplateError.helmParseMessage(goMessage)
        case .execution: return TemplateError.helmExecMessage(chain)
        case .other: return goMessage
        }
    }

    /// Markers Helm wraps around `fail` and `required` messages (HELM_ERR_START/END).
    static let userFailureStart = "HELM_ERR_START"
    static let userFailureEnd = "HELM_ERR_END"

    static func helmParseMessage(_ text: String) -> String {
        let tokens = text.components(separatedBy: ": ")
        if tokens.count == 1 { return "parse error in (?): " + text }
        return "parse error at (\(tokens[1])): \(tokens[tokens.count - 1])"
    }

    static func helmExecMessage(_ chain: [String]) -> String {
        let text = chain.first ?? ""
        let tokens = splitN(text, ": ", 3)
        guard tokens.count == 3 else { return text }
        if let start = tokens[2].range(of: userFailureStart),
            let end = tokens[2].range(of: userFailureEnd, options: .backwards), start.upperBound <= end.lowerBound
        {
            return "execution error at (\(tokens[1])): \(tokens[2][start.upperBound..<end.lowerBound])"
        }
        var traces: [Trace] = []
        for layer in chain {
            guard let trace = Trace(layer) else { return text }
            if traces.last != trace { traces.append(trace) }
        }
        return traces.map(\.text).joined().trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Go's `strings.SplitN`.
    static func splitN(_ s: String, _ separator: String, _ n: Int) -> [String] {
        var parts: [String] = []
        var rest = Substring(s)
        while parts.count < n - 1, let range = rest.range(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    /// One layer of Helm's traced report (its TraceableError).
    struct Trace: Equatable {
        var location = ""
        var message = ""
        var executedFunction = ""

        init?(_ s: String) {
            let prefix = "template: "
            guard s.hasPrefix(prefix) else { return nil }
            let remainder = String(s.dropFirst(prefix.count))
            if remainder.hasPrefix("no template ") {
                message = s
                return
            }
            if let cut = remainder.range(of: ": executing ") {
                let after = remainder[cut.upperBound...]
                if after.first == "\"", let endQuote = after.dropFirst().firstIndex(of: "\"") {
                    let functionName = after[after.index(after.startIndex, offsetBy: 1)..<endQuote]
                    let afterFunction = after[after.index(after: endQuote)...]
                    if afterFunction.hasPrefix(" at <") {
                        let afterAt = afterFunction.dropFirst(5)
                        if let close = afterAt.range(of: ">: ") {
                            var errorMessage = String(afterAt[close.upperBound...])
                            if let chained = errorMessage.range(of: " template:") {
                                errorMessage = String(errorMessage[..<chained.lowerBound])
                            }
                            location = String(remainder[..<cut.lowerBound])
                            message = errorMessage
                            executedFunction = "executing \"\(functionName)\" at <\(afterAt[..<close.lowerBound])>:"
                            return
                        }
                    }
                }
            }
            guard let separator = remainder.range(of: ": ", options: .backwards) else { return nil }
            location = String(remainder[..<separator.lowerBound])
            var errorMessage = String(remainder[separator.upperBound...])
            if let chained = errorMessage.range(of: " template:") {
                errorMessage = String(errorMessage[..<chained.lowerBound])
            }
            message = errorMessage
        }

        var text: String {
            var s = ""
            if !location.isEmpty { s += location + "\n  " }
            if !executedFunction.isEmpty { s += executedFunction + "\n    " }
            if !message.isEmpty { s += message + "\n" }
            return s
        }
    }
}
