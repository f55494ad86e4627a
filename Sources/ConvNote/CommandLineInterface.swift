import ConvolutionEngine
import Foundation
import SourceDiagnostics

/// Parses convnote's command line and runs the command; `main.swift` only calls `run`.
public struct CommandLineInterface: Sendable {
    public static let version = "0.2.0"

    public var console: Console
    /// Reads standard input for `convnote eval -`, up to end of file or until it has read
    /// more than the number of bytes it is given.
    public var readStandardInput: @Sendable (_ maximumBytes: Int) throws(CommandError) -> Data

    /// Creates the interface. Without `readStandardInput`, it reads the process's standard
    /// input in chunks.
    public init(console: Console, readStandardInput: (@Sendable (_ maximumBytes: Int) throws(CommandError) -> Data)? = nil) {
        self.console = console
        if let readStandardInput {
            self.readStandardInput = readStandardInput
        } else {
            self.readStandardInput = SpecInput.readStandardInput(maximumBytes:)
        }
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

    private static let commandNames = ["build", "check", "new", "watch", "eval", "help"]

    private func dispatch(_ arguments: [String]) throws(CommandError) -> Int32 {
        guard let command = arguments.first else {
            console.error(Help.main)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        if let help = Help.text(for: command), rest.contains("--help") || rest.contains("-h") {
            console.output(help)
            return 0
        }
        let commands = Commands(console: console, generator: "convnote \(Self.version)")
        switch command {
        case "--help", "-h", "help":
            console.output(Help.main)
            return 0
        case "--version":
            console.output("convnote \(Self.version)\n")
            return 0
        case "build":
            return try commands.build(try OptionReader(rest, command: command).workspaceOptions())
        case "check":
            return try commands.check(try OptionReader(rest, command: command).workspaceOptions())
        case "watch":
            let options = try OptionReader(rest, command: command).workspaceOptions()
            return try WatchCommand(commands: commands, console: console).run(options)
        case "new":
            let reader = try OptionReader(rest, command: command)
            guard reader.positionals.count == 1 else {
                throw .usage("new takes one note name, as in convnote new stride-basics")
            }
            return try NewCommand(console: console).run(reader.positionals[0])
        case "eval":
            let reader = try OptionReader(rest, command: command)
            guard reader.positionals.count <= 1 else {
                throw .usage("eval takes one spec; quote it, as in convnote eval 'x = [1 2 3]; w = [1 1]'")
            }
            let source: Data
            if let argument = reader.positionals.first, argument != "-" {
                source = Data(argument.utf8)
            } else {
                source = try readStandardInput(SpecInput.maximumBytes)
            }
            let printer = DiagnosticPrinter(format: reader.format ?? .human, useColor: commands.useColor)
            return try EvalCommand(console: console, printer: printer)
                .run(source: source, show: reader.show, indexBase: reader.indexBase)
        default:
            let suggestion = closestMatch(to: command, among: Self.commandNames)
            throw .usage("unknown command '\(command)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
        }
    }
}

/// The options after a command name, checked against the options that command accepts.
struct OptionReader {
    var positionals: [String] = []
    var output = "output"
    var format: DiagnosticFormat?
    var fix = false
    var useCache = true
    var verbosity = Verbosity.normal
    var show: [String] = []
    var allowsRawHTML = false
    var indexBase = 1

    private static let accepted: [String: Set<String>] = [
        "build": ["-o", "--output", "--diagnostics", "--no-cache", "--quiet", "--verbose", "--allow-raw-html"],
        "check": ["-o", "--output", "--diagnostics", "--fix", "--no-cache", "--quiet", "--verbose", "--allow-raw-html"],
        "watch": ["-o", "--output", "--diagnostics", "--quiet", "--verbose", "--allow-raw-html"],
        "new": [],
        "eval": ["--show", "--diagnostics", "--index-base"],
    ]

    init(_ arguments: [String], command: String) throws(CommandError) {
        let accepted = Self.accepted[command] ?? []
        var index = 0
        func value(_ option: String) throws(CommandError) -> String {
            guard index + 1 < arguments.count, !arguments[index + 1].isEmpty else {
                let what = ["-o": "a directory", "--output": "a directory", "--diagnostics": "a format",
                            "--show": "quantity names", "--index-base": "0 or 1"][option] ?? "a value"
                throw .usage("\(option) needs \(what); see convnote \(command) --help")
            }
            index += 1
            return arguments[index]
        }

        while index < arguments.count {
            var argument = arguments[index]
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                inlineValue = String(argument[argument.index(after: equals)...])
                argument = String(argument[..<equals])
            }
            let given = inlineValue
            func take(_ option: String) throws(CommandError) -> String {
                if let given { return given }
                return try value(option)
            }
            guard !argument.hasPrefix("-") || argument == "-" || argument.count == 1 || (argument.hasPrefix("-") && Double(argument) != nil) else {
                guard accepted.contains(argument) else {
                    let suggestion = closestMatch(to: argument, among: Array(accepted).sorted())
                    throw .usage("unknown option '\(argument)' for \(command)" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
                }
                switch argument {
                case "-o", "--output":
                    output = try take(argument)
                    guard !output.isEmpty else { throw .usage("\(argument) needs a directory, as in -o output") }
                case "--diagnostics":
                    let name = try take(argument)
                    guard let parsed = DiagnosticFormat(rawValue: name) else {
                        throw .usage("unknown diagnostics format '\(name)'; use " + DiagnosticFormat.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    format = parsed
                case "--fix": fix = true
                case "--no-cache": useCache = false
                case "--allow-raw-html": allowsRawHTML = true
                case "--quiet": verbosity = .quiet
                case "--verbose": verbosity = .verbose
                case "--show":
                    let names = try take(argument)
                    show += names.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                    // Further bare words after --show name more quantities.
                    while index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-"), command == "eval",
                          Quantity.isName(arguments[index + 1]) {
                        index += 1
                        show.append(arguments[index])
                    }
                case "--index-base":
                    let text = try take(argument)
                    guard let base = Int(text), base == 0 || base == 1 else {
                        throw .usage("--index-base must be 0 or 1, not '\(text)'")
                    }
                    indexBase = base
                default:
                    break
                }
                index += 1
                continue
            }
            positionals.append(argument)
            index += 1
        }
    }

    func workspaceOptions() -> WorkspaceOptions {
        var options = WorkspaceOptions(paths: positionals.isEmpty ? ["notes"] : positionals, outputDirectory: output,
                                       diagnostics: format, fix: fix, useCache: useCache, verbosity: verbosity)
        options.allowsRawHTML = allowsRawHTML
        return options
    }
}

/// How much a command prints besides diagnostics.
public enum Verbosity: Sendable {
    /// Diagnostics only.
    case quiet
    /// Diagnostics and one summary line.
    case normal
    /// Also one line per note.
    case verbose
}
