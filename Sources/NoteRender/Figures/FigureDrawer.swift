import ConvolutionEngine
import NoteSpec

/// Draws the figures of one evaluated spec. Grids show the last two spatial axes of the
/// first image and channel (one row for 1-D); the descriptions say so when there is more.
struct FigureDrawer {
    let spec: EvaluatedSpec
    let id: String

    private var geometry: ConvolutionGeometry { spec.geometry }
    private var report: any ConvolutionReport { spec.report }
    private var digits: Int { min(spec.digits, 3) }

    /// Returns the SVG, its title and its description.
    func draw(_ kind: FigureKind) -> (svg: String, title: String)? {
        var canvas = SVGCanvas()
        let title: String
        var description: String
        switch kind {
        case .padding:
            (title, description) = padding(&canvas)
        case .window(let reference):
            guard let result = window(reference, &canvas) else { return nil }
            (title, description) = result
        case .impact(let reference):
            guard let result = impact(reference, &canvas) else { return nil }
            (title, description) = result
        case .im2col:
            (title, description) = im2col(&canvas)
        case .jacobian(let reference):
            guard let result = jacobian(reference, &canvas) else { return nil }
            (title, description) = result
        case .flip:
            (title, description) = flip(&canvas)
        }
        if geometry.batch > 1 || geometry.inputChannels > 1 || geometry.outputChannels > 1 {
            description += " The grids show the first image and channel."
        }
        if geometry.dimensions == 3 {
            description += " For this 3-D spec they show the first depth slice."
        }
        return (canvas.document(id: id, title: title, description: description), title)
    }

    // MARK: Positions

    /// The (row, column) in a drawn grid of a spatial position, from its last two axes.
    private func cell(_ coordinates: [Int]) -> (Int, Int) {
        coordinates.count >= 2 ? (coordinates[coordinates.count - 2], coordinates[coordinates.count - 1]) : (0, coordinates.first ?? 0)
    }

    /// Zero-based spatial coordinates of a selected entry, or nil when the selection does not
    /// name one entry of the quantity.
    private func entry(_ reference: QuantityReference, shape: [Int]) -> [Int]? {
        guard let selector = reference.selector, selector.count == shape.count else { return nil }
        var indices: [Int] = []
        for (axis, index) in selector.enumerated() {
            guard case .index(let written) = index else { return nil }
            let value = written - spec.indexBase
            guard value >= 0, value < shape[axis] else { return nil }
            indices.append(value)
        }
        return indices
    }

    private func name(_ base: String, _ indices: [Int]) -> String {
        base + "[" + indices.map { String($0 + spec.indexBase) }.joined(separator: ",") + "]"
    }

    // MARK: Figures

    private func padding(_ canvas: inout SVGCanvas) -> (String, String) {
        var grid = FigureGrid(report.value(of: .paddedInput), digits: digits)
        let pads = geometry.padding
        let inputSize = geometry.inputSize
        grid.style = { row, column in
            let coordinates = geometry.dimensions >= 2 ? [row, column] : [column]
            let axes = Array(pads.suffix(coordinates.count))
            let sizes = Array(inputSize.suffix(coordinates.count))
            for (axis, value) in coordinates.enumerated()
            where value < axes[axis].begin || value >= axes[axis].begin + sizes[axis] {
                return .pad
            }
            return .cell
        }
        grid.draw(on: &canvas, x: 2, y: 2, caption: "x_pad")
        let sides = zip(pads, Array([("front", "back"), ("top", "bottom"), ("left", "right")].suffix(geometry.dimensions)))
            .map { pad, side in "\(pad.begin) on the \(side.0) and \(pad.end) on the \(side.1)" }
            .joined(separator: ", ")
        return ("The padded input x_pad",
                "x with zeros added, \(sides). The dashed cells are the padding.\(grid.isCut ? " Only the top-left part is drawn." : "")")
    }

