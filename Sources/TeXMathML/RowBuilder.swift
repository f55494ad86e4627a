/// Collects the atoms of one row and applies the rules that depend on neighbours: merging
/// upright letters into words, spacing after function names, and style switches.
struct RowBuilder {
    /// Nodes of the current style segment.
    private var nodes: [MathNode] = []
    /// Nodes of earlier segments, already wrapped in their style.
    private var finishedNodes: [MathNode] = []
    /// The style set by the last `\displaystyle`-like switch, or nil before any.
    private var segmentStyle: MathStyle?
    /// Upright letters not yet written out, collected here so that merging stays linear.
    private var pendingLetters = ""
    private var previousKind: AtomKind?

    /// The invisible function application operator (U+2061), which marks the atom after a
    /// function name as the function's argument.
    static let functionApplication = MathNode.operator(MathOperator("\u{2061}"))

    mutating func append(_ atom: Atom) {
        if atom.kind == .romanLetter, case .identifier(let letters, _) = atom.node {
            if previousKind != .romanLetter {
                flushLetters()
            }
            pendingLetters += letters
            previousKind = .romanLetter
            return
        }

        flushLetters()
        if case .operatorName = previousKind {
            appendSpaceAfterFunctionName(before: atom.kind)
        }
        if nodes.capacity == 0 {
            // Growing from capacity 1 through 2 and 4 would allocate three times for a short row.
            nodes.reserveCapacity(4)
        }
        nodes.append(atom.node)
        previousKind = atom.kind
    }

    /// Starts a segment in `style`, which lasts to the end of the row or the next switch.
    mutating func switchStyle(to style: MathStyle) {
        closeSegment()
        segmentStyle = style
    }

    mutating func finish() -> [MathNode] {
        closeSegment()
        return finishedNodes
    }

    /// Adds TeX's space between an operator name and the next atom: none before an operator,
    /// a thin space before an ordinary atom. Both get the function application operator, except
    /// before a binary operator or relation, where the name is not applied to anything.
    private mutating func appendSpaceAfterFunctionName(before kind: AtomKind) {
        switch kind {
        case .operator:
            break
        case .open, .space:
            nodes.append(Self.functionApplication)
        default:
            nodes.append(Self.functionApplication)
            nodes.append(.space(width: "0.1667em"))
        }
    }

    private mutating func flushLetters() {
        guard !pendingLetters.isEmpty else {
            return
        }
        nodes.append(.identifier(pendingLetters, isUpright: true))
        pendingLetters = ""
    }

    /// Writes out the current segment. Segments sit side by side, not nested, because every
    /// style switch sets both `displaystyle` and `scriptlevel`, so a later one fully overrides
    /// an earlier one, and the tree depth stays independent of the number of switches.
    private mutating func closeSegment() {
        flushLetters()
        previousKind = nil
        if let segmentStyle {
            if !nodes.isEmpty {
                finishedNodes.append(.style(segmentStyle, .group(nodes)))
            }
        } else if finishedNodes.isEmpty {
            // Taking over the array saves copying every node of a row without style switches.
            finishedNodes = nodes
        } else {
            finishedNodes.append(contentsOf: nodes)
        }
        nodes = []
    }
}
