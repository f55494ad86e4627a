// \begin{…} … \end{…}: matrices, cases, alignments and arrays.
extension TeXParser {
    /// An environment name as written in the source, with the offset just past its `}`.
    struct EnvironmentName {
        var text: String
        var offset: Int
        var end: Int
    }

    /// Parses an environment after its `\begin` token has been consumed.
    mutating func parseEnvironment(_ beginToken: TeXToken) throws(TeXError) -> Atom {
        let name = try readEnvironmentName(after: beginToken)
        guard let kind = EnvironmentKind(rawValue: name.text) else {
            throw TeXError.unknownEnvironment(
                offset: name.offset, name: name.text,
                suggestion: EnvironmentKind.suggestion(for: name.text))
        }
        let specifiedColumns = kind == .array ? try readColumnSpec(after: beginToken) : nil
        let maximumColumns = specifiedColumns?.count ?? kind.maximumColumns

        try enterNesting(at: beginToken)
        openEnvironmentCount += 1
        let outerStyle = style

        var rows: [[MathNode]] = []
        var cells: [MathNode] = []
        var lastCellIsEmpty = false
        while true {
            style = kind.cellStyle
            let (cell, isEmpty, terminator) = try parseCell(
                hasInfixLeadingOperator: kind.hasInfixLeadingOperator(column: cells.count))
            lastCellIsEmpty = isEmpty
            cells.append(cell)

            if terminator.isCharacter("&") {
                if let maximumColumns, cells.count >= maximumColumns {
                    throw TeXError.tooManyColumns(
                        terminator, environment: kind.rawValue, maximum: maximumColumns,
                        hasColumnSpec: specifiedColumns != nil)
                }
            } else if terminator.isCommand("\\") {
                try skipRowSpacing()
                let cellCount = cells.count
                rows.append(cells)
                // Rows of a matrix usually have equal length, so this saves growing each row.
                cells = []
                cells.reserveCapacity(cellCount)
            } else if terminator.isCommand("end") {
                let endName = try readEnvironmentName(after: terminator)
                guard endName.text == name.text else {
                    throw TeXError.environmentMismatch(
                        offset: terminator.offset, length: endName.end - terminator.offset,
                        endName: endName.text, beginName: name.text)
                }
                // A \\ after the last row leaves one empty cell, which is no row of its own.
                if !(cells.count == 1 && lastCellIsEmpty && !rows.isEmpty) {
                    rows.append(cells)
                }
                break
            } else {
                let opener = TeXError.missingEnd(
                    offset: beginToken.offset, length: name.end - beginToken.offset,
                    name: name.text)
                throw try unexpectedTerminator(terminator, interrupting: opener)
            }
        }

        style = outerStyle
        openEnvironmentCount -= 1
        nestingDepth -= 1

        return Atom(node: tableNode(kind, rows: rows, specifiedColumns: specifiedColumns), kind: .ordinary)
    }

    /// Parses one cell and returns its node, whether it is empty, and the token that ended it.
    private mutating func parseCell(hasInfixLeadingOperator: Bool) throws(TeXError) -> (cell: MathNode, isEmpty: Bool, terminator: TeXToken) {
        var nodes: [MathNode]
        let terminator: TeXToken
        if let numberCell = try parseNumberCell() {
            // A lone number needs no array, which saves an allocation in most matrix cells.
            guard let minus = numberCell.minus else {
                return (numberCell.number, false, numberCell.terminator)
            }
            nodes = [minus, numberCell.number]
            terminator = numberCell.terminator
        } else {
            (nodes, terminator) = try parseRow(RowContext(isTableCell: true))
        }

        if hasInfixLeadingOperator, case .operator(var symbol)? = nodes.first, symbol.form == nil {
            // amsmath starts these cells with {}, so that in `&= b` the = is a relation
            // with space on both sides. MathML would take a leading = as a prefix operator.
            symbol.form = .infix
            nodes[0] = .operator(symbol)
        }
        return (.group(nodes), nodes.isEmpty, terminator)
    }

    /// Builds the table with its delimiters. Every row gets as many cells as the longest row
    /// or the column spec, whichever is larger.
    private func tableNode(_ kind: EnvironmentKind, rows: [[MathNode]], specifiedColumns: [MathTable.Column]?) -> MathNode {
        let cellCount = rows.map(\.count).max() ?? 0
        var columns = specifiedColumns ?? []
        while columns.count < cellCount {
            columns.append(kind.column(at: columns.count))
        }

        let table = MathNode.table(MathTable(
            rows: rows, columns: columns, isDisplayStyle: kind.cellStyle == .display))
        let (left, right) = kind.delimiters
        guard left != nil || right != nil else {
            return kind == .smallmatrix ? .style(.script, table) : table
        }

        var nodes: [MathNode] = []
        if let left {
            nodes.append(.operator(Self.fence(left, form: .prefix)))
        }
        nodes.append(table)
        if let right {
            nodes.append(.operator(Self.fence(right, form: .postfix)))
        }
        return .row(nodes)
    }

