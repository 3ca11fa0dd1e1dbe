import Kube
import YAML

/// An error that knows what the user should do about it. The program prints
/// `error: <message>` and, when there is one, `hint: <hint>`, then exits 1.
/// Modules' error types conform here, in the CLI, so the modules stay free of
/// presentation.
public protocol ReportableError: Error {
    var message: String { get }
    var hint: String? { get }
}

extension KubeconfigError: ReportableError {
    public var message: String { description }
}

extension YAMLError: ReportableError {
    public var message: String { description }
    public var hint: String? { nil }
}

/// A failure a command describes itself.
public struct CommandFailure: ReportableError, Equatable {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
