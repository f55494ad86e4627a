import Foundation
import ConvolutionEngine

/// Writes values and quantities as TeX for the math of a page.
public enum TeXWriter {
    /// The largest number of rows or columns a matrix shows; larger ones are cut down to
    /// their first and last rows and columns around ⋮ and ⋯.
    public static let maximumShownExtent = 16
    static let shownHead = 6
    static let shownTail = 2

    /// Returns one entry: `-\tfrac{11}{2}`, `a + b`, `d \cdot x_{11}`, or a float with
    /// `digits` significant digits, such as `1.55` or `-2.5 \times 10^{-7}`.
    public static func scalar(_ value: ScalarValue, digits: Int = 4) -> String {
        var tex: [UInt8] = []
        appendScalar(value, digits: digits, to: &tex)
        return String(decoding: tex, as: UTF8.self)
    }

    static func appendScalar(_ value: ScalarValue, digits: Int, to tex: inout [UInt8]) {
        switch value {
        case .float(let number): tex.append(string: float(number, digits: digits))
        case .exact(let polynomial): appendPolynomial(polynomial, to: &tex)
        }
    }

    /// Writes a double with `digits` significant digits in TeX, in scientific notation only
    /// when C's `%g` would choose it (exponents below −4 or from `digits` up).
    static func float(_ number: Double, digits: Int) -> String {
        guard number.isFinite else { return number.isNaN ? "\\text{NaN}" : (number < 0 ? "-\\infty" : "\\infty") }
        if number == 0 { return "0" }
        let text = formatted(number, digits: digits)
        guard let exponentMark = text.utf8.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else {
            return text
        }
        let mantissa = text[..<exponentMark]
        let exponent = Int(text[text.index(after: exponentMark)...]) ?? 0
        return "\(mantissa) \\times 10^{\(exponent)}"
    }

