import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Synchronous JSON calls to a test server's plain-HTTP control port.
struct ControlClient {
    var clusterName: String
    var baseURL: URL

    /// Sends a request and returns the decoded JSON body (or nil for an empty body).
    @discardableResult
    func call(_ method: String, _ path: String, body: Any? = nil) throws -> Any? {
        guard let url = URL(string: baseURL.absoluteString + "/" + path) else {
            throw TestClusterError.transport(name: clusterName, request: path, reason: "not a valid URL")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 60
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let label = "\(method) \(path)"
        let result = Exchange()
        let semaphore = DispatchSemaphore(value: 0)
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            result.set(data: data, status: (response as? HTTPURLResponse)?.statusCode, error: error)
            semaphore.signal()
        }
        task.resume()
        semaphore.wait()
        let (data, status, error) = result.get()
        if let error {
            throw TestClusterError.transport(name: clusterName, request: label, reason: "\(error)")
        }
        let text = String(decoding: data ?? Data(), as: UTF8.self)
        guard let status, (200..<300).contains(status) else {
            throw TestClusterError.control(name: clusterName, request: label, status: status ?? 0, body: text)
        }
        guard let data, !data.isEmpty else { return nil }
        do {
            return try JSONSerialization.jsonObject(with: data)
        } catch {
            throw TestClusterError.badResponse(name: clusterName, request: label, reason: "not JSON: \(text)")
        }
    }

    /// The body of a control call decoded into `T`.
    func decode<T: Decodable>(_ type: T.Type, _ method: String, _ path: String, body: Any? = nil) throws -> T {
        let json = try call(method, path, body: body) ?? [:]
        let data = try JSONSerialization.data(withJSONObject: json)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw TestClusterError.badResponse(name: clusterName, request: "\(method) \(path)", reason: "\(error)")
        }
    }
}

/// The completion handler's results, handed across threads under a lock.
private final class Exchange: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    private var status: Int?
    private var error: Error?

    func set(data: Data?, status: Int?, error: Error?) {
        lock.lock()
        defer { lock.unlock() }
        self.data = data
        self.status = status
        self.error = error
    }

    func get() -> (Data?, Int?, Error?) {
        lock.lock()
        defer { lock.unlock() }
        return (data, status, error)
    }
}
