import Foundation

/// A progress line on a terminal, `Building 34/200`, redrawn at most every 100 ms and only
/// once a build has run for half a second, so that short builds print nothing extra.
final class Progress: @unchecked Sendable {
    private let console: Console
    private let lock = NSLock()
    private var total = 0
    private var done = 0
    private var started = Date()
    private var lastDrawn = Date.distantPast
    private var drawn = false

    init(console: Console) {
        self.console = console
    }

    func start(total: Int) {
        lock.lock()
        self.total = total
        done = 0
        started = Date()
        lock.unlock()
    }

    func advance() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let now = Date()
        guard now.timeIntervalSince(started) > 0.5, now.timeIntervalSince(lastDrawn) > 0.1 else { return }
        lastDrawn = now
        drawn = true
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        console.error("\r[\(bar)] \(done)/\(total) notes")
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { console.error("\r" + String(repeating: " ", count: 50) + "\r") }
    }
}
