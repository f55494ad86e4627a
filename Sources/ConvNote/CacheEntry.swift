import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of one build-cache file. Only the small part of a note goes through JSON; its
/// lines, pages and figures are stored raw. A rebuild opens one entry per unchanged note but
/// reads only the JSON: the lines are read when a diagnostic quotes them, and a page only
/// when its output file has to be compared or written again.
///
/// Layout: the line `convnote-cache 2`, then a line of decimal byte counts separated by
/// spaces, one per section, then the sections back to back. The first section is the note
/// without its lines, pages and figures: a `CompactNote` when it has no diagnostics, and JSON
/// otherwise. The note's lines, joined by newlines, come
/// next, then the HTML page, the Markdown page and each figure's SVG file in figure order.
enum CacheEntry {
    private static let magic = Data("convnote-cache 2\n".utf8)

    /// How many bytes the first read of an entry takes: enough for the magic line, the
    /// counts and the JSON of a typical note, which is under 1 KB.
    private static let firstReadSize = 4096

    /// A readable section of an entry file: its offset and length in bytes.
    struct Section: Sendable {
        var offset: Int
        var count: Int
    }

    /// The parts of an entry that a rebuild reads up front: everything but the pages.
    struct Header: Sendable {
        var note: ProcessedNote
        var lines: Section
        /// The HTML page, the Markdown page, then each figure.
        var pages: [Section]
        var file: FileIdentity
    }

    static func encode(_ note: ProcessedNote, pages: [Data]) -> Data? {
        var skeleton = note
        skeleton.lines = []
        skeleton.pages = nil
        skeleton.rendered?.html = ""
        skeleton.rendered?.markdown = ""
        for index in skeleton.rendered?.figures.indices ?? (0..<0) {
            skeleton.rendered?.figures[index].svg = ""
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let json = CompactNote.encode(skeleton) ?? (try? encoder.encode(skeleton)) else { return nil }

        let sections = [json, Data(note.lines.joined(separator: "\n").utf8)] + pages
        var data = magic
        data.append(contentsOf: sections.map { String($0.count) }.joined(separator: " ").utf8)
        data.append(UInt8(ascii: "\n"))
        for section in sections { data.append(section) }
        return data
    }

    /// Reads the header of the entry file at `path`. Returns nil when the file is missing or
    /// is not a whole entry of this layout, and the caller then computes the note again.
    static func readHeader(at path: String) -> Header? {
        // O_NONBLOCK: opening a FIFO put in the entry's place must not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, AtomicFile.isRegularFile(status) else { return nil }
        let fileSize = Int(status.st_size)

        guard let first = read(descriptor, offset: 0, count: min(firstReadSize, fileSize)),
              first.starts(with: magic),
              let newline = first[magic.count...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let counts = first[magic.count..<newline].split(separator: UInt8(ascii: " ")).map { Int(String(decoding: $0, as: UTF8.self)) }
        guard counts.count >= 4, counts.allSatisfy({ ($0 ?? -1) >= 0 }) else { return nil }

        // The sections must fill the file exactly, so a truncated entry is never used.
        var sections: [Section] = []
        var offset = newline + 1
        for count in counts.compactMap({ $0 }) {
            guard count <= fileSize - offset else { return nil }
            sections.append(Section(offset: offset, count: count))
            offset += count
        }
        guard offset == fileSize else { return nil }

        let jsonSection = sections[0]
        let json = jsonSection.offset + jsonSection.count <= first.count
            ? first[jsonSection.offset..<jsonSection.offset + jsonSection.count]
            : read(descriptor, offset: jsonSection.offset, count: jsonSection.count)
        guard let json, let note = json.first == CompactNote.marker
            ? CompactNote.decode(json) : try? JSONDecoder().decode(ProcessedNote.self, from: json) else { return nil }
        guard sections.count == 4 + (note.rendered?.figures.count ?? 0) else { return nil }
        return Header(note: note, lines: sections[1], pages: Array(sections[2...]), file: FileIdentity(status))
    }

    /// Reads one section of the entry file at `path`, provided the file is still the one
    /// whose header was read. Returns nil when it changed or cannot be read.
    static func readSection(_ section: Section, at path: String, of file: FileIdentity) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, FileIdentity(status) == file else { return nil }
        return read(descriptor, offset: section.offset, count: section.count)
    }

    /// Splits the lines section at its newlines, by bytes: splitting a string would first
    /// break it into graphemes, and a generic split of `Data` is several times slower still.
    static func lines(_ section: Data) -> [String] {
        section.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> [String] in
            var result: [String] = []
            var start = 0
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\n") {
                result.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
            result.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return result
        }
    }

    /// Reads exactly `count` bytes at `offset`, or returns nil.
    private static func read(_ descriptor: Int32, offset: Int, count: Int) -> Data? {
        var data = Data(count: count)
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            var done = 0
            while done < count {
                let got = pread(descriptor, buffer.baseAddress.map { $0 + done }, count - done, off_t(offset + done))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { return false }
                done += got
            }
            return true
        }
        return complete ? data : nil
    }
}

/// The parts of a file's status that change whenever its contents do: the device and inode,
/// the size, and the modification and status-change times in nanoseconds.
struct FileIdentity: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64
    var changed: Int64

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        modified = Int64(status.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(status.st_mtim.tv_nsec)
        changed = Int64(status.st_ctim.tv_sec) &* 1_000_000_000 &+ Int64(status.st_ctim.tv_nsec)
    }

    init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }
}
