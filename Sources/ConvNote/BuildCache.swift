import Foundation

/// Processed notes kept between builds in `.convnote-cache` in the current directory (not in
/// the output folder, which repositories commit), one file per note, named by a hash of the
/// note's bytes and of the convnote binary. A note whose text did not
/// change since the last build is read back instead of being computed and rendered again.
///
/// The key covers the binary's file identity as well as its version, so a rebuilt or copied
/// convnote never reads pages that another build of it wrote.
struct BuildCache: Sendable {
    static let directoryName = ".convnote-cache"
    static let fileExtension = ".entry"

    let directory: URL
    let binaryStamp: String

    init(generator: String) {
        directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(Self.directoryName)
        binaryStamp = generator + Self.runningBinary
    }

    /// The running binary's device, inode, size, and modification and status-change times,
    /// read once at the first use. Reading them again for each build of `watch` would key new
    /// entries by a binary that replaced this one meanwhile. The inode and status-change time
    /// tell apart two binaries that share a size and modification time, as copies made with
    /// `cp -p` or package managers that reset times do: no program can set a status-change time.
    private static let runningBinary: String = {
        var status = stat()
        guard let path = Bundle.main.executablePath, stat(path, &status) == 0 else { return "" }
        let file = FileIdentity(status)
        return "|\(file.device)|\(file.inode)|\(file.size)|\(file.modified)|\(file.changed)"
    }()

    /// Creates a cache in `directory` whose keys use `binaryStamp` in place of the binary's.
    init(directory: URL, binaryStamp: String) {
        self.directory = directory
        self.binaryStamp = binaryStamp
    }

    /// Names the cache file of a note's bytes and file name, which its figure files are
    /// named after. Hashing reads the whole note, so callers compute the name once.
    func fileName(for source: Data, stem: String) -> String {
        var bytes = Data((binaryStamp + "|" + stem).utf8)
        bytes.append(0)
        bytes.append(source)
        return Self.hash(bytes) + Self.fileExtension
    }

    /// A note read back from the cache: everything but its lines and pages, which load when
    /// they are needed.
    struct CachedNote: Sendable {
        var note: ProcessedNote
        /// Reads the note's lines; nil when the entry changed or vanished since its header
        /// was read.
        var loadLines: @Sendable () -> [String]?
    }

    /// Reads the entry `fileName`. Its pages come with `reload`, which reads one page (by its
    /// position: HTML, Markdown, then each figure) from the entry, or computes the note again
    /// when the entry changed or vanished meanwhile.
    func read(fileName: String, reload: @escaping @Sendable (Int) throws(CommandError) -> Data) -> CachedNote? {
        let path = directory.appendingPathComponent(fileName).path
        guard let header = CacheEntry.readHeader(at: path) else { return nil }
        var note = header.note
        let file = header.file
        if note.rendered != nil {
            let pages = header.pages.enumerated().map { position, section in
                OutputBytes(identity: fileName + ":\(position)") { () throws(CommandError) -> Data in
                    if let data = CacheEntry.readSection(section, at: path, of: file) { return data }
                    return try reload(position)
                }
            }
            note.pages = PageBytes(html: pages[0], markdown: pages[1], figures: Array(pages[2...]))
        }
        let lines = header.lines
        return CachedNote(note: note) {
            CacheEntry.readSection(lines, at: path, of: file).map(CacheEntry.lines)
        }
    }

    /// Stores a processed note and its pages; a cache that cannot be written only costs time
    /// later.
    func write(_ note: ProcessedNote, fileName: String) throws(CommandError) {
        let pages = try note.pages?.all.map { page throws(CommandError) in try page.data() } ?? [Data(), Data()]
        guard let data = CacheEntry.encode(note, pages: pages) else { return }
        try? AtomicFile.write(data, to: directory.appendingPathComponent(fileName))
    }

    /// Deletes the cache files not named in `kept`, so that the cache keeps one entry per
    /// note rather than one per edit.
    func prune(keeping kept: Set<String>) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for entry in entries where (entry.hasSuffix(Self.fileExtension) || entry.hasSuffix(".json")) && !kept.contains(entry) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(entry))
        }
    }

    /// Two 64-bit FNV-1a hashes with different offsets, as 32 hex digits: enough that two
    /// different notes sharing a key is not a practical concern for a cache.
    static func hash(_ data: Data) -> String {
        var first: UInt64 = 0xCBF2_9CE4_8422_2325
        var second: UInt64 = 0x6C62_272E_07BB_0142
        data.withUnsafeBytes { bytes in
            for byte in bytes {
                first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                second = second &+ (second << 7)
            }
        }
        return String(first, radix: 16).leftPadded(to: 16) + String(second, radix: 16).leftPadded(to: 16)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
