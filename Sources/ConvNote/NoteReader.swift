import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads note files. Only regular files are read, so that a FIFO named as a note cannot
/// block the command and a device such as /dev/zero cannot fill memory.
enum NoteReader {
    /// A note's bytes and the size of its file. For a file above the size limit, `data`
    /// is empty and `byteCount` is the size that the diagnostic reports.
    struct Contents {
        var data: Data
        var byteCount: Int
    }

    /// Reads the note at `note.path`, at most `limit` bytes of it. A path that is missing,
    /// unreadable or not a regular file is an I/O error.
    static func read(_ note: NoteFile, limit: Int) throws(CommandError) -> Contents {
        // O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer.
        let descriptor = open(note.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            let advice = code == EACCES ? "; check the file's permissions" : ""
            throw .io("\(note.displayPath): cannot read the note: \(SystemError.describe(code))\(advice)")
        }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .io("\(note.displayPath): cannot read the note: \(SystemError.describe(errno))")
        }
        guard AtomicFile.isRegularFile(status) else {
            throw .io("\(note.displayPath) is \(kind(status)), not a regular file; convnote reads notes only from regular .md files")
        }
        let size = Int(status.st_size)
        guard size <= limit else { return Contents(data: Data(), byteCount: size) }

        // The file may grow after fstat, so the read stops one byte past the limit.
        var data = Data()
        // A buffer just above the file's size reads a note in one call. Zeroing a fixed
        // 64 KiB buffer for each note of a few KiB took more time than the reads.
        var buffer = [UInt8](repeating: 0, count: min(64 * 1024, max(4096, size + 1)))
        while data.count <= limit {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io("\(note.displayPath): cannot read the note: \(SystemError.describe(errno))")
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[..<count])
        }
        guard data.count <= limit else { return Contents(data: Data(), byteCount: data.count) }
        return Contents(data: data, byteCount: data.count)
    }

    /// Returns the kind of a file that is not a regular file, with its article.
    private static func kind(_ status: stat) -> String {
        switch status.st_mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}
