import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader sees either the old or the new contents, never a part.
enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, then renames it over `url`. With
    /// `unchangedFrom`, the rename only happens while the file still holds those bytes, so a
    /// note edited meanwhile is not overwritten.
    static func write(_ data: Data, to url: URL, unchangedFrom original: Data? = nil) throws(CommandError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).convnote-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .io("\(directory.path): cannot create the folder: \(error.localizedDescription)")
        }
        do {
            try writeNewFile(data, at: temporary.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .io("\(url.path): cannot write: \(error.message)")
        }
        if let permissions = try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] {
            try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
        }

        if let original, (try? Data(contentsOf: url)) != original {
            try? FileManager.default.removeItem(at: temporary)
            throw .io("\(url.path) changed while convnote was fixing it; nothing was written, run the command again")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .io("\(url.path): cannot replace the file: \(reason)")
        }
    }

    /// Creates `path` with `data`, and throws only the reason on failure. Foundation's
    /// `Data.write(to:)` also flushes the file to the disk, which took a third of a build's
    /// time. The rename after a plain write is enough to leave either the old or the new file
    /// when the process is killed.
    private static func writeNewFile(_ data: Data, at path: String) throws(CommandError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .io(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        // Data's closures rethrow untyped errors, so the loop returns errno instead.
        let failure: Int32? = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return written < 0 ? errno : ENOSPC }
                offset += written
            }
            return nil
        }
        if let failure { throw .io(String(cString: strerror(failure))) }
    }
}
