import Foundation
import Testing

/// Two notes whose names differ only in Unicode normalization are different files, but
/// Swift compares strings by canonical equivalence. Neither may be dropped in silence.
@Suite struct LookAlikeNameTests {
    @Test func composedAndDecomposedNamesAreReported() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/caf\u{E9}.md", "# A\n\nOne.\n")
        try folder.write("notes/cafe\u{301}.md", "# B\n\nTwo.\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("notes").path)
        #expect(names.count == 2)

        let result = try folder.run("build")

        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("differ only in how their accents are encoded"), "\(result)")
        #expect(!folder.exists("output/index.html"))
    }
}
