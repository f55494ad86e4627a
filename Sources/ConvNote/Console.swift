#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The destination of command output: standard output and standard error, or memory in
/// tests.
public protocol Console: AnyObject, Sendable {
    func output(_ text: String)
    func error(_ text: String)
    /// Whether standard error is a terminal, which enables colour.
    var errorIsTerminal: Bool { get }
}

/// The process's standard output and standard error.
public final class StandardConsole: Console, @unchecked Sendable {
    public init() {}

    public func output(_ text: String) {
        writeAll(text, to: 1)
    }

    public func error(_ text: String) {
        writeAll(text, to: 2)
    }

    private func writeAll(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { return }
            bytes = bytes.dropFirst(count)
        }
    }

    public var errorIsTerminal: Bool { isatty(2) == 1 }
}
