import CCurl
import Foundation

/// One libcurl easy handle. Its connection cache keeps TLS connections open
/// between requests, so handles are pooled and reused (`CurlTransport`).
///
/// Unchecked Sendable: the pool hands a handle to one thread at a time and
/// takes it back before anyone else may use it.
final class CurlEasyHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer
    /// Held so that the cache outlives the handle, which is attached to it.
    private let sessionCache: CurlSessionCache?

    init?(sessionCache: CurlSessionCache?) {
        guard let raw = curl_easy_init() else { return nil }
        self.raw = raw
        self.sessionCache = sessionCache
    }

    deinit { curl_easy_cleanup(raw) }

    /// Forgets the previous exchange's options; keeps the connections and the session cache.
    func reset() {
        curl_easy_reset(raw)
        if let sessionCache { _ = ccurl_setopt_session_cache(raw, sessionCache.pointer) }
    }

    /// Collects the first failing option so that setup reads as a list of options.
    struct Setup {
        let handle: CurlEasyHandle
        var failure: (option: String, code: CURLcode)?

        mutating func record(_ code: CURLcode, _ option: String) {
            if code != CURLE_OK, failure == nil { failure = (option, code) }
        }

        mutating func set(_ option: CURLoption, _ value: Int, _ name: String) {
            record(ccurl_setopt_long(handle.raw, option, value), name)
        }

        mutating func set(_ option: CURLoption, _ value: String?, _ name: String) {
            // libcurl copies string options, so the temporary C string may go away after the call.
            if let value {
                record(value.withCString { ccurl_setopt_pointer(handle.raw, option, $0) }, name)
            } else {
                record(ccurl_setopt_pointer(handle.raw, option, nil), name)
            }
        }

        mutating func setPointer(_ option: CURLoption, _ value: UnsafeRawPointer?, _ name: String) {
            record(ccurl_setopt_pointer(handle.raw, option, value), name)
        }

        mutating func setBlob(_ option: CURLoption, _ bytes: [UInt8], _ name: String) {
            // CURL_BLOB_COPY: libcurl keeps its own copy.
            record(bytes.withUnsafeBytes { ccurl_setopt_blob(handle.raw, option, $0.baseAddress, $0.count) }, name)
        }

        mutating func setOffset(_ option: CURLoption, _ value: Int64, _ name: String) {
            record(ccurl_setopt_off_t(handle.raw, option, curl_off_t(value)), name)
        }

        mutating func setCallback(_ option: CURLoption, _ callback: ccurl_data_callback, _ name: String) {
            record(ccurl_setopt_data_callback(handle.raw, option, callback), name)
        }
    }

    func longInfo(_ info: CURLINFO) -> Int {
        var value = 0
        _ = ccurl_getinfo_long(raw, info, &value)
        return value
    }
}

/// The TLS sessions the handles of one transport share: a connection opened while
/// another is busy resumes that one's session instead of a full handshake (no
/// certificate chain to verify, no signature to make), on both ends.
/// Unchecked Sendable: libcurl locks it through the shim's mutexes.
final class CurlSessionCache: @unchecked Sendable {
    let pointer: OpaquePointer

    init?() {
        guard let pointer = ccurl_session_cache_new() else { return nil }
        self.pointer = pointer
    }

    deinit { ccurl_session_cache_free(pointer) }
}

/// Loading libcurl (once per process, on first use) and saying what to do when it cannot be loaded.
enum CurlLibrary {
    /// Nil when libcurl is loaded and initialised; otherwise what is missing, in a
    /// sentence for the user (`installHint` says which package provides it).
    static var unavailable: String? {
        ccurl_load().map { problem(String(cString: $0)) }
    }

    /// Starts loading libcurl on a background thread. Loading the shared library and
    /// its dependencies takes several milliseconds; started when a client is made, it
    /// overlaps with whatever the program does before its first request (a request
    /// that comes sooner waits for it, never repeats it).
    static func prepareInBackground() {
        ccurl_load_in_background()
    }

    /// What `soname` would be missing if the transport loaded it instead of libcurl.so.4
    /// (nil: nothing); the same check and the same words as the real load. For tests.
    static func probe(soname: String) -> String? {
        let capacity = 512
        let reason = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        defer { reason.deallocate() }
        reason.initialize(repeating: 0, count: capacity)
        if ccurl_probe_library(soname, reason, capacity) == 1 { return nil }
        return problem(String(cString: reason))
    }

    private static func problem(_ reason: String) -> String {
        "libcurl (libcurl.so.4) could not be loaded: \(reason)"
    }

    /// Which package provides libcurl.so.4 where.
    static let installHint =
        "install libcurl: the package libcurl4 on Debian and Ubuntu, libcurl on Fedora, RHEL and Alpine, curl on Arch"
}

/// A C string list (`struct curl_slist`) owned by Swift and freed on deinit.
final class CurlStringList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    init(_ items: [String]) {
        for item in items {
            pointer = curl_slist_append(pointer, item)
        }
    }

    deinit { curl_slist_free_all(pointer) }
}
