import Foundation
import SourceDiagnostics

/// The spec text that `convnote eval` reads, from its argument or from standard input, held
/// to the rules of a note's text: at most `maximumBytes`, UTF-8 with an optional byte order
/// mark, and lines that end in LF, CRLF or CR.
enum SpecInput {
    /// The largest spec `eval` reads, in bytes: the limit a note has.
    static let maximumBytes = Workspace.maximumNoteBytes

    /// The size of each read from standard input, in bytes.
    static let chunkBytes = 1 << 16

    /// Reads standard input in chunks until end of file, or until it has read more than
    /// `maximumBytes`, so that an endless input such as /dev/zero stops at the limit.
    static func readStandardInput(maximumBytes: Int) throws(CommandError) -> Data {
        var data = Data()
        while data.count <= maximumBytes {
            let chunk: Data?
            do {
                chunk = try FileHandle.standardInput.read(upToCount: min(chunkBytes, maximumBytes + 1 - data.count))
            } catch {
                throw .io("cannot read the spec from standard input: \(error.localizedDescription)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            data.append(chunk)
        }
        return data
    }

    /// Returns the lines of a spec without their line breaks, and a diagnostic when the
    /// spec is too large or not valid UTF-8. Invalid bytes are shown as U+FFFD in the lines.
    static func decode(_ data: Data) -> (lines: [String], diagnostic: Diagnostic?) {
        guard data.count <= maximumBytes else {
            return ([], Diagnostic(
                id: "input.too-large", range: SourceRange(at: SourceLocation(line: 1, column: 1)),
                message: "the spec is larger than the limit of \(maximumBytes) bytes",
                notes: ["convnote stops reading at the limit, so evaluate a smaller spec"]))
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }

        guard let text = String(validating: bytes, as: UTF8.self) else {
            let lossy = String(decoding: bytes, as: UTF8.self)
            return (lossy.splitAtLineEnds(), Diagnostic(
                id: "input.invalid-utf8", range: SourceRange(at: firstInvalidByte(bytes)),
                message: "the spec is not valid UTF-8 at this position",
                notes: ["save or pipe the spec as UTF-8"]))
        }
        return (text.splitAtLineEnds(), nil)
    }

    /// Returns the line and column, in Unicode scalars, of the first byte that is not valid UTF-8.
    private static func firstInvalidByte(_ bytes: Data.SubSequence) -> SourceLocation {
        var line = 1
        var column = 1
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var afterCarriageReturn = false
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar == "\n", afterCarriageReturn {
                // The LF of a CRLF: the CR already ended the line.
            } else if scalar == "\n" || scalar == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            afterCarriageReturn = scalar == "\r"
        }
        return SourceLocation(line: line, column: column)
    }
}
