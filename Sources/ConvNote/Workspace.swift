import Dispatch
import Foundation
import SourceDiagnostics

/// Options shared by `build` and `check`.
public struct WorkspaceOptions: Sendable {
    public var paths: [String]
    public var outputDirectory: String
    public var diagnostics: DiagnosticFormat?

    public init(paths: [String], outputDirectory: String, diagnostics: DiagnosticFormat? = nil) {
        self.paths = paths
        self.outputDirectory = outputDirectory
        self.diagnostics = diagnostics
    }
}

/// The notes that command-line paths name, processed, with the outputs they imply.
struct Workspace {
    let notes: [NoteFile]
    let results: [ProcessedNote]
    let outputs: OutputSet
    /// Whether convnote writes `index.html`: every path named a directory, so that the page
    /// covers all notes, and no note is itself named `index.md`.
    let includesIndex: Bool

    /// Reads and processes every note, several at once, in a deterministic order.
    static func load(_ options: WorkspaceOptions, generator: String) throws(CommandError) -> Workspace {
        let notes = try NoteDiscovery.notes(in: options.paths)
        let texts = try notes.map { note throws(CommandError) in try read(note) }

        let processor = NoteProcessor(generator: generator)
        let results = ResultSlots<ProcessedNote>(count: notes.count)
        DispatchQueue.concurrentPerform(iterations: notes.count) { index in
            results.store(processor.process(texts[index]), at: index)
        }
        let processed = results.values

        var outputs = OutputSet()
        for (note, result) in zip(notes, processed) {
            guard let rendered = result.rendered else { continue }
            outputs.add(note.outputStem + ".html", rendered.html)
            outputs.add(note.outputStem + ".md", rendered.markdown)
        }
        // A note of its own named index.md is the home page; otherwise convnote writes one.
        let allDirectories = options.paths.allSatisfy { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        let includesIndex = allDirectories && !notes.contains { $0.outputStem == "index" }
        if includesIndex {
            let entries = zip(notes, processed).map { note, result in
                (stem: note.outputStem, title: result.rendered?.title ?? note.outputStem, summary: result.rendered?.summary ?? "")
            }
            outputs.add("index.html", IndexPage.html(entries, generator: generator))
        }
        return Workspace(notes: notes, results: processed, outputs: outputs, includesIndex: includesIndex)
    }

    /// Reads a note as UTF-8, failing with a diagnostic for invalid bytes.
    private static func read(_ note: NoteFile) throws(CommandError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: note.url)
        } catch {
            throw .io("\(note.displayPath): cannot read: \(error.localizedDescription)")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .io("\(note.displayPath): the file is not valid UTF-8; save it as UTF-8")
        }
        return text
    }

    /// Every diagnostic of every note, each with its note's path, and the lines to quote.
    var diagnostics: [(diagnostic: Diagnostic, lines: [String])] {
        zip(notes, results).flatMap { note, result in
            result.diagnostics.map { ($0.inFile(note.displayPath), result.lines) }
        }
    }
}

/// Fixed slots that concurrent workers fill by index.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ value: Value, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
