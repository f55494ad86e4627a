import SourceDiagnostics

/// The meaning of every supported command, and help for unsupported ones.
enum CommandTable {
    static func meaning(of name: String) -> CommandMeaning? {
        meanings[name]
    }

    /// Returns the supported command closest to `name` by edit distance, for a "did you mean"
    /// hint, or nil when none is close.
    static func suggestion(for name: String) -> String? {
        closestMatch(to: name, among: suggestableNames)
    }

    /// Returns how to write a command with arguments, such as `\frac{numerator}{denominator}`,
    /// for messages about a missing argument.
    static func usage(of name: String) -> String {
        usages[name] ?? "\\\(name){…}"
    }

    private static let meanings: [String: CommandMeaning] = {
        var table: [String: CommandMeaning] = [:]
        let parts = [
            SymbolTables.greekLetters, SymbolTables.ordinarySymbols, SymbolTables.binaryOperators,
            SymbolTables.relations, SymbolTables.spacedSymbols, SymbolTables.delimiterSymbols,
            largeOperators, namedOperators, spaces, structures, sizedDelimiters,
        ]
        for part in parts {
            table.merge(part) { first, _ in first }
        }
        return table
    }()

    /// Names offered as suggestions: words only, because a suggestion for a one-character
    /// control symbol such as `\;` would rarely be what the writer meant.
    private static let suggestableNames: [String] = meanings.compactMap { name, meaning in
        if case .unsupported = meaning {
            return nil
        }
        return name.unicodeScalars.count > 1 ? name : nil
    }.sorted()

    private static let largeOperators: [String: CommandMeaning] = [
        "sum": .largeOperator("\u{2211}", .displayOnly),
        "prod": .largeOperator("\u{220F}", .displayOnly),
        "coprod": .largeOperator("\u{2210}", .displayOnly),
        "bigcup": .largeOperator("\u{22C3}", .displayOnly),
        "bigcap": .largeOperator("\u{22C2}", .displayOnly),
        "bigvee": .largeOperator("\u{22C1}", .displayOnly),
        "bigwedge": .largeOperator("\u{22C0}", .displayOnly),
        "bigoplus": .largeOperator("\u{2A01}", .displayOnly),
        "bigotimes": .largeOperator("\u{2A02}", .displayOnly),
        "bigodot": .largeOperator("\u{2A00}", .displayOnly),
        "bigsqcup": .largeOperator("\u{2A06}", .displayOnly),
        "int": .largeOperator("\u{222B}", .never),
        "iint": .largeOperator("\u{222C}", .never),
        "iiint": .largeOperator("\u{222D}", .never),
        "oint": .largeOperator("\u{222E}", .never),
    ]

    /// Function names. As in LaTeX, those that are limits or extrema take their subscript below
    /// in display style. `\argmax` and `\argmin` are not LaTeX built-ins. They behave as
    /// `\DeclareMathOperator*{\argmax}{arg\,max}` defines them. Two-word names use a thin
    /// space (U+2009).
    private static let namedOperators: [String: CommandMeaning] = {
        var table: [String: CommandMeaning] = [:]
        let withLimits = [
            "lim", "max", "min", "sup", "inf", "det", "Pr", "gcd",
        ]
        let withoutLimits = [
            "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh",
            "cosh", "tanh", "coth", "exp", "log", "ln", "lg", "dim", "ker", "deg", "arg", "hom",
        ]
        for name in withLimits {
            table[name] = .namedOperator(name, .displayOnly)
        }
        for name in withoutLimits {
            table[name] = .namedOperator(name, .never)
        }
        table["liminf"] = .namedOperator("lim\u{2009}inf", .displayOnly)
        table["limsup"] = .namedOperator("lim\u{2009}sup", .displayOnly)
        table["argmax"] = .namedOperator("arg\u{2009}max", .displayOnly)
        table["argmin"] = .namedOperator("arg\u{2009}min", .displayOnly)
        return table
    }()

    /// Spaces in em at the default 18 mu per em: `\,` is 3 mu, `\:` 4 mu, `\;` 5 mu. The
    /// control space and `~` take TeX's interword space, about a third of an em.
    private static let spaces: [String: CommandMeaning] = [
        ",": .space("0.1667em"), "thinspace": .space("0.1667em"),
        ":": .space("0.2222em"), ">": .space("0.2222em"), "medspace": .space("0.2222em"),
        ";": .space("0.2778em"), "thickspace": .space("0.2778em"),
        "!": .space("-0.1667em"), "negthinspace": .space("-0.1667em"),
        " ": .space("0.3333em"), "enspace": .space("0.5em"),
        "quad": .space("1em"), "qquad": .space("2em"),
    ]

