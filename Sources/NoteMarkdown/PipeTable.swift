/// Recognizes a GitHub pipe table in the lines of a paragraph, which libcmark (CommonMark
/// without extensions) leaves as text.
///
/// As GitHub defines it: the second line is a delimiter row of `---` cells with optional
/// colons for alignment, the first line has as many cells, pipes separate cells (`\|` is a
/// literal pipe, also inside code), and leading and trailing pipes are optional. Body rows
/// with too few cells are padded and extra cells are dropped.
enum PipeTable {
    struct Parsed {
        var alignments: [TableAlignment]
        var header: [String]
        var rows: [[String]]
    }

    static func parse(_ lines: [String]) -> Parsed? {
        guard lines.count >= 2 else { return nil }
        let stripped = lines.map(withoutContainerPrefix)
        guard stripped[1].contains("-"), let delimiters = alignments(cells(stripped[1])) else { return nil }
        let header = cells(stripped[0])
        guard header.count == delimiters.count, stripped[0].contains("|") || stripped[1].contains("|") else { return nil }
        let rows = stripped.dropFirst(2).map { line -> [String] in
            let row = cells(line)
            return Array(row.prefix(header.count)) + Array(repeating: "", count: max(0, header.count - row.count))
        }
        return Parsed(alignments: delimiters, header: header, rows: rows)
    }

    /// Drops leading white space and block-quote markers.
    private static func withoutContainerPrefix(_ line: String) -> String {
        String(line.drop { $0 == " " || $0 == "\t" || $0 == ">" })
    }

    /// Splits a row at unescaped pipes, trims each cell, and turns `\|` into `|`.
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current += character == "|" ? "|" : "\\" + String(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        cells.append(current)

        let trimmed = line.trimmingSpaces
        if trimmed.hasPrefix("|"), cells.first?.trimmingSpaces.isEmpty == true { cells.removeFirst() }
        if trimmed.hasSuffix("|"), !trimmed.hasSuffix("\\|"), cells.last?.trimmingSpaces.isEmpty == true { cells.removeLast() }
        return cells.map(\.trimmingSpaces)
    }

    private static func alignments(_ cells: [String]) -> [TableAlignment]? {
        var result: [TableAlignment] = []
        for cell in cells {
            let left = cell.hasPrefix(":")
            let right = cell.hasSuffix(":")
            let dashes = cell.drop { $0 == ":" }.reversed().drop { $0 == ":" }
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            switch (left, right) {
            case (true, true): result.append(.center)
            case (true, false): result.append(.left)
            case (false, true): result.append(.right)
            case (false, false): result.append(.none)
            }
        }
        return result.isEmpty ? nil : result
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return String(text)
    }
}
