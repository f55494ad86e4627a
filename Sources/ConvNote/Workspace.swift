import Dispatch
import Foundation
import SourceDiagnostics

/// Options shared by `build` and `check`.
public struct WorkspaceOptions: Sendable {
    public var paths: [String]
    public var outputDirectory: String
    public var diagnostics: DiagnosticFormat?
    /// For `check`: rewrite each failed `expect` value with the computed one.
    public var fix: Bool
    /// Whether unchanged notes are read from the build cache.
    public var useCache: Bool
    /// Whether raw HTML in notes reaches the pages.
    public var allowsRawHTML = false
    public var verbosity: Verbosity

    public init(paths: [String], outputDirectory: String, diagnostics: DiagnosticFormat? = nil, fix: Bool = false,
                useCache: Bool = true, verbosity: Verbosity = .normal) {
        self.paths = paths
        self.outputDirectory = outputDirectory
        self.diagnostics = diagnostics
        self.fix = fix
        self.useCache = useCache
        self.verbosity = verbosity
    }
}

/// The notes that command-line paths name, processed, with the outputs they imply.
struct Workspace {
    let notes: [NoteFile]
    /// Each note's bytes as read, so that `--fix` can tell whether a note changed meanwhile.
    /// A note above the size limit has empty bytes here.
    let sources: [Data]
    /// The symbolic links below the notes folders that were skipped, for `--verbose`.
    let skippedLinks: [String]
    let results: [ProcessedNote]
    let outputs: OutputSet
    /// Whether convnote writes `index.html`: every path named a directory, so that the page
    /// covers all notes, and no note is itself named `index.md`.
    let includesIndex: Bool
    /// Whether every path named a directory, so that the build reads every note of its
    /// folders: it then keeps an output manifest and deletes the outputs and cache entries
    /// that no note uses, whether or not a note of its own is the home page.
    let coversWholeFolders: Bool
    /// Each note's build-cache file name, or "" without a cache or for a note too large to key.
    let cacheFileNames: [String]
    /// How many notes were computed, and how many read from the cache.
    let rebuilt: Int
    let cached: Int

