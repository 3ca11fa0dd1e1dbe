import Foundation

/// Why a test cluster could not be started or driven.
public enum TestClusterError: Error, CustomStringConvertible {
    case serverScriptMissing(String)
    case pythonMissing
    case startFailed(name: String, reason: String, serverLog: String)
    case control(name: String, request: String, status: Int, body: String)
    case transport(name: String, request: String, reason: String)
    case badResponse(name: String, request: String, reason: String)

    public var description: String {
        switch self {
        case .serverScriptMissing(let path):
            return "test API server not found at \(path)"
        case .pythonMissing:
            return "python3 is needed to run the test API server and is not on PATH"
        case .startFailed(let name, let reason, let log):
            return "test cluster \(name) did not start: \(reason)" + (log.isEmpty ? "" : "\nserver log:\n\(log)")
        case .control(let name, let request, let status, let body):
            return "test cluster \(name): \(request) answered \(status): \(body)"
        case .transport(let name, let request, let reason):
            return "test cluster \(name): \(request) failed: \(reason)"
        case .badResponse(let name, let request, let reason):
            return "test cluster \(name): \(request) gave an unexpected answer: \(reason)"
        }
    }
}