    /// `\big` and its relatives. TeX's `\big` makes a delimiter cover a strut 8.5pt high at
    /// 10pt size, centred on the 2.5pt math axis, which needs about 2 × (8.5pt − 2.5pt) =
    /// 1.2em (ignoring TeX's delimiter factor and shortfall). `\Big`, `\bigg` and `\Bigg`
    /// use 11.5pt, 14.5pt and 17.5pt struts.
    private static let sizedDelimiters: [String: CommandMeaning] = {
        var table: [String: CommandMeaning] = [:]
        let sizes = [("big", "1.2em"), ("Big", "1.8em"), ("bigg", "2.4em"), ("Bigg", "3em")]
        let roles: [(String, SizedDelimiterRole)] = [
            ("", .ordinary), ("l", .open), ("r", .close), ("m", .relation),
        ]
        for (name, size) in sizes {
            for (suffix, role) in roles {
                table[name + suffix] = .sizedDelimiter(size: size, role: role)
            }
        }
        return table
    }()

    private static let structures: [String: CommandMeaning] = {
        func accent(_ text: String, stretchy: Bool, under: Bool = false) -> CommandMeaning {
            .accent(MathOperator(text, isStretchy: stretchy), isUnder: under)
        }
        return [
            "frac": .fraction(.frac), "dfrac": .fraction(.dfrac), "tfrac": .fraction(.tfrac),
            "binom": .fraction(.binom), "dbinom": .fraction(.dbinom),
            "tbinom": .fraction(.tbinom),
            "sqrt": .squareRoot,

            "hat": accent("^", stretchy: false), "widehat": accent("^", stretchy: true),
            "tilde": accent("~", stretchy: false), "widetilde": accent("~", stretchy: true),
            "bar": accent("\u{00AF}", stretchy: false),
            "overline": accent("\u{203E}", stretchy: true),
            "underline": accent("_", stretchy: true, under: true),
            "vec": accent("\u{2192}", stretchy: false),
            "overrightarrow": accent("\u{2192}", stretchy: true),
            "overleftarrow": accent("\u{2190}", stretchy: true),
            "dot": accent("\u{02D9}", stretchy: false),
            "ddot": accent("\u{00A8}", stretchy: false),
            "check": accent("\u{02C7}", stretchy: false),
            "breve": accent("\u{02D8}", stretchy: false),
            "acute": accent("\u{00B4}", stretchy: false),
            "grave": accent("`", stretchy: false),
            "mathring": accent("\u{02DA}", stretchy: false),
            "underbrace": .horizontalBrace(MathOperator("\u{23DF}", isStretchy: true), isUnder: true),
            "overbrace": .horizontalBrace(MathOperator("\u{23DE}", isStretchy: true), isUnder: false),

            "mathrm": .mathFont(.roman), "mathit": .mathFont(.italic),
            "mathbf": .mathFont(.bold), "boldsymbol": .mathFont(.boldItalic),
            "bm": .mathFont(.boldItalic), "mathcal": .mathFont(.script),
            "mathscr": .mathFont(.script), "mathfrak": .mathFont(.fraktur),
            "mathbb": .mathFont(.doubleStruck), "mathsf": .mathFont(.sansSerif),
            "mathtt": .mathFont(.monospace),

            "text": .text(nil), "textrm": .text(nil), "textnormal": .text(nil),
            "mbox": .text(nil), "textbf": .text(.bold), "textit": .text(.italic),
            "emph": .text(.italic), "textsf": .text(.sansSerif), "texttt": .text(.monospace),

            "operatorname": .operatorName, "mathop": .mathOperator,
            "underset": .stack(isUnder: true), "overset": .stack(isUnder: false),
            "stackrel": .stack(isUnder: false),

            "displaystyle": .styleSwitch(.display), "textstyle": .styleSwitch(.text),
            "scriptstyle": .styleSwitch(.script),
            "scriptscriptstyle": .styleSwitch(.scriptScript),
            "phantom": .phantom, "hphantom": .horizontalPhantom,
            "vphantom": .verticalPhantom,

            "left": .left, "right": .right, "middle": .middle,
            "begin": .begin, "end": .end, "\\": .rowBreak,
            "limits": .limits(.always), "nolimits": .limits(.never),
            "nonumber": .ignored, "notag": .ignored,

            "over": .unsupported(hint: "write \\frac{a}{b} instead of {a \\over b}"),
            "choose": .unsupported(hint: "write \\binom{n}{k} instead of {n \\choose k}"),
            "hline": .unsupported(
                hint: "remove it, because MathML Core tables cannot draw rules"),
            "label": .unsupported(hint: "remove it, because formulas here are not numbered"),
            "tag": .unsupported(hint: "remove it, because formulas here are not numbered"),
        ]
    }()

    private static let usages: [String: String] = [
        "frac": "\\frac{numerator}{denominator}",
        "dfrac": "\\dfrac{numerator}{denominator}",
        "tfrac": "\\tfrac{numerator}{denominator}",
        "binom": "\\binom{n}{k}", "dbinom": "\\dbinom{n}{k}", "tbinom": "\\tbinom{n}{k}",
        "sqrt": "\\sqrt{x} or \\sqrt[n]{x}",
        "underset": "\\underset{below}{base}", "overset": "\\overset{above}{base}",
        "stackrel": "\\stackrel{above}{base}",
        "operatorname": "\\operatorname{name}",
    ]
}
