import Foundation
import SourceDiagnostics
#if canImport(Glibc)
import Glibc
#endif

extension Workspace {
    /// Adds an error for each relative link to a note file that does not exist. A link to a
    /// note that this build writes no page for gets a warning: the note lies outside the
    /// folder the linking note was found in, or in a folder that discovery skips (a dot folder).
    /// `folder` keeps the folder of the last note checked open for the next one.
    static func checkingLinks(_ result: ProcessedNote, of note: NoteFile, folder: OpenFolder) -> ProcessedNote {
        guard let links = result.rendered?.noteLinks, !links.isEmpty else { return result }
        var checked = result

        let directory = LinkTarget.parent(of: note.path)
        // The folder the note was found in is its path without the output stem, which is the
        // note's path relative to that folder. A note named directly is its own folder's only note.
        let stemSuffix = "/" + note.outputStem + ".md"
        let root = note.path.hasSuffix(stemSuffix) ? String(note.path.dropLast(stemSuffix.count)) : directory
        let rootDisplay = note.displayPath.hasSuffix(stemSuffix) ? String(note.displayPath.dropLast(stemSuffix.count)) : "."
        let rootPrefix = root.hasSuffix("/") ? root : root + "/"
        let rootPrefixCount = rootPrefix.count

        for link in links {
            let range = SourceRange(at: link.location, length: link.destination.unicodeScalars.count)
            guard let targetPath = LinkTarget.existingPath(link.destination, from: directory, of: note, folder: folder) else {
                checked.diagnostics.append(Diagnostic(
                    id: "link.missing-note", range: range,
                    message: "the link to \(link.destination) points to no file",
                    notes: ["links to other notes are relative to this note's folder"]))
                continue
            }
            guard targetPath.hasPrefix(rootPrefix) else {
                checked.diagnostics.append(Diagnostic(
                    id: "link.note-outside-build", severity: .warning, range: range,
                    message: "no page will be written for \(link.destination), because it lies outside \(rootDisplay), the folder being built",
                    notes: ["the link still points to its .html page, which exists only if its folder is built into the matching place beside this output folder"]))
                continue
            }
            let belowRoot = targetPath.dropFirst(rootPrefixCount)
            // Discovery follows no symbolic link below the notes folder, so a target reached
            // through one, or that is one, gets no page.
            if let symbolicLink = firstSymbolicLink(in: belowRoot, below: rootPrefix) {
                checked.diagnostics.append(Diagnostic(
                    id: "link.note-outside-build", severity: .warning, range: range,
                    message: "no page will be written for \(link.destination), because \(rootDisplay)/\(symbolicLink) is a symbolic link, which convnote does not follow below the folder being built",
                    notes: ["link to the note's real place, or move the note there"]))
                continue
            }
            // Without a slash, the target lies in the root itself, below no folder to check.
            guard belowRoot.utf8.contains(UInt8(ascii: "/")) else { continue }
            let folders = belowRoot.split(separator: "/").dropLast()
            if let hidden = folders.first(where: { $0.hasPrefix(".") }) {
                checked.diagnostics.append(Diagnostic(
                    id: "link.note-outside-build", severity: .warning, range: range,
                    message: "no page will be written for \(link.destination), because convnote skips the folder \(hidden), whose name starts with a dot",
                    notes: ["move the note out of \(hidden), or link to a note that this build writes a page for"]))
            }
        }
        checked.diagnostics.sort(by: NoteProcessor.sourceOrder)
        return checked
    }

    /// Returns the path up to and including the first part of `relative` that is a symbolic
    /// link, or nil when no part is one. `relative` is a path below `rootPrefix`.
    private static func firstSymbolicLink(in relative: Substring, below rootPrefix: String) -> Substring? {
        var end = relative.startIndex
        while end < relative.endIndex {
            end = relative[end...].firstIndex(of: "/") ?? relative.endIndex
            var status = stat()
            if lstat(rootPrefix + relative[..<end], &status) == 0, AtomicFile.isSymbolicLink(status) {
                return relative[..<end]
            }
            if end < relative.endIndex { end = relative.index(after: end) }
        }
        return nil
    }
}

