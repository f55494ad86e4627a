/// Builds an SVG document element by element, with numbers written the same way on every
/// machine so that pages stay byte-for-byte deterministic.
struct SVGCanvas {
    private(set) var body = ""
    var width: Double = 0
    var height: Double = 0

    /// Grows the canvas to include a point.
    private mutating func include(_ x: Double, _ y: Double) {
        width = max(width, x)
        height = max(height, y)
    }

    mutating func rectangle(x: Double, y: Double, width: Double, height: Double, style: CellStyle, title: String? = nil) {
        include(x + width + 1, y + height + 1)
        var element = "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(width))\" height=\"\(number(height))\" class=\"\(style.rawValue)\""
        if let title {
            element += "><title>\(HTMLEscaping.text(title))</title></rect>\n"
        } else {
            element += "/>\n"
        }
        body += element
    }

    mutating func text(_ content: String, x: Double, y: Double, size: Double = 13, anchor: String = "middle", weight: String? = nil) {
        // A monospace character is about 0.62 em wide; text that starts at x extends right.
        let width = Double(content.count) * size * 0.62
        include(anchor == "start" ? x + width : x + width / 2, y + size * 0.6)
        let bold = weight.map { " font-weight=\"\($0)\"" } ?? ""
        body += "<text x=\"\(number(x))\" y=\"\(number(y))\" font-size=\"\(number(size))\" text-anchor=\"\(anchor)\" dominant-baseline=\"central\"\(bold)>\(HTMLEscaping.text(content))</text>\n"
    }

    /// An arrow from one point to another, its head drawn as a small triangle.
    mutating func arrow(from start: (Double, Double), to end: (Double, Double)) {
        include(max(start.0, end.0) + 6, max(start.1, end.1) + 6)
        body += "<line x1=\"\(number(start.0))\" y1=\"\(number(start.1))\" x2=\"\(number(end.0))\" y2=\"\(number(end.1))\" class=\"arrow\"/>\n"
        let angle = atan2Approximation(end.1 - start.1, end.0 - start.0)
        let left = (end.0 - 8 * cosine(angle - 0.5), end.1 - 8 * sine(angle - 0.5))
        let right = (end.0 - 8 * cosine(angle + 0.5), end.1 - 8 * sine(angle + 0.5))
        body += "<polygon points=\"\(number(end.0)),\(number(end.1)) \(number(left.0)),\(number(left.1)) \(number(right.0)),\(number(right.1))\" class=\"arrowhead\"/>\n"
    }

    /// Returns the complete `<svg>` element with its accessible title and description.
    func document(id: String, title: String, description: String) -> String {
        let w = number(width + 4)
        let h = number(height + 4)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
            + "<title id=\"\(id)-title\">\(HTMLEscaping.text(title))</title>\n"
            + "<desc id=\"\(id)-desc\">\(HTMLEscaping.text(description))</desc>\n"
            + "<style>\(Self.style)</style>\n"
            + body + "</svg>"
    }

    /// Colours that read on light and dark pages: text and lines follow the page's colour,
    /// fills are translucent.
    static let style = """
    text { fill: currentColor; font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; } \
    rect { stroke: currentColor; stroke-width: 1; } \
    .cell { fill: transparent; } \
    .pad { fill: rgba(128, 128, 128, 0.12); stroke-dasharray: 4 3; } \
    .hot { fill: rgba(230, 120, 20, 0.35); } \
    .warm { fill: rgba(40, 120, 220, 0.28); } \
    .mark { fill: rgba(40, 170, 90, 0.35); } \
    .dot { fill: currentColor; stroke: none; } \
    .arrow { stroke: currentColor; stroke-width: 1.5; } \
    .arrowhead { fill: currentColor; } \
    @media (prefers-color-scheme: dark) { svg.figure { color: #e8e8e6; } }
    """

    /// Writes a coordinate with at most two decimals and no trailing zeros.
    private func number(_ value: Double) -> String {
        let scaled = (value * 100).rounded()
        let integer = Int(scaled)
        let whole = integer / 100
        let fraction = abs(integer % 100)
        if fraction == 0 { return "\(whole)" }
        let sign = integer < 0 && whole == 0 ? "-" : ""
        return fraction % 10 == 0 ? "\(sign)\(whole).\(fraction / 10)" : "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// The look of a grid cell.
enum CellStyle: String {
    case cell, pad, hot, warm, mark, dot
}

// Arrows need a little trigonometry; these avoid depending on Foundation for three values.
private func sine(_ x: Double) -> Double { cosine(x - Double.pi / 2) }

private func cosine(_ x: Double) -> Double {
    // Reduce to [−π, π] and use a Taylor series, accurate to well below a pixel.
    var angle = x.truncatingRemainder(dividingBy: 2 * Double.pi)
    if angle > Double.pi { angle -= 2 * Double.pi }
    if angle < -Double.pi { angle += 2 * Double.pi }
    var term = 1.0
    var sum = 1.0
    for n in 1...12 {
        term *= -angle * angle / Double((2 * n - 1) * (2 * n))
        sum += term
    }
    return sum
}

private func atan2Approximation(_ y: Double, _ x: Double) -> Double {
    // Arrows in figures run horizontally or vertically, or nearly so.
    if x == 0 { return y >= 0 ? Double.pi / 2 : -Double.pi / 2 }
    var angle = arctangent(y / x)
    if x < 0 { angle += y >= 0 ? Double.pi : -Double.pi }
    return angle
}

private func arctangent(_ z: Double) -> Double {
    if abs(z) > 1 { return (z > 0 ? Double.pi / 2 : -Double.pi / 2) - arctangent(1 / z) }
    // atan(z) = z / (1 + z²/(3 + 4z²/(5 + 9z²/(7 + ...)))), a continued fraction.
    var value = 0.0
    for n in stride(from: 20, through: 1, by: -1) {
        value = Double(n * n) * z * z / (Double(2 * n + 1) + value)
    }
    return z / (1 + value)
}
