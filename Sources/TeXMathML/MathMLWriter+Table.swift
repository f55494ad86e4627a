// The <mtable> element.
extension MathMLWriter {
    /// Writes a table, padding short rows with empty cells. MathML Core has no `columnalign`,
    /// so alignment and padding go into each cell's `style`.
    static func writeTable(_ table: MathTable, to output: inout MarkupBuffer) {
        // The style is always written, because a block formula's display style would otherwise
        // reach the cells in browsers whose user agent stylesheet does not set it on mtable.
        output.append(table.isDisplayStyle ? "<mtable displaystyle=\"true\">" : "<mtable displaystyle=\"false\">")

        let cellStyles = table.columns.map(cellStyle)
        for row in table.rows {
            output.append("<mtr>")
            for (index, style) in cellStyles.enumerated() {
                if let style {
                    output.append("<mtd")
                    output.appendAttribute("style", style)
                    output.append(">")
                } else {
                    output.append("<mtd>")
                }
                if index < row.count {
                    write(row[index], to: &output)
                }
                output.append("</mtd>")
            }
            output.append("</mtr>")
        }
        output.append("</mtable>")
    }

    /// Returns the CSS for the cells of `column`, or nil for the default centred cell.
    ///
    /// NOTE: the -webkit- values are there because Chromium does not apply a plain
    /// `text-align: left` or `right` to the content of `mtd`. Other browsers skip them.
    private static func cellStyle(_ column: MathTable.Column) -> String? {
        var declarations: [String] = []
        switch column.alignment {
        case .left:
            declarations += ["text-align: left", "text-align: -webkit-left"]
        case .right:
            declarations += ["text-align: right", "text-align: -webkit-right"]
        case .center:
            break
        }
        if let padding = column.leftPadding {
            declarations.append("padding-left: \(padding)")
        }
        if let padding = column.rightPadding {
            declarations.append("padding-right: \(padding)")
        }
        return declarations.isEmpty ? nil : declarations.joined(separator: "; ")
    }
}
