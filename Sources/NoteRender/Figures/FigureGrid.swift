import Foundation
import ConvolutionEngine

/// A 2-D grid of labelled cells, the building block of every figure.
struct FigureGrid {
    /// The largest number of rows or columns a figure draws; larger grids show their
    /// top-left corner and say so in the figure's description.
    static let maximumExtent = 24

    var rows: Int
    var columns: Int
    var label: (Int, Int) -> String
    var style: (Int, Int) -> CellStyle = { _, _ in .cell }

    /// The grid of a quantity: its last two axes (one row for a vector), of its first image
    /// and channel when it has more axes.
    init(_ value: QuantityValue, digits: Int) {
        let shape = value.shape
        switch shape.count {
        case 0:
            rows = 1
            columns = 1
        case 1:
            rows = 1
            columns = shape[0]
        default:
            rows = shape[shape.count - 2]
            columns = shape[shape.count - 1]
        }
        let width = columns
        label = { row, column in FigureGrid.text(value[flat: row * width + column], digits: digits) }
    }

    init(rows: Int, columns: Int, label: @escaping (Int, Int) -> String) {
        self.rows = rows
        self.columns = columns
        self.label = label
    }

    var shownRows: Int { min(rows, Self.maximumExtent) }
    var shownColumns: Int { min(columns, Self.maximumExtent) }
    var isCut: Bool { rows > shownRows || columns > shownColumns }

    /// Draws the grid with its top-left corner at (x, y) and returns its size.
    @discardableResult
    func draw(on canvas: inout SVGCanvas, x: Double, y: Double, cell: Double = 36, caption: String? = nil) -> (width: Double, height: Double) {
        var top = y
        if let caption {
            canvas.text(caption, x: x, y: y + 8, size: 13, anchor: "start", weight: "bold")
            top += 22
        }
        for row in 0..<shownRows {
            for column in 0..<shownColumns {
                let text = label(row, column)
                canvas.rectangle(x: x + Double(column) * cell, y: top + Double(row) * cell, width: cell, height: cell,
                                 style: style(row, column), title: text.count > Self.maximumLabel ? text : nil)
                if !text.isEmpty {
                    let shown = text.count > Self.maximumLabel ? String(text.prefix(Self.maximumLabel - 1)) + "…" : text
                    canvas.text(shown, x: x + (Double(column) + 0.5) * cell, y: top + (Double(row) + 0.5) * cell,
                                size: shown.count > 4 ? 10 : 13)
                }
            }
        }
        return (Double(shownColumns) * cell, top - y + Double(shownRows) * cell)
    }

    /// The most characters a cell shows before cutting its label with `…`.
    static let maximumLabel = 7

    static func text(_ value: ScalarValue, digits: Int) -> String {
        switch value {
        case .exact: return value.description
        case .float(let number): return String(format: "%.\(min(digits, 3))g", number)
        }
    }
}