    /// Returns `String(format: "%.<digits>g", number)`. For the digits a spec allows it calls
    /// C's vsnprintf directly, which gives the same text in about half the instructions.
    static func formatted(_ number: Double, digits: Int) -> String {
        guard (1...17).contains(digits) else { return String(format: "%.\(digits)g", number) }
        // %.17g of a double takes at most 24 bytes, such as -1.2345678901234567e-308.
        let capacity = 32
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            let length = Self.floatFormats[digits - 1].withCString { format in
                withVaList([number]) { arguments in vsnprintf(buffer.baseAddress, capacity, format, arguments) }
            }
            guard let start = buffer.baseAddress, length > 0, length < capacity else {
                return String(format: "%.\(digits)g", number)
            }
            return String(cString: start)
        }
    }

    /// The formats `%.1g` to `%.17g`, by digits.
    private static let floatFormats = (1...17).map { "%.\($0)g" }

    /// The maximum number of terms an entry shows whole. A longer sum shows its first
    /// `shownTerms` terms, then `+ \cdots` and the number of terms left out. A weight gradient
    /// entry sums one product per output position, so without the cut a large symbolic spec
    /// gives entries of thousands of terms and formulas over the converter's length limit.
    public static let maximumShownTerms = 12
    static let shownTerms = 8

    static func polynomial(_ polynomial: Polynomial) -> String {
        var tex: [UInt8] = []
        appendPolynomial(polynomial, to: &tex)
        return String(decoding: tex, as: UTF8.self)
    }

    static func appendPolynomial(_ polynomial: Polynomial, to tex: inout [UInt8]) {
        if polynomial.isInvalid { return tex.append("\\text{overflow}") }
        if polynomial.terms.isEmpty { return tex.append("0") }
        let isCutDown = polynomial.terms.count > maximumShownTerms
        let writtenTerms = isCutDown ? polynomial.terms.prefix(shownTerms) : polynomial.terms[...]
        for (index, term) in writtenTerms.enumerated() {
            // The sign is written apart and the magnitude read from the parts, because
            // negating a coefficient of -2^63 would overflow.
            let coefficient = term.coefficient
            if coefficient.numerator < 0 {
                tex.append(index == 0 ? "-" : " - ")
            } else if index > 0 {
                tex.append(" + ")
            }
            let isUnit = coefficient.numerator.magnitude == 1 && coefficient.denominator == 1
            let isConstant = term.monomial.isOne
            if isConstant || !isUnit { appendMagnitude(coefficient, to: &tex) }
            guard !isConstant else { continue }
            if !isUnit && !coefficient.isInteger { tex.append(" ") }
            for (position, factor) in term.monomial.factors.enumerated() {
                if position > 0 { tex.append(" \\cdot ") }
                appendSymbol(factor.symbol, to: &tex)
                if factor.exponent != 1 {
                    tex.append("^{")
                    tex.append(string: String(factor.exponent))
                    tex.append("}")
                }
            }
        }
        if isCutDown {
            tex.append(" + \\cdots \\; \\text{(")
            tex.append(string: String(polynomial.terms.count - shownTerms))
            tex.append(" more terms)}")
        }
    }

    /// Returns a symbol name as TeX: `x_11` as `x_{11}`, `x_10_2` as `x_{10,2}`, `alpha` as
    /// `\alpha`, `w_1` as `w_{1}`, a longer name in italics.
    public static func symbol(_ name: String) -> String {
        var tex: [UInt8] = []
        appendSymbol(name, to: &tex)
        return String(decoding: tex, as: UTF8.self)
    }

    static func appendSymbol(_ name: String, to tex: inout [UInt8]) {
        // Most names are one ASCII letter with ASCII digit subscripts, like `x_11` or `x_10_2`.
        // They are written straight from their bytes.
        if appendSimpleSymbol(name, to: &tex) { return }
        let parts = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        // A name with an empty part (`x_`, `a__b`) has no subscript reading; it is written
        // whole, so that it never looks like another symbol.
        guard !parts.contains(where: \.isEmpty) else {
            return tex.append(string: "\\mathit{" + name.replacingOccurrences("_", "\\_") + "}")
        }
        let base = parts.first ?? name
        if greekLetters[base] != nil {
            tex.append(string: "\\" + base)
        } else if base.unicodeScalars.count == 1 {
            tex.append(string: base)
        } else {
            tex.append(string: "\\mathit{\(base)}")
        }
        let subscripts = parts.dropFirst().filter { !$0.isEmpty }
        guard !subscripts.isEmpty else { return }
        let pieces = subscripts.map { part in
            part.allSatisfy(\.isNumber) || part.unicodeScalars.count == 1 ? part : "\\mathit{\(part)}"
        }
        tex.append(string: "_{" + pieces.joined(separator: ",") + "}")
    }

    /// Appends the TeX of a name made of one ASCII letter and subscripts of ASCII digits, the
    /// same as `appendSymbol` writes the long way, and returns true. Any other name gives false
    /// and leaves `tex` as it was.
    private static func appendSimpleSymbol(_ name: String, to tex: inout [UInt8]) -> Bool {
        let start = tex.count
        var isSimple = true
        var isFirst = true
        var hasSubscript = false
        var partLength = 0
        for byte in name.utf8 {
            if isFirst {
                isSimple = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                tex.append(byte)
                isFirst = false
                partLength = 1
            } else if byte == UInt8(ascii: "_") {
                isSimple = partLength > 0
                if hasSubscript {
                    tex.append(UInt8(ascii: ","))
                } else {
                    tex.append(UInt8(ascii: "_"))
                    tex.append(UInt8(ascii: "{"))
                }
                hasSubscript = true
                partLength = 0
            } else {
                // A digit right after the letter makes a longer name, written in italics.
                isSimple = hasSubscript && byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
                tex.append(byte)
                partLength += 1
            }
            guard isSimple else { break }
        }
        guard isSimple, !isFirst, partLength > 0 else {
            tex.removeSubrange(start...)
            return false
        }
        if hasSubscript { tex.append(UInt8(ascii: "}")) }
        return true
    }

    /// Returns a quantity as TeX: a scalar, a row vector, a matrix, or for rank 3 and more
    /// a bracket of matrices.
    public static func tensor(_ value: QuantityValue, digits: Int = 4) -> String {
        var tex: [UInt8] = []
        if let readRational = value.readRational {
            appendTensor(shape: value.shape, offset: 0, to: &tex) { index, tex in appendRational(readRational(index), to: &tex) }
        } else {
            appendTensor(shape: value.shape, offset: 0, to: &tex) { index, tex in
                appendScalar(value[flat: index], digits: digits, to: &tex)
            }
        }
        return String(decoding: tex, as: UTF8.self)
    }

    /// Writes a rational entry exactly as `appendPolynomial` writes the constant polynomial
    /// it stands for, without building that polynomial.
    static func appendRational(_ value: Rational, to tex: inout [UInt8]) {
        if value.isInvalid { return tex.append("\\text{overflow}") }
        if value.isZero { return tex.append("0") }
        if value.numerator < 0 { tex.append("-") }
        appendMagnitude(value, to: &tex)
    }

    /// Writes the magnitude of a valid rational: `7` or `\tfrac{7}{2}`. It is read from the
    /// numerator's magnitude, because negating a numerator of -2^63 would overflow.
    private static func appendMagnitude(_ value: Rational, to tex: inout [UInt8]) {
        guard !value.isInteger else { return tex.append(string: String(value.numerator.magnitude)) }
        tex.append("\\tfrac{")
        tex.append(string: String(value.numerator.magnitude))
        tex.append("}{")
        tex.append(string: String(value.denominator))
        tex.append("}")
    }

    static func appendTensor(shape: [Int], offset: Int, to tex: inout [UInt8], entry: (Int, inout [UInt8]) -> Void) {
        switch shape.count {
        case 0:
            entry(offset, &tex)
        case 1:
            appendMatrix(rows: 1, columns: shape[0], to: &tex) { _, column, tex in entry(offset + column, &tex) }
        case 2:
            appendMatrix(rows: shape[0], columns: shape[1], to: &tex) { row, column, tex in
                entry(offset + row * shape[1] + column, &tex)
            }
        default:
            let inner = Array(shape.dropFirst())
            let size = inner.reduce(1, *)
            appendMatrix(rows: 1, columns: shape[0], to: &tex) { _, index, tex in
                appendTensor(shape: inner, offset: offset + index * size, to: &tex, entry: entry)
            }
        }
    }

    /// Writes a bmatrix, cut down around dots when it is larger than `maximumShownExtent`.
    static func appendMatrix(rows: Int, columns: Int, to tex: inout [UInt8], entry: (Int, Int, inout [UInt8]) -> Void) {
        let shownRows = shownIndices(rows)
        let shownColumns = shownIndices(columns)
        tex.append("\\begin{bmatrix} ")
        for (rowPosition, row) in shownRows.enumerated() {
            if rowPosition > 0 { tex.append(" \\\\ ") }
            for (columnPosition, column) in shownColumns.enumerated() {
                if columnPosition > 0 { tex.append(" & ") }
                switch (row, column) {
                case (nil, nil): tex.append("\\ddots")
                case (nil, _): tex.append("\\vdots")
                case (_, nil): tex.append("\\cdots")
                case (let row?, let column?): entry(row, column, &tex)
                }
            }
        }
        tex.append(" \\end{bmatrix}")
    }

    /// The indices to show along an axis; nil marks the gap.
    static func shownIndices(_ count: Int) -> [Int?] {
        guard count > maximumShownExtent else { return Array(0..<count) }
        return Array(0..<shownHead) + [nil] + Array((count - shownTail)..<count)
    }

    /// Whether a quantity of this shape is cut down when shown.
    public static func isCutDown(_ shape: [Int]) -> Bool {
        shape.suffix(2).contains { $0 > maximumShownExtent }
            || (shape.count >= 3 && shape.dropLast(2).contains { $0 > maximumShownExtent })
    }

    /// Returns the conventional TeX name of a quantity.
    public static func name(_ quantity: Quantity) -> String {
        switch quantity {
        case .x: "x"
        case .w: "w"
        case .b: "b"
        case .upstream: "\\frac{\\partial L}{\\partial y}"
        case .paddedInput: "x_{\\text{pad}}"
        case .y: "y"
        case .columns: "X_{\\text{col}}"
        case .columnsTransposed: "X_{\\text{col}}^{\\top}"
        case .kernelRows: "W_{\\text{row}}"
        case .upstreamRows: "\\frac{\\partial L}{\\partial Y_{\\text{row}}}"
        case .weightGradient: "\\frac{\\partial L}{\\partial w}"
        case .biasGradient: "\\frac{\\partial L}{\\partial b}"
        case .flippedKernel: "w_{\\text{flip}}"
        case .dilatedUpstream: "\\left(\\frac{\\partial L}{\\partial y}\\right)_{\\text{dilated}}"
        case .paddedUpstream: "\\left(\\frac{\\partial L}{\\partial y}\\right)_{\\text{pad}}"
        case .inputGradient: "\\frac{\\partial L}{\\partial x}"
        case .inputJacobian: "J_x"
        case .weightJacobian: "J_w"
        }
    }

    /// Returns an entry's name with its subscript: `y_{11}`, `x_{10,2}`,
    /// `\frac{\partial L}{\partial x_{11}}` for gradients.
    public static func entryName(_ quantity: Quantity, _ indices: [Int]) -> String {
        let subscriptText = subscriptIndices(indices)
        switch quantity {
        case .upstream: return "\\frac{\\partial L}{\\partial y_{\(subscriptText)}}"
        case .inputGradient: return "\\frac{\\partial L}{\\partial x_{\(subscriptText)}}"
        case .weightGradient: return "\\frac{\\partial L}{\\partial w_{\(subscriptText)}}"
        case .biasGradient: return "\\frac{\\partial L}{\\partial b_{\(subscriptText)}}"
        default:
            let base = name(quantity)
            return base.utf8.contains(UInt8(ascii: "_")) || base.utf8.contains(UInt8(ascii: "\\")) ? "\\left(\(base)\\right)_{\(subscriptText)}" : "\(base)_{\(subscriptText)}"
        }
    }

    /// Joins indices as a subscript: digits run together while all are single digits.
    public static func subscriptIndices(_ indices: [Int]) -> String {
        indices.allSatisfy { (0...9).contains($0) }
            ? indices.map(String.init).joined()
            : indices.map(String.init).joined(separator: ",")
    }

    /// `3 \times 3`, or `1` for a scalar.
    public static func shape(_ shape: [Int]) -> String {
        shape.isEmpty ? "1" : shape.map(String.init).joined(separator: " \\times ")
    }
}
