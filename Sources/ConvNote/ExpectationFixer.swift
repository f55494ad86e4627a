import Foundation
import SourceDiagnostics

/// Rewrites the stated values of failed `expect` statements in a note's bytes, found by their
/// source positions, leaving every other byte as it was: line endings, tabs, a BOM, and text
/// that happens to repeat the same value elsewhere.
enum ExpectationFixer {
    /// Returns the note's bytes with each fix applied, or nil when a position does not fall
    /// inside the text (the note changed since it was parsed).
    static func apply(_ fixes: [ValueFix], to data: Data) -> Data? {
        let bytes = [UInt8](data)
        let lineStarts = lineStartOffsets(bytes)
        var edits: [(range: Range<Int>, replacement: [UInt8])] = []
        for fix in fixes {
            guard let start = offset(of: fix.range.start, bytes, lineStarts),
                  let end = offset(of: fix.range.end, bytes, lineStarts), start <= end else { return nil }
            let replacement = layout(fix.replacement, replacing: start..<end, in: bytes)
            edits.append((start..<end, Array(replacement.utf8)))
        }

        // Apply from the end, so that earlier offsets stay valid; overlapping edits are refused.
        var result = bytes
        var previousStart = Int.max
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            guard edit.range.upperBound <= previousStart else { return nil }
            result.replaceSubrange(edit.range, with: edit.replacement)
            previousStart = edit.range.lowerBound
        }
        return Data(result)
    }

    /// The byte offset of each line's start. Lines end at LF, CR or CRLF, as the parser
    /// counts them, and a UTF-8 byte-order mark before line 1 is skipped, because the parser
    /// drops it before counting columns.
    private static func lineStartOffsets(_ bytes: [UInt8]) -> [Int] {
        let hasMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        var starts = [hasMark ? 3 : 0]
        var index = starts[0]
        while index < bytes.count {
            if bytes[index] == 0x0A {
                starts.append(index + 1)
            } else if bytes[index] == 0x0D, index + 1 == bytes.count || bytes[index + 1] != 0x0A {
                starts.append(index + 1)
            }
            index += 1
        }
        return starts
    }

    /// The byte offset of a location, walking its column in Unicode scalars from the line start.
    private static func offset(of location: SourceLocation, _ bytes: [UInt8], _ lineStarts: [Int]) -> Int? {
        guard location.line >= 1, location.line <= lineStarts.count else { return nil }
        var offset = lineStarts[location.line - 1]
        for _ in 1..<max(location.column, 1) {
            guard offset < bytes.count, bytes[offset] != 0x0A, bytes[offset] != 0x0D else { return nil }
            // Skip the continuation bytes of a multi-byte scalar.
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
        }
        return offset
    }

    /// Keeps a matrix that the author wrote one row per line in that form. When the old value
    /// has as many rows as the new one, each row is replaced in place (see
    /// `replaceRows`). Otherwise the new rows go on their own lines, each starting with the
    /// line ending and leading bytes of the old value's first continuation line that has content.
    ///
    /// The leading bytes are that line's spaces, tabs and `>` up to its first row entry. They
    /// contain the markers of the block quotes and the indentation of the list items around
    /// the spec block, so a new line stays inside the same containers, and the code block's own
    /// indentation, so the rows stay aligned. A spec value never starts a row with `>`.
    private static func layout(_ replacement: String, replacing range: Range<Int>, in bytes: [UInt8]) -> String {
        let old = bytes[range]
        guard let firstBreak = old.firstIndex(where: isLineBreak),
              replacement.hasPrefix("["), !replacement.hasPrefix("[["), replacement.contains("; ") else { return replacement }
        let rows = replacement.dropFirst().dropLast().components(separatedBy: "; ")
        if let replaced = replaceRows(in: old, with: rows) { return replaced }

        // NOTE: this layout drops the comments and empty lines inside the old value. It is
        // used only when the fix changes the number of rows or a line has several rows.
        let lineEnding = old[firstBreak] == 0x0D && old.index(after: firstBreak) < old.endIndex
            && old[old.index(after: firstBreak)] == 0x0A ? "\r\n" : String(UnicodeScalar(old[firstBreak]))
        let prefix = continuationPrefix(old[(firstBreak + lineEnding.utf8.count)...])
        return "[" + rows.joined(separator: lineEnding + String(decoding: prefix, as: UTF8.self)) + "]"
    }

    /// Returns the old value with its rows replaced by `rows` one by one, keeping every byte
    /// around them: line breaks, quote markers, indentation, `#` comments and lines without a
    /// row. Returns nil unless each line of the old value has at most one row, with no `;`
    /// or bracket inside, and the old value has as many rows as `rows`.
    private static func replaceRows(in old: ArraySlice<UInt8>, with rows: [String]) -> String? {
        guard old.first == UInt8(ascii: "["), old.last == UInt8(ascii: "]") else { return nil }
        let inner = old.dropFirst().dropLast()
        var spans: [Range<Int>] = []
        var lineStart = inner.startIndex
        while true {
            let lineEnd = inner[lineStart...].firstIndex(where: isLineBreak) ?? inner.endIndex
            let line = inner[lineStart..<lineEnd]
            let start = line.firstIndex { $0 != 0x20 && $0 != 0x09 && $0 != 0x3E } ?? lineEnd
            let beforeComment = line[start...].firstIndex(of: UInt8(ascii: "#")) ?? lineEnd
            let end = line[start..<beforeComment].lastIndex { $0 != 0x20 && $0 != 0x09 }.map { $0 + 1 } ?? start
            let row = line[start..<end]
            guard !row.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else { return nil }
            if !row.isEmpty { spans.append(start..<end) }

            guard lineEnd < inner.endIndex else { break }
            let isCRLF = inner[lineEnd] == 0x0D && lineEnd + 1 < inner.endIndex && inner[lineEnd + 1] == 0x0A
            lineStart = lineEnd + (isCRLF ? 2 : 1)
        }
        guard spans.count == rows.count else { return nil }

        var result = Array(old)
        for (span, row) in zip(spans, rows).reversed() {
            result.replaceSubrange((span.lowerBound - old.startIndex)..<(span.upperBound - old.startIndex), with: Array(row.utf8))
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Returns the leading spaces, tabs and `>` of the first line in `text` that contains
    /// anything else, skipping lines that contain only those bytes, as an empty line in a block
    /// quote does. The value's last line always has content, at least its closing `]`.
    private static func continuationPrefix(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lineStart = text.startIndex
        while lineStart < text.endIndex {
            let prefix = text[lineStart...].prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x3E }
            guard prefix.endIndex < text.endIndex, isLineBreak(text[prefix.endIndex]) else { return prefix }
            lineStart = prefix.endIndex + 1
        }
        return text[text.endIndex...]
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
}
