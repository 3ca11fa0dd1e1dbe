import Foundation

/// Runs template execution on a thread with a large stack.
///
/// Go grows goroutine stacks as needed, so a template that calls itself runs
/// until Go's own limit (`exceeded maximum template depth (100000)`). A Swift
/// thread's stack is fixed; the default 8 MB would overflow first and crash
/// the process. Address space is only reserved: pages are used as touched.
enum LargeStack {
    static let size = 1 << 30

    static func run<T>(_ body: () throws -> T) throws -> T {
        try withoutActuallyEscaping(body) { escapable in
            let box = Box(escapable)
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                box.run()
                done.signal()
            }
            thread.stackSize = size
            thread.start()
            done.wait()
            return try box.result!.get()
        }
    }

    /// Carries the work and its result between the threads (one at a time).
    private final class Box<T>: @unchecked Sendable {
        private var body: (() throws -> T)?
        var result: Result<T, Error>?

        init(_ body: @escaping () throws -> T) { self.body = body }

        /// Runs the work once and lets go of it, so nothing outlives the caller's closure.
        func run() {
            guard let body else { return }
            result = Result { try body() }
            self.body = nil
        }
    }
}
