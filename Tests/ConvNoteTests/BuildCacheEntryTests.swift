import Foundation
import Testing
@testable import ConvNote

/// The build cache reads an entry's pages only when they are needed, so a page must still
/// come out right when the entry changes or vanishes after its header was read.
@Suite struct BuildCacheEntryTests {
    private static let noteText = "# Cached\n\nSome text.\n\n```conv\nx = [1 2 3]\nw = [1 1]\n```\n\n{{ y }}\n"

    /// Processes the test note and stores it in a fresh cache. Returns the cache, the
    /// entry's file name and the pages as computed.
    private func storedNote(in folder: NoteFolder) throws -> (BuildCache, String, PageBytes) {
        let cache = BuildCache(directory: folder.url.appendingPathComponent("cache"), binaryStamp: "test")
        let name = cache.fileName(for: Data(Self.noteText.utf8), stem: "cached")
        var note = NoteProcessor(generator: "test").process(Self.noteText, fileStem: "cached")
        let rendered = try #require(note.rendered)
        let pages = PageBytes(rendered, key: name)
        note.pages = pages
        try cache.write(note, fileName: name)
        return (cache, name, pages)
    }

    @Test func pagesReadBackExactly() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let (cache, name, pages) = try storedNote(in: folder)

        let cached = try #require(cache.read(fileName: name) { _ throws(CommandError) in Data("reloaded".utf8) })
        let read = try #require(cached.note.pages)

        #expect(try read.html.data() == (try pages.html.data()))
        #expect(try read.markdown.data() == (try pages.markdown.data()))
        #expect(read.html.identity == name + ":0")
        #expect(read.markdown.identity == name + ":1")
        #expect(cached.loadLines() == Self.noteText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func vanishedEntryReloads() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let (cache, name, _) = try storedNote(in: folder)
        let cached = try #require(cache.read(fileName: name) { position throws(CommandError) in Data("page \(position)".utf8) })

        try FileManager.default.removeItem(at: cache.directory.appendingPathComponent(name))

        let pages = try #require(cached.note.pages)
        #expect(try pages.html.data() == Data("page 0".utf8))
        #expect(try pages.markdown.data() == Data("page 1".utf8))
        #expect(cached.loadLines() == nil)
    }

    @Test func replacedEntryReloads() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let (cache, name, _) = try storedNote(in: folder)
        let cached = try #require(cache.read(fileName: name) { position throws(CommandError) in Data("page \(position)".utf8) })

        // The same bytes in a new file: offsets would still fit, but the file is another one.
        let url = cache.directory.appendingPathComponent(name)
        let bytes = try Data(contentsOf: url)
        try FileManager.default.removeItem(at: url)
        try bytes.write(to: url)

        #expect(try cached.note.pages?.markdown.data() == Data("page 1".utf8))
    }

    @Test func truncatedEntryIsIgnored() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let (cache, name, _) = try storedNote(in: folder)
        let url = cache.directory.appendingPathComponent(name)
        let bytes = try Data(contentsOf: url)

        for length in [0, 10, 17, 40, bytes.count / 2, bytes.count - 1] {
            try bytes.prefix(length).write(to: url)
            #expect(cache.read(fileName: name) { _ throws(CommandError) in Data() } == nil, "length \(length)")
        }
        try (bytes + [0]).write(to: url)
        #expect(cache.read(fileName: name) { _ throws(CommandError) in Data() } == nil, "one byte too many")
    }
}
