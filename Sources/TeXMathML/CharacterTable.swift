/// The meaning of ASCII characters in math mode, other than letters, digits and the
/// characters the parser handles itself (`{ } ^ _ ' &`).
enum CharacterTable {
    static func atom(for scalar: Unicode.Scalar) -> Atom? {
        scalar.isASCII ? atomsByASCIICode[Int(scalar.value)] : nil
    }

    /// Returns what to write instead of an unsupported character, for its error message.
    static func hint(for scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "#":
            return "write \\# for a number sign"
        case "$":
            return "write \\$ for a dollar sign, and leave out the $ that delimit the formula"
        case "\"":
            return "write '' for a double prime or \\text{\"} for a quotation mark"
        case "\\":
            return "write \\backslash for a backslash"
        default:
            return "write it with a TeX command or inside \\text{…}"
        }
    }

    /// The atoms indexed by ASCII code, because an array lookup is much cheaper than hashing.
    private static let atomsByASCIICode: [Atom?] = {
        var table = [Atom?](repeating: nil, count: 128)
        for (scalar, atom) in atoms {
            table[Int(scalar.value)] = atom
        }
        return table
    }()

    private static let atoms: [Unicode.Scalar: Atom] = {
        func plainOperator(_ text: String) -> Atom {
            Atom(node: .operator(MathOperator(text)), kind: .operator)
        }
        func ordinary(_ text: String, stretchy: Bool? = nil) -> Atom {
            var symbol = MathOperator.ordinary(text)
            symbol.isStretchy = stretchy
            return Atom(node: .operator(symbol), kind: .ordinary)
        }
        // Bare brackets keep their natural size, as in TeX. Only \left, \right and \big
        // make them grow.
        let open = { (text: String) in
            Atom(node: .operator(MathOperator(text, form: .prefix, isStretchy: false)), kind: .open)
        }
        let close = { (text: String) in
            Atom(node: .operator(MathOperator(text, form: .postfix, isStretchy: false)), kind: .operator)
        }
        return [
            "+": plainOperator("+"),
            "-": plainOperator("\u{2212}"),
            "*": plainOperator("\u{2217}"),
            "=": plainOperator("="),
            "<": plainOperator("<"),
            ">": plainOperator(">"),
            ",": plainOperator(","),
            ";": plainOperator(";"),
            ":": plainOperator(":"),
            "!": Atom(node: .operator(MathOperator("!", form: .postfix)), kind: .operator),
            "(": open("("),
            "[": open("["),
            ")": close(")"),
            "]": close("]"),
            "|": ordinary("|", stretchy: false),
            "/": ordinary("/", stretchy: false),
            ".": ordinary("."),
            "?": ordinary("?"),
            "@": ordinary("@"),
            "~": Atom(node: .space(width: "0.3333em"), kind: .space),
        ]
    }()
}
