import Foundation
import SourceDiagnostics

/// The `build` and `check` commands.
public struct Commands: Sendable {
    public var console: Console
    public var generator: String

    public init(console: Console, generator: String) {
        self.console = console
        self.generator = generator
    }

    /// Builds every note into the output folder. Notes with errors keep their old outputs.
    /// Returns exit code 0, or 1 when any note has an error.
    public func build(_ options: WorkspaceOptions) throws(CommandError) -> Int32 {
        let summary = try buildOnce(options)
        if options.verbosity != .quiet { console.error(summary.line + "\n") }
        return summary.errors > 0 ? 1 : 0
    }

    /// What one build did.
    struct BuildSummary {
        var notes: Int
        var failed: Int
        var rebuilt: Int
        var cached: Int
        var written: Int
        var errors: Int
        var seconds: Double

        /// `Built 12 notes (3 rebuilt, 9 cached) in 0.21 s`, or `Built 11 of 12 notes …`.
        var line: String {
            let count = failed == 0 ? "\(notes) \(notes == 1 ? "note" : "notes")"
                : "\(notes - failed) of \(notes) \(notes == 1 ? "note" : "notes")"
            return "Built \(count) (\(rebuilt) rebuilt, \(cached) cached, \(written) files written) in \(String(format: "%.2f", seconds)) s"
        }
    }

    /// Builds once, printing diagnostics but no summary.
    func buildOnce(_ options: WorkspaceOptions) throws(CommandError) -> BuildSummary {
        let started = Date()
        try OutputStore.checkDirectory(options.outputDirectory)
        let progress = console.errorIsTerminal && options.verbosity != .quiet ? Progress(console: console) : nil
        let workspace = try Workspace.load(options, generator: generator, writeCache: options.useCache, progress: progress)
        let errors = report(workspace, options)

        let directory = URL(fileURLWithPath: options.outputDirectory)
        let plan = OutputPlan(workspace, directory: directory)
        try OutputStore.checkPaths(plan.files, in: directory, shownAs: options.outputDirectory)
        OutputStore.removeTemporaryFiles(in: directory)
        var stamps = options.useCache ? OutputStamps(cache: BuildCache(generator: generator), outputDirectory: options.outputDirectory) : nil
        let written = try OutputStore.write(plan.files, to: directory, protecting: plan.protectedPaths, stamps: &stamps)
        stamps?.save()
        for path in plan.leftovers {
            OutputStore.delete(path, in: directory, protecting: plan.protectedPaths)
        }
        // A build of whole folders sees every note, so entries it did not use are stale.
        if options.useCache, workspace.coversWholeFolders {
            BuildCache(generator: generator).prune(keeping: Set(workspace.cacheFileNames))
            OutputStamps.pruneOrphans(in: BuildCache(generator: generator))
        }
        if options.verbosity == .verbose { printNoteLines(workspace, passed: "built") }
        let failed = workspace.results.filter(\.hasErrors).count
        return BuildSummary(notes: workspace.notes.count, failed: failed, rebuilt: workspace.rebuilt,
                            cached: workspace.cached, written: written, errors: errors,
                            seconds: Date().timeIntervalSince(started))
    }

