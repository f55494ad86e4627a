import Foundation
import Testing
@testable import ConvNote

/// Output folders that overlap the notes, by any spelling or link, and output paths that
/// are not directories: a build must stop before it writes or deletes a note.
@Suite struct OutputFolderTests {
    @Test func outputThatIsFileIsNamed() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/a.md", "# A\n")
        try folder.write("site", "not a folder\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("dangling").path, withDestinationPath: "nowhere")

        let file = try folder.run("build", "-o", "site")
        let dangling = try folder.run("build", "-o", "dangling")
        let checkFile = try folder.run("check", "-o", "site")

        #expect(file.status == 3, "\(file)")
        #expect(file.standardError.contains(
            "convnote: error: the output directory site is a file, not a directory; choose another output directory with -o"), "\(file)")
        #expect(dangling.status == 3, "\(dangling)")
        #expect(dangling.standardError.contains(
            "convnote: error: the output directory dangling is a symbolic link to nowhere, which does not exist"), "\(dangling)")
        #expect(checkFile.status == 3, "\(checkFile)")
        for result in [file, dangling, checkFile] {
            #expect(!result.standardError.contains("The operation could not be completed"), "\(result)")
        }
        #expect(try folder.read("site") == "not a folder\n")
    }

    @Test func outputSubfolderThatIsFileIsNamed() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("notes/sub/a.md", "# A\n")
        try folder.write("output/sub", "in the way\n")

        let result = try folder.run("build")

        #expect(result.status == 3, "\(result)")
        #expect(result.standardError.contains("/output/sub is a file, not a directory; move it away or write elsewhere"), "\(result)")
        #expect(!result.standardError.contains("The operation could not be completed"), "\(result)")
    }
}