    /// Reads and processes every note, several at once, in a deterministic order. With
    /// `writeCache`, notes computed now are stored in the cache for the next build.
    static func load(
        _ options: WorkspaceOptions, generator: String, writeCache: Bool = false, progress: Progress? = nil
    ) throws(CommandError) -> Workspace {
        let found = try NoteDiscovery.notes(in: options.paths, outputDirectory: options.outputDirectory)
        let notes = found.notes
        let contents = try notes.map { note throws(CommandError) in try NoteReader.read(note, limit: maximumNoteBytes) }
        let sources = contents.map(\.data)
        // The cache key includes the generator, so pages with raw HTML never mix with others.
        let cacheGenerator = options.allowsRawHTML ? generator + " (raw HTML)" : generator
        let cache = options.useCache ? BuildCache(generator: cacheGenerator) : nil

        let processor = NoteProcessor(generator: generator, allowsRawHTML: options.allowsRawHTML)
        let results = ResultSlots<ProcessedNote>(count: notes.count)
        let fromCache = ResultSlots<Bool>(count: notes.count)
        let cacheNames = ResultSlots<String>(count: notes.count)
        let lineLoaders = ResultSlots<(@Sendable () -> [String]?)?>(count: notes.count)
        progress?.start(total: notes.count)
        Parallel.forEach(notes.count) { index in
            let stem = notes[index].url.deletingPathExtension().lastPathComponent
            if contents[index].byteCount > maximumNoteBytes {
                // Only the size was read, so there are no bytes to key a cache entry with.
                results.store(ProcessedNote(rendered: nil, diagnostics: [tooLarge(contents[index].byteCount)], lines: []), at: index)
                fromCache.store(false, at: index)
                cacheNames.store("", at: index)
                lineLoaders.store(nil, at: index)
                progress?.advance()
                return
            }
            let cacheName = cache?.fileName(for: sources[index], stem: stem) ?? ""
            let key = cache == nil ? nil : cacheName
            let source = sources[index]
            cacheNames.store(cacheName, at: index)
            // A cached page whose entry vanished before it was read comes from the note
            // itself, computed again: processing is deterministic, so the bytes are the same.
            let reload = { @Sendable (position: Int) throws(CommandError) -> Data in
                let pages = process(source, stem: stem, processor, key: key).pages?.all ?? []
                guard position < pages.count else {
                    throw .io("\(notes[index].displayPath): the build cache changed during the build; run the command again")
                }
                return try pages[position].data()
            }
            if let cached = cache?.read(fileName: cacheName, reload: reload) {
                results.store(cached.note, at: index)
                fromCache.store(true, at: index)
                lineLoaders.store(cached.loadLines, at: index)
            } else {
                let result = process(source, stem: stem, processor, key: key)
                if writeCache { try? cache?.write(result, fileName: cacheName) }
                results.store(result, at: index)
                fromCache.store(false, at: index)
                lineLoaders.store(nil, at: index)
            }
            progress?.advance()
        }
        progress?.finish()
        let loaders = lineLoaders.values
        let linkFolder = OpenFolder()
        let processed = zip(notes.indices, results.values).map { index, result in
            var checked = checkingLinks(result, of: notes[index], folder: linkFolder)
            // A cached note's lines are read only when a diagnostic quotes them.
            if !checked.diagnostics.isEmpty, checked.lines.isEmpty, let load = loaders[index] {
                checked.lines = load() ?? process(sources[index], stem: notes[index].url.deletingPathExtension().lastPathComponent,
                                                  processor, key: nil).lines
            }
            return checked
        }
        let cachedCount = fromCache.values.filter { $0 }.count

        var outputs = OutputSet()
        for (note, result) in zip(notes, processed) {
            guard let rendered = result.rendered, let pages = result.pages else { continue }
            outputs.add(note.outputStem + ".html", pages.html, owner: note.outputStem)
            outputs.add(note.outputStem + ".md", pages.markdown, owner: note.outputStem)
            let folder = note.outputStem.lastIndex(of: "/").map { String(note.outputStem[...$0]) } ?? ""
            for (figure, bytes) in zip(rendered.figures, pages.figures) {
                outputs.add(folder + figure.fileName, bytes, owner: note.outputStem)
            }
        }
        // A note of its own named index.md is the home page; otherwise convnote writes one.
        let allDirectories = options.paths.allSatisfy { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        let includesIndex = allDirectories && !notes.contains { $0.outputStem == "index" }
        if includesIndex {
            // A note that failed and has no page from an earlier build would be a dead link.
            let output = URL(fileURLWithPath: options.outputDirectory)
            let entries = zip(notes, processed).filter { note, result in
                !result.hasErrors || FileManager.default.fileExists(atPath: output.appendingPathComponent(note.outputStem + ".html").path)
            }.map { note, result in
                (stem: note.outputStem, title: result.rendered?.title ?? note.outputStem, summary: result.rendered?.summary ?? "")
            }
            outputs.add("index.html", IndexPage.html(entries, generator: generator))
        }
        return Workspace(notes: notes, sources: sources, skippedLinks: found.skippedLinks, results: processed, outputs: outputs,
                         includesIndex: includesIndex, coversWholeFolders: allDirectories, cacheFileNames: cacheNames.values,
                         rebuilt: notes.count - cachedCount, cached: cachedCount)
    }

    /// Processes one note's bytes and turns its pages into the bytes to write. `key`, the
    /// note's build-cache entry name, gives the pages their identities for output stamps.
    private static func process(_ source: Data, stem: String, _ processor: NoteProcessor, key: String?) -> ProcessedNote {
        var result: ProcessedNote
        switch decode(source) {
        case .success(let text): result = processor.process(text, fileStem: stem)
        case .failure(let diagnostic): result = ProcessedNote(rendered: nil, diagnostics: [diagnostic], lines: [])
        }
        result.pages = result.rendered.map { PageBytes($0, key: key) }
        return result
    }

    /// Decodes a note as UTF-8. Invalid UTF-8 is a diagnostic of that note at the first bad
    /// byte, so the other notes still build.
    /// The largest note convnote reads, in bytes: far above any real note, low enough that
    /// a stray huge file is reported instead of exhausting memory.
    static let maximumNoteBytes = 8 << 20

    private static func decode(_ data: Data) -> Result<String, Diagnostic> {
        guard data.count <= maximumNoteBytes else { return .failure(tooLarge(data.count)) }
        if let text = String(validating: data, as: UTF8.self) { return .success(text) }
        return .failure(Diagnostic(
            id: "input.invalid-utf8", range: SourceRange(at: firstInvalidByte(data)),
            message: "the note is not valid UTF-8 at this position",
            notes: ["save the file as UTF-8"]))
    }

    private static func tooLarge(_ byteCount: Int) -> Diagnostic {
        Diagnostic(
            id: "input.too-large", range: SourceRange(at: SourceLocation(line: 1, column: 1)),
            message: "the note is \(byteCount) bytes, above the limit of \(maximumNoteBytes)",
            notes: ["split it into several notes"])
    }

    /// The line and column (in Unicode scalars) of the first byte that is not valid UTF-8.
    private static func firstInvalidByte(_ data: Data) -> SourceLocation {
        var line = 1
        var column = 1
        var decoder = UTF8()
        var bytes = data.makeIterator()
        while case .scalarValue(let scalar) = decoder.decode(&bytes) {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
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
