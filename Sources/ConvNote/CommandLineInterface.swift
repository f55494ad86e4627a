import SourceDiagnostics

/// Parses convnote's command line and runs the command; `main.swift` only calls `run`.
public struct CommandLineInterface: Sendable {
    public static let version = "0.1.0"

    public var console: Console

    public init(console: Console) {
        self.console = console
    }

    /// Runs the command and returns its exit code: 0 success, 1 diagnostics or failed
    /// checks, 2 invalid usage, 3 I/O failure.
    public func run(_ arguments: [String]) -> Int32 {
        do {
            return try dispatch(arguments)
        } catch {
            console.error("convnote: error: \(error.message)\n")
            if case .usage = error { console.error("Run 'convnote --help' for usage.\n") }
            return error.exitCode
        }
    }

    private func dispatch(_ arguments: [String]) throws(CommandError) -> Int32 {
        guard let command = arguments.first else {
            console.error(Help.main)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        let commands = Commands(console: console, generator: "convnote \(Self.version)")
        switch command {
        case "--help", "-h", "help":
            console.output(Help.main)
            return 0
        case "--version":
            console.output("convnote \(Self.version)\n")
            return 0
        case "build":
            if rest.contains("--help") || rest.contains("-h") {
                console.output(Help.build)
                return 0
            }
            return try commands.build(try workspaceOptions(rest, command: "build"))
        case "check":
            if rest.contains("--help") || rest.contains("-h") {
                console.output(Help.check)
                return 0
            }
            return try commands.check(try workspaceOptions(rest, command: "check"))
        default:
            let suggestion = closestCommand(command)
            throw .usage("unknown command '\(command)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
        }
    }

    private func closestCommand(_ command: String) -> String? {
        closestMatch(to: command, among: ["build", "check", "help"])
    }

    /// Reads `[PATH...] [-o DIR] [--diagnostics human|gcc]`.
    private func workspaceOptions(_ arguments: [String], command: String) throws(CommandError) -> WorkspaceOptions {
        var paths: [String] = []
        var output = "output"
        var format: DiagnosticFormat?
        var fix = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-o", "--output":
                guard index + 1 < arguments.count, !arguments[index + 1].isEmpty else {
                    throw .usage("\(argument) needs a directory, as in -o output")
                }
                output = arguments[index + 1]
                index += 2
            case "--fix" where command == "check":
                fix = true
                index += 1
            case "--diagnostics":
                guard index + 1 < arguments.count else {
                    throw .usage("--diagnostics needs a format: " + DiagnosticFormat.allCases.map(\.rawValue).joined(separator: ", "))
                }
                guard let parsed = DiagnosticFormat(rawValue: arguments[index + 1]) else {
                    throw .usage("unknown diagnostics format '\(arguments[index + 1])'; use " + DiagnosticFormat.allCases.map(\.rawValue).joined(separator: " or "))
                }
                format = parsed
                index += 2
            default:
                if argument.hasPrefix("--diagnostics=") {
                    let value = String(argument.dropFirst("--diagnostics=".count))
                    guard let parsed = DiagnosticFormat(rawValue: value) else {
                        throw .usage("unknown diagnostics format '\(value)'; use " + DiagnosticFormat.allCases.map(\.rawValue).joined(separator: " or "))
                    }
                    format = parsed
                } else if argument.hasPrefix("-"), argument != "-" {
                    throw .usage("unknown option '\(argument)' for \(command)")
                } else {
                    paths.append(argument)
                }
                index += 1
            }
        }
        return WorkspaceOptions(paths: paths.isEmpty ? ["notes"] : paths, outputDirectory: output, diagnostics: format, fix: fix)
    }
}

/// Help text for every command.
enum Help {
    static let main = """
    convnote \(CommandLineInterface.version): convolution notes with every number computed and verified

    Usage: convnote COMMAND [OPTIONS]

    Commands:
      build [PATH...] [-o DIR]   Render notes (default: notes/) into HTML pages and
                                 GitHub Markdown in DIR (default: output/).
      check [PATH...] [-o DIR]   Verify every spec, expectation and formula, and that
                                 DIR holds what build would write. Exit code 1 on any error.

    Options:
      -h, --help                 Show help; 'convnote COMMAND --help' shows a command's help.
      --version                  Show the version.

    Exit codes: 0 success, 1 diagnostics or failed checks, 2 invalid usage, 3 I/O failure.

    """

    static let build = """
    Usage: convnote build [PATH...] [-o DIR] [--diagnostics FORMAT]

    Renders each note into DIR/<path>.html and DIR/<path>.md, plus DIR/index.html when
    every PATH is a directory. A note with errors keeps its previous outputs.

      PATH                  A note (.md) or a directory searched for notes at any depth.
                            Default: notes
      -o, --output DIR      The output directory. Default: output
      --diagnostics FORMAT  human (source line and caret), gcc (one line per problem),
                            github (GitHub Actions annotations) or json (one object per
                            line). github and json go to standard output. Default: human

    """

    static let check = """
    Usage: convnote check [PATH...] [-o DIR] [--fix] [--diagnostics FORMAT]

    Evaluates every spec block, compares the independent routes of every quantity, checks
    every expect statement and every formula, and, when DIR exists, reports output files
    that are missing or out of date. Writes nothing.

      PATH                  A note (.md) or a directory searched for notes at any depth.
                            Default: notes
      -o, --output DIR      The output directory to compare with. Default: output
      --fix                 Rewrite each failed expect value with the computed one, in
                            place, then check again. Changes no other byte of a note.
      --diagnostics FORMAT  human (source line and caret), gcc (one line per problem),
                            github (GitHub Actions annotations) or json (one object per
                            line). github and json go to standard output. Default: human

    """
}