/// The target of a relative link from a note, worked out on plain path strings. The results
/// are those of `URL` operations that cost far more per link:
/// `note.url.deletingLastPathComponent().appendingPathComponent(decoded)` for the target,
/// `FileManager.fileExists` for whether it exists, and `standardizedFileURL.path` for its path.
enum LinkTarget {
    /// Returns the target of `destination`, a link written in `note`, with `.` and `..`
    /// parts removed, or nil when no file exists there. `directory` is the folder of
    /// `note.path`, and `folder` keeps the last such folder open. Links are percent-decoded
    /// first.
    static func existingPath(
        _ destination: String, from directory: String, of note: NoteFile, folder: OpenFolder
    ) -> String? {
        // A link without % decodes to itself.
        let decoded = destination.utf8.contains(UInt8(ascii: "%"))
            ? destination.removingPercentEncoding ?? destination : destination
        // URL and string joining agree on links that neither start with a slash nor
        // contain two in a row, and a NUL byte would end the path that `stat` reads.
        // The rare link that does not qualify takes the URL route.
        guard isPlain(decoded) else {
            let target = note.url.deletingLastPathComponent().appendingPathComponent(decoded)
            guard FileManager.default.fileExists(atPath: target.path) else { return nil }
            return target.standardizedFileURL.path
        }
        let joined = directory == "/" ? "/" + decoded : directory + "/" + decoded
        // The kernel resolves `..` after links, as `fileExists` let it do. Relative to the
        // open folder, it looks up the link's own parts only.
        var status = stat()
        let descriptor = folder.descriptor(of: directory)
        let found = descriptor >= 0 ? fstatat(descriptor, decoded, &status, 0) == 0 : stat(joined, &status) == 0
        return found ? lexicallyStandardized(joined) : nil
    }

    /// Returns the folder part of an absolute path, "/" for a path just below the root. The
    /// bytes are cut at the last slash byte, even where a character ends with that slash.
    static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.utf8.startIndex else { return "/" }
        return String(decoding: path.utf8[..<slash], as: UTF8.self)
    }

    private static func isPlain(_ path: String) -> Bool {
        var previous = UInt8(ascii: "/")
        for byte in path.utf8 {
            if byte == 0 || (byte == UInt8(ascii: "/") && previous == UInt8(ascii: "/")) { return false }
            previous = byte
        }
        return true
    }

    /// Removes `.` parts, and `..` parts with the part before them, from an absolute path, as
    /// `standardizedFileURL` does: on the text alone, without asking the file system. The
    /// path is split at `/` bytes, because splitting by characters would keep a `/` that
    /// forms one character with the one before it, such as U+0600 ARABIC NUMBER SIGN.
    static func lexicallyStandardized(_ path: String) -> String {
        var path = path
        let standardized = path.withUTF8 { bytes -> String? in
            let slash = UInt8(ascii: "/")
            let dot = UInt8(ascii: ".")
            // The parts of `bytes` between slashes, the empty one before the leading slash left out.
            var parts: [Range<Int>] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == slash {
                if index > 0 { parts.append(start..<index) }
                start = index + 1
            }
            let isDot = { (part: Range<Int>) in part.count == 1 && bytes[part.lowerBound] == dot }
            let isDotDot = { (part: Range<Int>) in
                part.count == 2 && bytes[part.lowerBound] == dot && bytes[part.lowerBound + 1] == dot
            }
            // Most paths, such as every link to a note in the same folder, are already standard.
            guard parts.contains(where: { $0.isEmpty || isDot($0) || isDotDot($0) }) else { return nil }
            var remaining: [Range<Int>] = []
            for part in parts where !part.isEmpty && !isDot(part) {
                if isDotDot(part) {
                    _ = remaining.popLast()
                } else {
                    remaining.append(part)
                }
            }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            for part in remaining {
                result.append(slash)
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[part]))
            }
            return result.isEmpty ? "/" : String(decoding: result, as: UTF8.self)
        }
        return standardized ?? path
    }
}

/// The folder of the notes whose links are being checked, kept open while consecutive notes
/// share it, which sorted notes mostly do. Only one is open at a time, however many folders.
final class OpenFolder {
    private var path: String?
    private var descriptor: Int32 = -1

    /// Returns a descriptor of the folder at `path`, or -1 when it cannot be opened, such as
    /// a folder that may be searched but not read.
    func descriptor(of path: String) -> Int32 {
        // Bytes, not String equality: folders `café` and `cafe\u{301}` are two folders.
        if let open = self.path, open.utf8.elementsEqual(path.utf8) { return descriptor }
        if descriptor >= 0 { close(descriptor) }
        self.path = path
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        return descriptor
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
