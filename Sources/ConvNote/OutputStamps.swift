import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The state of each output file as the last build found it, kept in the build cache so
/// that a rebuild can skip reading and comparing the pages of unchanged notes. A stamp pairs
/// an output path with the identity of the bytes the file held (see `OutputBytes.identity`)
/// and with the file's device, inode, size, and modification and status-change times. A file whose
/// status still matches its stamp contains those bytes, because on Linux file systems every
/// write moves a file's status-change time, which no program can set back.
///
/// A file changed less than `settlingTime` before it was stamped is not stamped: a second
/// write within the same tick of the file system's clock would leave its times unchanged.
/// The next build compares it in full instead.
struct OutputStamps {
    /// The minimum age of a file's last change for it to get a stamp, in nanoseconds. File times come from
    /// a clock that ticks every few milliseconds on Linux, and some file systems store
    /// whole seconds only, so this is far above both.
    static let settlingTime: Int64 = 3_000_000_000

    /// The first line of a stamp file. The second is the real path of the output folder,
    /// so that a build can delete the stamps of folders that no longer exist.
    private static let header = "convnote-stamps 2\n"

    /// The stamp file of one output folder, named by a hash of the folder's real path.
    let url: URL
    /// The real path of the output folder.
    private let folder: String
    private var previous: [String: (identity: String, file: FileIdentity)] = [:]
    private var current: [String: (identity: String, file: FileIdentity)] = [:]
    private let now: Int64

    /// Reads the stamps of the output folder `outputDirectory` from `cache`. A missing or
    /// unreadable stamp file is an empty one, so every file is compared.
    init(cache: BuildCache, outputDirectory: String) {
        folder = RealPath.resolve(outputDirectory)
        url = cache.directory.appendingPathComponent("outputs-" + BuildCache.hash(Data(folder.utf8)) + ".stamps")
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        now = Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
        guard let data = OutputStore.regularFileContents(url), data.starts(with: Data((Self.header + folder + "\n").utf8)) else {
            return
        }
        data.withUnsafeBytes { bytes in
            // Split by bytes: splitting a String or a Data of some 400 lines took a tenth of
            // a rebuild.
            var fields: [UnsafeRawBufferPointer] = []
            var start = (Self.header + folder + "\n").utf8.count
            for index in start..<bytes.count where bytes[index] == UInt8(ascii: "\t") || bytes[index] == UInt8(ascii: "\n") {
                fields.append(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                if bytes[index] == UInt8(ascii: "\n") {
                    addStamp(fields)
                    fields.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    /// Adds the stamp of one line's fields, unless the line is not a whole stamp.
    private mutating func addStamp(_ fields: [UnsafeRawBufferPointer]) {
        guard fields.count == 7,
              let device = UInt64(decimal: fields[2]), let inode = UInt64(decimal: fields[3]),
              let size = Int64(decimal: fields[4]), let modified = Int64(decimal: fields[5]),
              let changed = Int64(decimal: fields[6]) else { return }
        previous[String(decoding: fields[0], as: UTF8.self)] = (String(decoding: fields[1], as: UTF8.self), FileIdentity(
            device: device, inode: inode, size: size, modified: modified, changed: changed))
    }

    /// Returns whether the last build stamped `relativePath` as holding the bytes named
    /// `identity`, and the file's status still matches, and keeps the stamp if so.
    mutating func vouch(for relativePath: String, identity: String, file: FileIdentity) -> Bool {
        guard let stamp = previous[relativePath], stamp.identity == identity, stamp.file == file else { return false }
        current[relativePath] = stamp
        return true
    }

    /// Stamps `relativePath` as holding the bytes named `identity`, unless the file changed
    /// too recently for its times to tell a later change apart.
    mutating func record(_ relativePath: String, identity: String, file: FileIdentity) {
        guard file.changed <= now - Self.settlingTime, file.modified <= now - Self.settlingTime,
              !relativePath.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }),
              !identity.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return }
        current[relativePath] = (identity, file)
    }

    /// Writes the stamps kept or recorded by this build, replacing the old ones. A stamp file
    /// that cannot be written only costs time later.
    func save() {
        // A folder name with a line break would end the header early.
        guard !folder.contains(where: { $0 == "\n" || $0 == "\r" }) else { return }
        var text = Self.header + folder + "\n"
        for path in current.keys.sorted() {
            guard let stamp = current[path] else { continue }
            let file = stamp.file
            text += "\(path)\t\(stamp.identity)\t\(file.device)\t\(file.inode)\t\(file.size)\t\(file.modified)\t\(file.changed)\n"
        }
        let data = Data(text.utf8)
        guard OutputStore.regularFileContents(url) != data else { return }
        try? AtomicFile.write(data, to: url)
    }
}

extension OutputStamps {
    /// Deletes the stamp files in `cache` whose output folder no longer exists, and those of
    /// an older layout, so that the cache does not keep one file per folder ever built.
    static func pruneOrphans(in cache: BuildCache) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: cache.directory.path)) ?? []
        for name in names where name.hasPrefix("outputs-") && name.hasSuffix(".stamps") {
            let url = cache.directory.appendingPathComponent(name)
            guard let data = OutputStore.regularFileContents(url) else { continue }
            let lines = data.prefix(8192).split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
            var status = stat()
            if lines.count >= 2, lines[0].elementsEqual(header.utf8.dropLast()),
               lstat(String(decoding: lines[1], as: UTF8.self), &status) == 0 {
                continue
            }
            try? FileManager.default.removeItem(at: url)
        }
    }
}

extension FixedWidthInteger {
    /// Parses ASCII decimal digits with an optional leading minus sign, or returns nil for
    /// any other byte or a value out of range.
    init?(decimal bytes: UnsafeRawBufferPointer) {
        var value: Self = 0
        let negative = bytes.first == UInt8(ascii: "-")
        let digits = negative ? UnsafeRawBufferPointer(rebasing: bytes.dropFirst()) : bytes
        guard !digits.isEmpty else { return nil }
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let digit = Self(byte - UInt8(ascii: "0"))
            let (next, overflowPlus) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflowTimes, !overflowPlus else { return nil }
            value = next
        }
        self = value
    }
}
