#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes: standard output, standard error, or a buffer in tests.
public protocol TextOutput: AnyObject {
    func write(_ text: String)
    /// Pushes buffered text out (progress lines call this; the program calls it before exiting).
    func flush()
    /// True when a person watches (a terminal): progress may redraw lines and use colour.
    var isTerminal: Bool { get }
}

extension TextOutput {
    /// Writes `text` and a newline.
    public func line(_ text: String = "") { write(text + "\n") }
}

/// A file descriptor (1 or 2), buffered so that large outputs cost few system calls.
public final class FileDescriptorOutput: TextOutput {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    public let isTerminal: Bool

    public init(descriptor: Int32) {
        self.descriptor = descriptor
        self.isTerminal = isatty(descriptor) == 1
        buffer.reserveCapacity(1 << 16)
    }

    deinit { flush() }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                break  // a closed pipe: nothing sensible is left to do with the text
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Collects everything written, for tests.
public final class CapturedOutput: TextOutput {
    public private(set) var text = ""
    public let isTerminal: Bool

    public init(isTerminal: Bool = false) { self.isTerminal = isTerminal }

    public func write(_ text: String) { self.text += text }
    public func flush() {}
}