    private func window(_ reference: QuantityReference, _ canvas: inout SVGCanvas) -> (String, String)? {
        let y = report.value(of: .y)
        guard !report.isTransposed, let indices = entry(reference, shape: y.shape) else { return nil }
        let flat = y.flatIndex(of: indices)
        let position = flat % geometry.outputPositions
        let output = coordinates(ofFlatIndex: position, in: geometry.outputSize)
        let window = Set(coordinates(ofFlatIndex: 0, in: geometry.kernelSize).indices.isEmpty ? [] :
            (0..<geometry.kernelPositions).map { k -> [Int] in
                let kernel = coordinates(ofFlatIndex: k, in: geometry.kernelSize)
                return output.indices.map { output[$0] * geometry.stride[$0] + kernel[$0] * geometry.dilation[$0] }
            }.map { cell($0) }.map { "\($0.0),\($0.1)" })

        var input = FigureGrid(report.value(of: .paddedInput), digits: digits)
        input.style = { row, column in window.contains("\(row),\(column)") ? .hot : .cell }
        let size = input.draw(on: &canvas, x: 2, y: 2, caption: "x_pad")

        var result = FigureGrid(y, digits: digits)
        let target = cell(output)
        result.style = { row, column in (row, column) == target ? .hot : .cell }
        let left = size.width + 70
        canvas.arrow(from: (size.width + 14, 22 + size.height / 2), to: (left - 14, 22 + size.height / 2))
        result.draw(on: &canvas, x: left, y: 2, caption: "y")

        let entryName = name("y", indices)
        return ("The window of \(entryName)",
                "The kernel meets the \(geometry.kernelPositions) highlighted entries of x_pad, and their products sum to \(entryName) = \(FigureGrid.text(y[flat: flat], digits: spec.digits)).")
    }

    private func impact(_ reference: QuantityReference, _ canvas: inout SVGCanvas) -> (String, String)? {
        let x = report.value(of: .x)
        guard let indices = entry(reference, shape: x.shape) else { return nil }
        let flat = x.flatIndex(of: indices)
        let reached = report.impact(ofInputIndex: flat)
        let y = report.value(of: .y)
        let outputSize = Array(y.shape.suffix(min(y.shape.count, geometry.dimensions)))
        var weights: [String: String] = [:]
        for item in reached {
            let position = item.outputIndex % outputSize.reduce(1, *)
            let target = cell(coordinates(ofFlatIndex: position, in: outputSize))
            weights["\(target.0),\(target.1)"] = FigureGrid.text(item.weight, digits: digits)
        }

        var input = FigureGrid(x, digits: digits)
        let source = cell(Array(indices.suffix(geometry.dimensions)))
        input.style = { row, column in (row, column) == source ? .hot : .cell }
        let size = input.draw(on: &canvas, x: 2, y: 2, caption: "x")

        let columns = outputSize.last ?? 1
        let rows = outputSize.count >= 2 ? outputSize[outputSize.count - 2] : 1
        var output = FigureGrid(rows: rows, columns: columns) { row, column in weights["\(row),\(column)"] ?? "" }
        output.style = { row, column in weights["\(row),\(column)"] == nil ? .cell : .warm }
        let left = size.width + 70
        canvas.arrow(from: (size.width + 14, 22 + size.height / 2), to: (left - 14, 22 + size.height / 2))
        output.draw(on: &canvas, x: left, y: 2, caption: "y, labelled with the weight")

        let entryName = name("x", indices)
        let list = reached.map { item -> String in
            let coordinates = coordinates(ofFlatIndex: item.outputIndex, in: y.shape)
            return "\(name("y", coordinates)) through \(FigureGrid.text(item.weight, digits: digits))"
        }
        return ("The outputs that \(entryName) reaches",
                reached.isEmpty ? "\(entryName) reaches no output." : "\(entryName) reaches " + list.joined(separator: ", ") + ".")
    }

    private func im2col(_ canvas: inout SVGCanvas) -> (String, String) {
        let styles: [CellStyle] = [.hot, .warm, .mark]
        let shown = min(styles.count, geometry.outputPositions)
        var windows: [String: CellStyle] = [:]
        for o in (0..<shown).reversed() {
            let output = coordinates(ofFlatIndex: o, in: geometry.outputSize)
            for k in 0..<geometry.kernelPositions {
                let kernel = coordinates(ofFlatIndex: k, in: geometry.kernelSize)
                let position = cell(output.indices.map { output[$0] * geometry.stride[$0] + kernel[$0] * geometry.dilation[$0] })
                windows["\(position.0),\(position.1)"] = styles[o]
            }
        }
        var input = FigureGrid(report.value(of: .paddedInput), digits: digits)
        input.style = { row, column in windows["\(row),\(column)"] ?? .cell }
        let size = input.draw(on: &canvas, x: 2, y: 2, caption: "x_pad")

        var columns = FigureGrid(report.value(of: .columns), digits: digits)
        columns.style = { _, column in column < shown ? styles[column] : .cell }
        let left = size.width + 70
        canvas.arrow(from: (size.width + 14, 22 + min(size.height, 120) / 2), to: (left - 14, 22 + min(size.height, 120) / 2))
        columns.draw(on: &canvas, x: left, y: 2, caption: "X_col")
        return ("Windows becoming the columns of X_col",
                "Each window of x_pad, read row by row, becomes one column of X_col; the first \(shown) windows and their columns share a colour.\(columns.isCut ? " Only the top-left part of X_col is drawn." : "")")
    }

