import Foundation

/// The contents of one output file: bytes in memory, or bytes in the build cache that are
/// read only when the file has to be compared or written.
struct OutputBytes: Sendable {
    /// Names these exact bytes across builds, such as `ENTRY.entry:0` for the HTML page of a
    /// build-cache entry, so that output stamps can vouch for a file without reading it. Nil
    /// for files that are always compared, such as the index page.
    let identity: String?

    private let source: Source

    private enum Source: Sendable {
        case loaded(Data)
        case deferred(@Sendable () throws(CommandError) -> Data)
    }

    init(_ data: Data, identity: String? = nil) {
        self.identity = identity
        source = .loaded(data)
    }

    /// Bytes that `load` reads when they are first needed. `load` runs on the calling
    /// thread, once per call of `data()`.
    init(identity: String, load: @escaping @Sendable () throws(CommandError) -> Data) {
        self.identity = identity
        source = .deferred(load)
    }

    func data() throws(CommandError) -> Data {
        switch source {
        case .loaded(let data): data
        case .deferred(let load): try load()
        }
    }
}