    /// Reads the `{name}` after `\begin` or `\end` and marks it consumed.
    mutating func readEnvironmentName(after token: TeXToken) throws(TeXError) -> EnvironmentName {
        // Built only on failure, because formatting the message costs more than the happy path.
        func missing() -> TeXError {
            TeXError.missingEnvironmentName(token, name: token.isCommand("end") ? "end" : "begin")
        }

        let open = lexer.offsetAfterWhitespace(from: token.end)
        guard lexer.scalar(at: open) == "{" else {
            throw missing()
        }

        var position = open + 1
        while let scalar = lexer.scalar(at: position), scalar != "}" {
            guard TeXLexer.isLetter(scalar) || scalar == "*" else {
                throw missing()
            }
            position += 1
        }
        guard lexer.scalar(at: position) == "}", position > open + 1 else {
            throw missing()
        }
        let text = TeXLexer.asciiString(lexer.scalars[(open + 1)..<position])

        lexer.consumeRaw(upTo: position + 1)
        return EnvironmentName(text: text, offset: open + 1, end: position + 1)
    }

    /// Reads the `{…}` column spec of `array`, such as `{lcr}`. Vertical rules (`|`) are
    /// skipped because MathML Core tables cannot draw them.
    private mutating func readColumnSpec(after beginToken: TeXToken) throws(TeXError) -> [MathTable.Column] {
        let open = lexer.offsetAfterWhitespace(from: lexer.consumedEnd)
        guard lexer.scalar(at: open) == "{" else {
            throw TeXError.missingColumnSpec(beginToken)
        }

        var columns: [MathTable.Column] = []
        var position = open + 1
        while let scalar = lexer.scalar(at: position), scalar != "}" {
            switch scalar {
            case "l":
                columns.append(MathTable.Column(alignment: .left, leftPadding: nil, rightPadding: nil))
            case "c":
                columns.append(MathTable.Column(alignment: .center, leftPadding: nil, rightPadding: nil))
            case "r":
                columns.append(MathTable.Column(alignment: .right, leftPadding: nil, rightPadding: nil))
            case "|", " ":
                break
            default:
                throw TeXError.invalidColumnSpec(offset: position, scalar)
            }
            position += 1
        }
        guard lexer.scalar(at: position) == "}", !columns.isEmpty else {
            throw TeXError.missingColumnSpec(beginToken)
        }

        lexer.consumeRaw(upTo: position + 1)
        return columns
    }

    /// Skips the optional spacing after `\\`, as in `\\[4pt]`. MathML Core sets row spacing
    /// by CSS, so the length is checked and then ignored.
    private mutating func skipRowSpacing() throws(TeXError) {
        let open = lexer.offsetAfterWhitespace(from: lexer.consumedEnd)
        guard lexer.scalar(at: open) == "[" else {
            return
        }

        var position = open + 1
        var length = ""
        while let scalar = lexer.scalar(at: position), scalar != "]" {
            length.unicodeScalars.append(scalar)
            position += 1
        }
        guard lexer.scalar(at: position) == "]", Self.isTeXLength(length) else {
            let end = min(position + 1, lexer.scalars.count)
            throw TeXError.invalidRowSpacing(offset: open, length: end - open)
        }
        lexer.consumeRaw(upTo: position + 1)
    }

    /// Returns whether `text` is a TeX length such as `4pt`, `-0.5em` or `1.2 ex`.
    static func isTeXLength(_ text: String) -> Bool {
        let units = ["pt", "em", "ex", "mm", "cm", "in", "bp", "pc", "mu"]
        var number = Substring(text.trimmingWhitespace())
        guard let unit = units.first(where: { number.hasSuffix($0) }) else {
            return false
        }
        number = number.dropLast(unit.count)
        number = Substring(String(number).trimmingWhitespace())
        if number.first == "-" || number.first == "+" {
            number = number.dropFirst()
        }

        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard !number.isEmpty, parts.count <= 2, number != "." else {
            return false
        }
        return parts.allSatisfy { $0.unicodeScalars.allSatisfy(TeXLexer.isDigit) }
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else {
            return ""
        }
        return String(scalars[first...last])
    }
}
