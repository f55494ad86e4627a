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
            try data.write(to: temporary)
            if let permissions = try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] {
                try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .io("\(url.path): cannot write: \(error.localizedDescription)")
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
}
