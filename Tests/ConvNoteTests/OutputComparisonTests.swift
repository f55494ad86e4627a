import Foundation
import Testing
@testable import ConvNote

/// `OutputStore.regularFile(_:contains:)` decides which pages a build leaves alone, so it must
/// report a match only for a regular file with exactly the expected bytes.
@Suite final class OutputComparisonTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("convnote-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    private func file(_ name: String, _ contents: Data) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try contents.write(to: url)
        return url
    }

    /// Bytes that span several of the comparison's 64 KiB reads.
    static let large = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })

    @Test func sameBytesMatch() throws {
        #expect(OutputStore.regularFile(try file("a", Self.large), contains: Self.large))
        #expect(OutputStore.regularFile(try file("empty", Data()), contains: Data()))
    }

    @Test func anyDifferenceIsSeen() throws {
        for position in [0, 65_535, 65_536, 131_072, Self.large.count - 1] {
            var changed = Self.large
            changed[position] ^= 0xFF
            #expect(!OutputStore.regularFile(try file("b\(position)", changed), contains: Self.large), "byte \(position)")
        }
        #expect(!OutputStore.regularFile(try file("short", Self.large.dropLast()), contains: Self.large))
        #expect(!OutputStore.regularFile(try file("long", Self.large + [0]), contains: Self.large))
        #expect(!OutputStore.regularFile(try file("nonempty", Data([1])), contains: Data()))
    }

    @Test func onlyRegularFilesMatch() throws {
        let target = try file("target", Self.large)
        let link = folder.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(!OutputStore.regularFile(link, contains: Self.large))
        #expect(!OutputStore.regularFile(folder.appendingPathComponent("missing"), contains: Data()))
        #expect(!OutputStore.regularFile(folder, contains: Data()))
    }
}
