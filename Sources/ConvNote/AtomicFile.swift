import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader sees either the old or the new contents, never a part.
enum AtomicFile {
    /// The treatment of a destination that is a symbolic link.
    enum LinkHandling {
        /// Replaces the link with a regular file. Generated files use this, so that a link
        /// left in the output folder cannot send a write anywhere else.
        case replace
        /// Writes the file that the link points to and keeps the link. Notes use this,
        /// because the link is how the author arranged them.
        case follow
    }

    /// Writes `data` to a temporary file beside the destination, then renames it over the
    /// destination. A regular file that is replaced keeps its mode, plus read permission for
    /// its owner, and a new file gets mode 0666 less the umask. With `unchangedFrom`, the
    /// rename only happens while the file still contains those bytes, so a note edited
    /// meanwhile is not overwritten.
    static func write(
        _ data: Data, to url: URL, unchangedFrom original: Data? = nil, links: LinkHandling = .replace
    ) throws(CommandError) {
        let path = links == .follow ? RealPath.resolve(url.path) : url.path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try createDirectories(directory, for: url.path)

        var existing = stat()
        // The owner keeps read permission, so that the next build can compare the file
        // instead of writing it again and again.
        let keptMode = lstat(path, &existing) == 0 && isRegularFile(existing) ? existing.st_mode & 0o7777 | S_IRUSR : nil
        let name = URL(fileURLWithPath: path).lastPathComponent
        let suffix = ".convnote-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = directory + "/." + temporaryNamePrefix(name, leaving: suffix.utf8.count + 1) + suffix
        let failure = writeNewFile(data, at: temporary, mode: keptMode)
        guard failure == 0 else {
            unlink(temporary)
            throw .io("\(url.path): cannot write the file: \(SystemError.describe(failure))")
        }

        if let original, (try? Data(contentsOf: URL(fileURLWithPath: path))) != original {
            unlink(temporary)
            throw .io("\(url.path) changed while convnote was fixing it; nothing was written, run the command again")
        }
        guard rename(temporary, path) == 0 else {
            let reason = SystemError.describe(errno)
            unlink(temporary)
            throw .io("\(url.path): cannot replace the file: \(reason)")
        }
    }

    /// Returns the longest prefix of `name`, cut between Unicode scalars, that leaves
    /// `reserved` bytes of a 255-byte file name free, so that the temporary file of a page
    /// whose name is near the limit can still be created.
    private static func temporaryNamePrefix(_ name: String, leaving reserved: Int) -> Substring {
        var end = name.startIndex
        var length = 0
        for index in name.unicodeScalars.indices {
            let width = name.unicodeScalars[index].utf8.count
            guard length + width <= 255 - reserved else { break }
            length += width
            end = name.unicodeScalars.index(after: index)
        }
        return name.unicodeScalars[..<end].isEmpty ? "x" : Substring(name.unicodeScalars[..<end])
    }

    /// Returns the process ID in a temporary file name that `write` makes,
    /// `.NAME.convnote-PID-N` with decimal PID and N, or nil for any other name.
    static func temporaryFileOwner(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), let marker = name.range(of: ".convnote-", options: .backwards),
              marker.lowerBound > name.index(after: name.startIndex) else { return nil }
        let numbers = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard numbers.count == 2, numbers.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              let pid = pid_t(numbers[0]), pid > 0, UInt32(numbers[1]) != nil else { return nil }
        return pid
    }

    /// Creates a file with `data`, failing when anything exists at `url`, even a symbolic
    /// link to a missing file. The file is written in place, so a reader may see it half
    /// written, which does not matter for a file that nothing read before.
    static func create(_ data: Data, at url: URL) throws(CommandError) {
        let directory = url.deletingLastPathComponent().path
        try createDirectories(directory, for: url.path)
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw .usage("\(url.path) already exists; choose another name or edit that file") }
            throw .io("\(url.path): cannot create the file: \(SystemError.describe(code))")
        }
        var failure = writeAll(data, to: descriptor)
        if close(descriptor) != 0, failure == 0 { failure = errno }
        guard failure == 0 else {
            unlink(url.path)
            throw .io("\(url.path): cannot write the file: \(SystemError.describe(failure))")
        }
    }

    /// Creates `directory` and its missing parents. A part of the path that exists but is
    /// not a directory, or is a link to nothing, is an I/O error naming that part and `file`,
    /// the file that was to be written.
    static func createDirectories(_ directory: String, for file: String) throws(CommandError) {
        let absolute = directory.hasPrefix("/") ? directory : FileManager.default.currentDirectoryPath + "/" + directory
        var prefix = ""
        for part in absolute.split(separator: "/") {
            prefix += "/" + part
            var status = stat()
            if stat(prefix, &status) == 0 {
                guard isDirectory(status) else {
                    throw .io("cannot write \(file): \(prefix) is a file, not a directory; move it away or write elsewhere")
                }
                continue
            }
            let code = errno
            // Another process may create the folder between the two calls, so only a link
            // that lstat still finds is reported.
            if code == ENOENT, lstat(prefix, &status) == 0, isSymbolicLink(status) {
                throw .io("cannot write \(file): \(prefix) is a symbolic link to a missing file; remove the link or create its target")
            }
            guard code == ENOENT else {
                throw .io("cannot write \(file): cannot open \(prefix): \(SystemError.describe(code))")
            }
            if mkdir(prefix, 0o777) != 0 {
                let failure = errno
                // A folder that another process made in the meantime is as good as ours.
                guard failure == EEXIST, stat(prefix, &status) == 0, isDirectory(status) else {
                    throw .io("cannot write \(file): cannot create the directory \(prefix): \(SystemError.describe(failure))")
                }
            }
        }
    }

    /// Creates the file at `path`, which must not exist, and returns 0 or the `errno` of
    /// the step that failed. With `mode`, the file gets exactly that mode, whatever the umask.
    /// Nothing is flushed to the disk: Foundation's `Data.write(to:)` does that, and it took a
    /// third of a build's time. The rename after a plain write already leaves either the old
    /// or the new file when the process is killed.
    private static func writeNewFile(_ data: Data, at path: String, mode: mode_t?) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return errno }
        var failure = writeAll(data, to: descriptor)
        if failure == 0, let mode, fchmod(descriptor, mode) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        return failure
    }

    /// Writes every byte of `data`, and returns 0 or the `errno` of the failed write.
    private static func writeAll(_ data: Data, to descriptor: Int32) -> Int32 {
        data.withUnsafeBytes { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return 0 }
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                // A write of nothing would repeat forever; only a full device does that.
                guard count > 0 else { return ENOSPC }
                offset += count
            }
            return 0
        }
    }

    static func isRegularFile(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFREG }
    static func isDirectory(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFDIR }
    static func isSymbolicLink(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFLNK }
}

/// Plain wording for the `errno` values that file operations report.
enum SystemError {
    static func describe(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "permission denied"
        case ENOENT: "no such file or directory"
        case ENOTDIR: "a part of the path is not a directory"
        case EISDIR: "it is a directory"
        case ENOSPC: "no space left on the device"
        case EDQUOT: "the disk quota is exceeded"
        case EROFS: "the file system is read-only"
        case ELOOP: "too many levels of symbolic links"
        case ENAMETOOLONG: "the name is too long"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
