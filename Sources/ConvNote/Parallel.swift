import Foundation

/// Work spread over all cores.
enum Parallel {
    /// Runs `body` for each index, on all cores, or one at a time when the environment sets
    /// CONVNOTE_JOBS=1. Callers store results by index, so the outputs do not depend on the
    /// order in which the indices run.
    static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if ProcessInfo.processInfo.environment["CONVNOTE_JOBS"] == "1" {
            for index in 0..<count { body(index) }
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }
}
