import Foundation
import Synchronization

/// A bearer token kept in a file (kubeconfig `tokenFile`), as projected
/// service-account tokens are: the file is rotated in place, so it is read
/// again whenever its modification time, size or inode changes.
final class TokenFile: Sendable {
    let path: String

    private struct Stamp: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
    }

    private struct State {
        var stamp: Stamp?
        var token: String?
    }

    private let state = Mutex(State())

    init(path: String) {
        self.path = path
    }

    enum Failure: Error, Equatable {
        case unreadable(String, reason: String)
        case empty(String)
    }

    /// The current token, read again when the file changed since the last read.
    func token() throws(Failure) -> String {
        let current = stamp()
        if let cached = state.withLock({ $0.stamp != nil && $0.stamp == current ? $0.token : nil }) {
            return cached
        }
        return try read(stamp: current)
    }

    /// Reads the file regardless of its stamp (after the server rejected the token).
    /// Returns whether the token differs from the one held before.
    func reload() throws(Failure) -> Bool {
        let before = state.withLock { $0.token }
        let token = try read(stamp: stamp())
        return token != before
    }

    private func read(stamp: Stamp?) throws(Failure) -> String {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            throw .unreadable(path, reason: error.reason)
        }
        let token = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        guard !token.isEmpty else { throw .empty(path) }
        state.withLock { $0 = State(stamp: stamp, token: token) }
        return token
    }

    private func stamp() -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modifiedSeconds: Int(info.st_mtim.tv_sec), modifiedNanoseconds: Int(info.st_mtim.tv_nsec))
    }
}
