import Foundation
import Testing

/// What one run of the `convnote` binary printed and returned.
struct CommandResult: CustomStringConvertible {
    var status: Int32
    var standardOutput: String
    var standardError: String

    var description: String {
        "exit \(status)\n--- stdout\n\(standardOutput)--- stderr\n\(standardError)"
    }
}

struct BinaryNotFound: Error, CustomStringConvertible {
    var searched: [String]

    var description: String {
        "the convnote binary was not found. Build it first with swift build --build-tests. Searched: "
            + searched.joined(separator: ", ")
    }
}

/// Runs the built `convnote` executable as a subprocess.
enum Convnote {
    /// The package root, three levels above this file (Tests/ConvNoteTests/ConvnoteRunner.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Returns the binary next to this test bundle in the build products directory, or else
    /// `<package root>/.build/debug/convnote`.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("convnote"))
        }
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent("convnote"))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("convnote"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/convnote"))

        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        throw BinaryNotFound(searched: candidates.map(\.path))
    }

    /// Runs `convnote ARGUMENTS` in `directory` and waits for it to exit.
    static func run(_ arguments: [String], in directory: URL) throws -> CommandResult {
        try runProgram(try binary(), arguments, in: directory)
    }

    /// Finds an executable on PATH, such as the `cmark` binary; nil when it is not installed.
    static func program(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs a program in `directory` and waits for it to exit. Output goes through files, so
    /// a large output cannot fill a pipe and stall the child.
    static func runProgram(_ executable: URL, _ arguments: [String], in directory: URL) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory

        let capture = FileManager.default.temporaryDirectory
            .appendingPathComponent("convnote-output-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outputURL = capture.appendingPathComponent("stdout")
        let errorURL = capture.appendingPathComponent("stderr")
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        let outputHandle = try FileHandle(forWritingTo: outputURL)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice

        try process.run()
        process.waitUntilExit()
        try outputHandle.close()
        try errorHandle.close()

        return CommandResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }
}

/// A fresh temporary directory for one test's notes and outputs. Call `remove()` when done.
struct NoteFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("convnote-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `text` to `path` below the folder, creating directories as needed.
    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appendingPathComponent(path)), as: UTF8.self)
    }

    func data(_ path: String) throws -> Data {
        try Data(contentsOf: url.appendingPathComponent(path))
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path)
    }

    /// Reads every regular file below `directory`, keyed by its path relative to it.
    func files(under directory: String) throws -> [String: Data] {
        let root = url.appendingPathComponent(directory).standardizedFileURL
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return result
        }
        for case let file as URL in enumerator {
            let values = try file.resourceValues(forKeys: [.isRegularFileKey])
            guard values.isRegularFile == true else { continue }
            let relative = String(file.standardizedFileURL.path.dropFirst(root.path.count + 1))
            result[relative] = try Data(contentsOf: file)
        }
        return result
    }

    /// Runs `convnote ARGUMENTS` with this folder as the current directory.
    func run(_ arguments: String...) throws -> CommandResult {
        try Convnote.run(arguments, in: url)
    }
}
