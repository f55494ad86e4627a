import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `convnote watch`: builds, then rebuilds whenever a note changes, until interrupted.
struct WatchCommand {
    let commands: Commands
    let console: Console

    /// Waits this long after a change for the editor to finish saving, so that one save
    /// gives one rebuild: editors often write a file in several steps.
    static let settleTime: TimeInterval = 0.03

    func run(_ options: WorkspaceOptions) throws(CommandError) -> Int32 {
        Self.allowInterruption()
        var quiet = options
        quiet.verbosity = options.verbosity == .verbose ? .verbose : .quiet
        var missing: [String] = []
        rebuildUnlessMissing(quiet, reason: "Built", reported: &missing)

        var watcher = ChangeWatcher(paths: options.paths, outputDirectory: options.outputDirectory)
        if options.verbosity != .quiet {
            console.error("Watching \(options.paths.joined(separator: ", ")) (\(watcher.method)); press Ctrl-C to stop\n")
        }
        while true {
            watcher.waitForChange(settle: Self.settleTime)
            rebuildUnlessMissing(quiet, reason: "Rebuilt", reported: &missing)
        }
    }

    /// Rebuilds when every watched path exists. While one is missing, as when a folder is
    /// deleted and created again, it skips the build, which would fail, and reports the
    /// missing paths once rather than on every change. `reported` contains the paths reported.
    private func rebuildUnlessMissing(_ options: WorkspaceOptions, reason: String, reported: inout [String]) {
        let missing = ChangeWatcher.missingPaths(options.paths)
        if !missing.isEmpty {
            if missing != reported {
                let list = missing.joined(separator: ", ")
                console.error("convnote: error: \(list): no such file or directory; "
                    + "the watch goes on and builds again once \(missing.count == 1 ? "it exists" : "they exist")\n")
                reported = missing
            }
            return
        }
        if !reported.isEmpty {
            console.error("\(reported.joined(separator: ", ")) \(reported.count == 1 ? "exists" : "exist") again; building\n")
            reported = []
        }
        rebuild(options, reason: reason)
    }

    /// Makes Ctrl-C, SIGTERM and SIGHUP stop the watch even when the parent process started
    /// it with those signals blocked, which a child inherits.
    private static func allowInterruption() {
        #if canImport(Glibc)
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGINT, SIGTERM, SIGHUP] {
            sigaddset(&signals, number)
            signal(number, SIG_DFL)
        }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        #endif
    }

    /// Builds and prints one line; a broken note is reported and the watch goes on.
    private func rebuild(_ options: WorkspaceOptions, reason: String) {
        do {
            let summary = try commands.buildOnce(options)
            let problems = summary.errors == 0 ? "no errors" : "\(summary.errors) \(summary.errors == 1 ? "error" : "errors")"
            console.error("\(reason) \(summary.rebuilt) of \(summary.notes) notes in \(String(format: "%.2f", summary.seconds)) s: \(problems)\n")
        } catch {
            console.error("convnote: error: \(error.message)\n")
        }
    }
}

/// Blocks until a note below the watched paths changes: through inotify where available,
/// otherwise by comparing modification times every 100 ms. Setting CONVNOTE_WATCH_POLL=1
/// forces polling, for file systems that do not report changes.
struct ChangeWatcher {
    let paths: [String]
    let outputDirectory: String
    private var descriptor: Int32 = -1
    private var snapshot: [String: Date] = [:]

    init(paths: [String], outputDirectory: String) {
        self.paths = paths
        self.outputDirectory = URL(fileURLWithPath: outputDirectory).standardizedFileURL.path
        #if canImport(Glibc)
        if ProcessInfo.processInfo.environment["CONVNOTE_WATCH_POLL"] != "1" {
            descriptor = inotify_init1(Int32(IN_CLOEXEC))
        }
        #endif
        if descriptor >= 0 {
            addWatches()
        } else {
            snapshot = currentSnapshot()
        }
    }

    var method: String { descriptor >= 0 ? "inotify" : "polling every 100 ms" }

    /// Returns the paths among `paths` that do not exist.
    static func missingPaths(_ paths: [String]) -> [String] {
        paths.filter { !FileManager.default.fileExists(atPath: $0) }
    }

    mutating func waitForChange(settle: TimeInterval) {
        #if canImport(Glibc)
        if descriptor >= 0 {
            // inotify reports nothing about a path that does not exist, so while one is
            // missing, its return is checked every 100 ms.
            let watched = paths
            let missing = Self.missingPaths(watched)
            waitForEvents(checking: missing.isEmpty ? nil : { Self.missingPaths(watched) != missing })
            // Drain what the rest of the save produces, then pick up new folders.
            Thread.sleep(forTimeInterval: settle)
            drainEvents()
            addWatches()
            return
        }
        #endif
        while true {
            Thread.sleep(forTimeInterval: 0.1)
            let next = currentSnapshot()
            if next != snapshot {
                Thread.sleep(forTimeInterval: settle)
                snapshot = currentSnapshot()
                return
            }
        }
    }

    /// Every `.md` file below the watched paths with its modification time.
    private func currentSnapshot() -> [String: Date] {
        var result: [String: Date] = [:]
        for directory in directories() {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            result[directory] = Date.distantPast
            for entry in entries where entry.hasSuffix(".md") {
                let path = directory + "/" + entry
                result[path] = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            }
        }
        for path in paths where path.hasSuffix(".md") {
            result[path] = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        }
        return result
    }

    /// The watched directories and every folder below them, without hidden folders and the
    /// output directory, whose changes the build itself makes.
    private func directories() -> [String] {
        var result: [String] = []
        let realOutput = RealPath.resolve(outputDirectory)
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let root = isDirectory.boolValue ? path : URL(fileURLWithPath: path).deletingLastPathComponent().path
            result.append(root)
            // The enumerator does not enter a root that is a symbolic link, but the build
            // follows a notes folder named that way, so the walk starts from its real path.
            let walkRoot = RealPath.resolve(root)
            guard isDirectory.boolValue, let enumerator = FileManager.default.enumerator(atPath: walkRoot) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let full = walkRoot + "/" + relative
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), isFolder.boolValue else { continue }
                if URL(fileURLWithPath: full).lastPathComponent.hasPrefix(".")
                    || URL(fileURLWithPath: full).standardizedFileURL.path == outputDirectory || full == realOutput {
                    enumerator.skipDescendants()
                    continue
                }
                result.append(full)
            }
        }
        return result
    }

    #if canImport(Glibc)
    private func addWatches() {
        let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE)
            | UInt32(IN_DELETE) | UInt32(IN_MODIFY)
        for directory in directories() {
            // Adding a watch twice returns the same watch, so this is safe after every rebuild.
            _ = inotify_add_watch(descriptor, directory, mask)
        }
    }

    /// Blocks until an event arrives or, when given, `changed` returns true; it is called
    /// every 100 ms.
    private func waitForEvents(checking changed: (() -> Bool)?) {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while poll(&entry, 1, changed == nil ? -1 : 100) <= 0 {
            if let changed, changed() { return }
        }
        drainEvents()
    }

    /// Reads every pending event without blocking.
    private func drainEvents() {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while poll(&entry, 1, 0) > 0 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { return }
        }
    }
    #else
    private func addWatches() {}
    #endif
}