    /// Verifies every spec, expectation and formula, and, when the output folder exists,
    /// that it contains exactly what a build would write. Returns 0 or 1.
    public func check(_ options: WorkspaceOptions) throws(CommandError) -> Int32 {
        var workspace = try Workspace.load(options, generator: generator)
        if options.fix, try fixExpectations(workspace, options) > 0 {
            workspace = try Workspace.load(options, generator: generator)
        }
        var errors = report(workspace, options)

        let directory = URL(fileURLWithPath: options.outputDirectory)
        if try OutputStore.checkDirectory(options.outputDirectory) {
            let printer = self.printer(options)
            let plan = OutputPlan(workspace, directory: directory)
            try OutputStore.checkPaths(plan.files, in: directory, shownAs: options.outputDirectory)
            for path in plan.leftovers {
                let shown = (options.outputDirectory.hasSuffix("/") ? options.outputDirectory : options.outputDirectory + "/") + path
                let diagnostic = Diagnostic(
                    id: "output.leftover", file: shown, range: nil,
                    message: "\(shown) belongs to no note any more",
                    notes: ["run convnote build, which deletes the outputs of removed notes"])
                emit(printer.render(diagnostic, lines: []), printer)
                errors += 1
            }
            for stale in try OutputStore.staleFiles(plan.files, in: directory) {
                let path = (options.outputDirectory.hasSuffix("/") ? options.outputDirectory : options.outputDirectory + "/") + stale
                let diagnostic = Diagnostic(
                    id: "output.stale", file: path, range: nil,
                    message: "\(path) is missing or out of date",
                    notes: ["run convnote build to regenerate it"])
                emit(printer.render(diagnostic, lines: []), printer)
                errors += 1
            }
        }

        if options.verbosity == .verbose { printNoteLines(workspace, passed: "passed") }
        guard options.verbosity != .quiet else { return errors > 0 ? 1 : 0 }
        let noteWord = workspace.notes.count == 1 ? "note" : "notes"
        console.error(errors == 0
            ? "Checked \(workspace.notes.count) \(noteWord): no problems\n"
            : "Checked \(workspace.notes.count) \(noteWord): \(errors) \(errors == 1 ? "error" : "errors")\n")
        return errors > 0 ? 1 : 0
    }

    /// Rewrites the failed `expect` values of every note in place and returns how many it
    /// rewrote. Each note is written atomically, and only if it did not change since it was read.
    private func fixExpectations(_ workspace: Workspace, _ options: WorkspaceOptions) throws(CommandError) -> Int {
        let printer = self.printer(options)
        var fixed = 0
        for (index, note) in workspace.notes.enumerated() {
            let fixes = workspace.results[index].fixes
            guard !fixes.isEmpty else { continue }
            guard let updated = ExpectationFixer.apply(fixes, to: workspace.sources[index]) else {
                throw .io("\(note.displayPath) changed while convnote was fixing it; nothing was written, run the command again")
            }
            try AtomicFile.write(updated, to: note.url, unchangedFrom: workspace.sources[index], links: .follow)
            for fix in fixes {
                let notice = Diagnostic(
                    id: "check.fixed", severity: .note, file: note.displayPath, range: fix.range,
                    message: "fixed: \(fix.diagnostic.message); the value is now \(fix.replacement)")
                emit(printer.render(notice, lines: workspace.results[index].lines), printer)
            }
            fixed += fixes.count
        }
        return fixed
    }

    /// Prints one line per note for `--verbose`, `notes/a.md: built` or `notes/a.md: failed`,
    /// then one per skipped symbolic link.
    private func printNoteLines(_ workspace: Workspace, passed: String) {
        for (note, result) in zip(workspace.notes, workspace.results) {
            console.error("\(note.displayPath): \(result.hasErrors ? "failed" : passed)\n")
        }
        for link in workspace.skippedLinks {
            console.error("\(link): skipped, because convnote does not follow symbolic links below a notes folder\n")
        }
    }

    /// Prints every diagnostic and returns the number of errors.
    private func report(_ workspace: Workspace, _ options: WorkspaceOptions) -> Int {
        let printer = self.printer(options)
        var errors = 0
        for (diagnostic, lines) in workspace.diagnostics {
            emit(printer.render(diagnostic, lines: lines), printer)
            if diagnostic.severity == .error { errors += 1 }
        }
        return errors
    }

    /// Prints a rendered diagnostic: on standard output for the formats programs read, on
    /// standard error otherwise.
    private func emit(_ text: String, _ printer: DiagnosticPrinter) {
        if printer.format.isMachineReadable {
            console.output(text)
        } else {
            console.error(text)
        }
    }

    private func printer(_ options: WorkspaceOptions) -> DiagnosticPrinter {
        DiagnosticPrinter(format: options.diagnostics ?? .human, useColor: useColor)
    }

    /// Whether diagnostics get colour: on a terminal, unless NO_COLOR is set.
    var useColor: Bool {
        console.errorIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
