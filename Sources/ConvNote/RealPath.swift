import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Paths with every symbolic link and `.` or `..` part resolved, so that two spellings of one
/// file compare equal. Unlike `realpath(3)`, the path may name files that do not exist yet,
/// such as an output folder before the first build.
enum RealPath {
    /// The maximum number of symbolic links followed while resolving one path, the limit
    /// that Linux path resolution applies.
    private static let maximumLinks = 40

    /// Returns the absolute path of `path`, relative to the current directory, with symbolic
    /// links followed as far as they exist. The missing part of a path is kept as written,
    /// apart from `.` and `..`. A chain of more than 40 links stops where it is.
    static func resolve(_ path: String) -> String {
        var linksLeft = maximumLinks
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return resolve(components(absolute), below: "/", linksLeft: &linksLeft)
    }

    /// Returns whether `path` is `directory` or lies below it. Both must be resolved paths.
    static func isInside(_ path: String, _ directory: String) -> Bool {
        path == directory || path.hasPrefix(directory == "/" ? "/" : directory + "/")
    }

    private static func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }

    /// Appends `parts` to the resolved path `base` one at a time. Because `base` never
    /// contains a link, `..` can drop its last part.
    private static func resolve(_ parts: [String], below base: String, linksLeft: inout Int) -> String {
        var resolved = base
        for part in parts {
            if part == "." { continue }
            if part == ".." {
                resolved = parent(of: resolved)
                continue
            }
            let candidate = resolved == "/" ? "/" + part : resolved + "/" + part
            guard linksLeft > 0, let target = linkTarget(candidate) else {
                resolved = candidate
                continue
            }
            linksLeft -= 1
            resolved = resolve(components(target), below: target.hasPrefix("/") ? "/" : resolved, linksLeft: &linksLeft)
        }
        return resolved
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// Returns the contents of the symbolic link at `path`, or nil when `path` is not a link.
    private static func linkTarget(_ path: String) -> String? {
        // An uninitialized buffer: most parts are no links, and zeroing 4 KiB for each of
        // them was most of the cost of resolving a path.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(PATH_MAX) + 1) { buffer -> String? in
            guard let base = buffer.baseAddress else { return nil }
            let count = readlink(path, base, buffer.count - 1)
            guard count > 0 else { return nil }
            return String(decoding: UnsafeRawBufferPointer(start: base, count: count), as: UTF8.self)
        }
    }
}