    private func jacobian(_ reference: QuantityReference?, _ canvas: inout SVGCanvas) -> (String, String)? {
        let x = report.value(of: .x)
        let column: Int
        if let reference {
            guard let indices = entry(reference, shape: x.shape) else { return nil }
            column = x.flatIndex(of: indices)
        } else {
            column = x.count / 2
        }
        let jacobian = report.value(of: .inputJacobian)
        let reached = report.impact(ofInputIndex: column)
        let stored = Set(reached.map(\.outputIndex))
        let rows = min(jacobian.shape[0], 48)
        let columns = min(jacobian.shape[1], 48)

        // The sparsity pattern: a dot where J_x can be nonzero, the chosen column highlighted.
        let cellSize = columns <= 16 && rows <= 16 ? 16.0 : 9.0
        let storedRows = (0..<columns).map { index in Set(report.impact(ofInputIndex: index).map(\.outputIndex)) }
        canvas.text("J_x", x: 2, y: 10, size: 13, anchor: "start", weight: "bold")
        for row in 0..<rows {
            for index in 0..<columns {
                let isStored = storedRows[index].contains(row)
                let style: CellStyle = index == column ? (stored.contains(row) ? .hot : .warm) : (isStored ? .dot : .cell)
                canvas.rectangle(x: 2 + Double(index) * cellSize, y: 24 + Double(row) * cellSize,
                                 width: cellSize, height: cellSize, style: style)
            }
        }

        // The chosen column laid out in y's shape: the weights of the input's scope of impact.
        let y = report.value(of: .y)
        let outputSize = Array(y.shape.suffix(min(y.shape.count, geometry.dimensions)))
        var weights: [String: String] = [:]
        for item in reached {
            let target = cell(coordinates(ofFlatIndex: item.outputIndex % outputSize.reduce(1, *), in: outputSize))
            weights["\(target.0),\(target.1)"] = FigureGrid.text(item.weight, digits: digits)
        }
        var reshaped = FigureGrid(rows: outputSize.count >= 2 ? outputSize[outputSize.count - 2] : 1, columns: outputSize.last ?? 1) {
            row, index in weights["\(row),\(index)"] ?? ""
        }
        reshaped.style = { row, index in weights["\(row),\(index)"] == nil ? .cell : .hot }
        let left = 2 + Double(columns) * cellSize + 60
        canvas.arrow(from: (left - 50, 60), to: (left - 12, 60))
        reshaped.draw(on: &canvas, x: left, y: 2, caption: "column \(column + 1) in y's shape")

        let cut = rows < jacobian.shape[0] || columns < jacobian.shape[1]
            ? " Only the top-left \(rows) × \(columns) of its \(jacobian.shape[0]) × \(jacobian.shape[1]) entries are drawn." : ""
        return ("The sparsity of J_x",
                "A dot marks each entry of J_x = ∂y/∂x that can be nonzero; column \(column + 1) is highlighted. Laid out in y's shape, that column holds the weights that carry input \(column + 1) to each output: the kernel rotated 180°, cut at the borders.\(cut)")
    }

    private func flip(_ canvas: inout SVGCanvas) -> (String, String) {
        let kernel = FigureGrid(report.value(of: .w), digits: digits)
        let size = kernel.draw(on: &canvas, x: 2, y: 2, caption: "w")
        let left = size.width + 90
        canvas.arrow(from: (size.width + 14, 22 + size.height / 2), to: (left - 14, 22 + size.height / 2))
        canvas.text("180°", x: size.width + 45, y: 22 + size.height / 2 - 12, size: 12)
        FigureGrid(report.value(of: .flippedKernel), digits: digits).draw(on: &canvas, x: left, y: 2, caption: "w_flip")
        return ("The kernel and the flipped kernel",
                "w_flip is w rotated by 180°: its first row is w's last row read backwards.")
    }
}
