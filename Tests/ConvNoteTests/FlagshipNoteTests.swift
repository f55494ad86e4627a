import Foundation
import Testing

/// The notes committed in this repository, checked as CI checks them.
@Suite struct FlagshipNoteTests {
    static let flagship = "notes/convolution-forward-backward.md"

    @Test func repositoryNotesAreCurrent() throws {
        let root = Convnote.packageRoot
        try #require(FileManager.default.fileExists(atPath: root.appendingPathComponent(Self.flagship).path),
                     "the flagship note is missing at \(Self.flagship)")

        // Without output/ the check below compares nothing, so the pages must be there.
        for page in ["output/convolution-forward-backward.html", "output/convolution-forward-backward.md", "output/index.html"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(page).path),
                    "\(page) is missing; run convnote build notes -o output and commit output/")
        }

        let result = try Convnote.run(["check", "notes", "-o", "output", "--diagnostics", "gcc"], in: root)

        #expect(result.status == 0, "run convnote build notes -o output and commit output/ if it is stale:\n\(result)")
        #expect(result.standardError.hasSuffix(": no problems\n"), "\(result)")
    }

    @Test func flagshipRendersWorkedNumbers() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        let text = try String(contentsOf: Convnote.packageRoot.appendingPathComponent(Self.flagship), encoding: .utf8)
        try folder.write("notes/flagship.md", text)

        let result = try folder.run("build")

        #expect(result.status == 0, "\(result)")
        let markdown = try folder.read("output/flagship.md")
        let html = try folder.read("output/flagship.html")
        #expect(markdown.contains("\\begin{bmatrix} 4 & 11 & 18 \\\\ 18 & 37 & 47 \\\\ 36 & 67 & 77 \\end{bmatrix}"))
        #expect(markdown.contains("\\begin{bmatrix} 12 & 21 \\\\ 27 & 45 \\end{bmatrix}"))
        #expect(markdown.contains("\\begin{bmatrix} 10 & 10 & 6 \\\\ 10 & 10 & 6 \\\\ 7 & 7 & 4 \\end{bmatrix}"))
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("<title>Convolution, forward and backward</title>"))
    }
}
