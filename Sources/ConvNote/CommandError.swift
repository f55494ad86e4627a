/// The reason a command stopped before finishing, with its exit code.
public enum CommandError: Error, Equatable, Sendable {
    /// Invalid usage: an unknown command or option, or a missing argument. Exit code 2.
    case usage(String)
    /// A file could not be read or written. Exit code 3.
    case io(String)

    public var exitCode: Int32 {
        switch self {
        case .usage: 2
        case .io: 3
        }
    }

    public var message: String {
        switch self {
        case .usage(let message), .io(let message): message
        }
    }
}
