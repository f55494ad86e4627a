/// Symbol commands by name, without the backslash, each mapped to the Unicode character that
/// LaTeX draws for it.
enum SymbolTables {
    /// Greek letters. Lower-case letters are italic as in TeX, and the capitals TeX defines are
    /// upright. The `\var…` capitals are the amsmath italic forms.
    static let greekLetters: [String: CommandMeaning] = {
        var table: [String: CommandMeaning] = [:]
        let lowerCase: [(String, UInt32)] = [
            ("alpha", 0x03B1), ("beta", 0x03B2), ("gamma", 0x03B3), ("delta", 0x03B4),
            ("epsilon", 0x03F5), ("varepsilon", 0x03B5), ("zeta", 0x03B6), ("eta", 0x03B7),
            ("theta", 0x03B8), ("vartheta", 0x03D1), ("iota", 0x03B9), ("kappa", 0x03BA),
            ("varkappa", 0x03F0), ("lambda", 0x03BB), ("mu", 0x03BC), ("nu", 0x03BD),
            ("xi", 0x03BE), ("omicron", 0x03BF), ("pi", 0x03C0), ("varpi", 0x03D6),
            ("rho", 0x03C1), ("varrho", 0x03F1), ("sigma", 0x03C3), ("varsigma", 0x03C2),
            ("tau", 0x03C4), ("upsilon", 0x03C5), ("phi", 0x03D5), ("varphi", 0x03C6),
            ("chi", 0x03C7), ("psi", 0x03C8), ("omega", 0x03C9),
        ]
        let capitals: [(String, UInt32)] = [
            ("Gamma", 0x0393), ("Delta", 0x0394), ("Theta", 0x0398), ("Lambda", 0x039B),
            ("Xi", 0x039E), ("Pi", 0x03A0), ("Sigma", 0x03A3), ("Upsilon", 0x03A5),
            ("Phi", 0x03A6), ("Psi", 0x03A8), ("Omega", 0x03A9),
        ]
        for (name, value) in lowerCase {
            if let scalar = Unicode.Scalar(value) {
                table[name] = .identifier(scalar, isUpright: false)
            }
        }
        for (name, value) in capitals {
            if let scalar = Unicode.Scalar(value) {
                table[name] = .identifier(scalar, isUpright: true)
                table["var" + name] = .identifier(scalar, isUpright: false)
            }
        }
        return table
    }()

    /// Ordinary symbols drawn as `<mi>`. ∇ is upright as in TeX, where MathML Core would
    /// otherwise draw a lone ∇ in italic.
    static let ordinarySymbols: [String: CommandMeaning] = [
        "partial": .identifier("\u{2202}", isUpright: false),
        "nabla": .identifier("\u{2207}", isUpright: true),
        "infty": .identifier("\u{221E}", isUpright: false),
        "ell": .identifier("\u{2113}", isUpright: false),
        "hbar": .identifier("\u{210F}", isUpright: false),
        "imath": .identifier("\u{0131}", isUpright: false),
        "jmath": .identifier("\u{0237}", isUpright: false),
        "emptyset": .identifier("\u{2205}", isUpright: false),
        "varnothing": .identifier("\u{2205}", isUpright: false),
        "Re": .identifier("\u{211C}", isUpright: false),
        "Im": .identifier("\u{2111}", isUpright: false),
        "aleph": .identifier("\u{2135}", isUpright: false),
        "top": .identifier("\u{22A4}", isUpright: false),
        "bot": .identifier("\u{22A5}", isUpright: false),
        "angle": .identifier("\u{2220}", isUpright: false),
        "triangle": .identifier("\u{25B3}", isUpright: false),
        "#": .identifier("#", isUpright: false),
        "$": .identifier("$", isUpright: false),
        "_": .identifier("_", isUpright: false),
    ]

    /// Binary operators. The MathML Core operator dictionary gives them medium space.
    static let binaryOperators: [String: CommandMeaning] = operators(kind: .operator, [
        ("pm", "\u{00B1}"), ("mp", "\u{2213}"), ("times", "\u{00D7}"), ("div", "\u{00F7}"),
        ("cdot", "\u{22C5}"), ("ast", "\u{2217}"), ("star", "\u{22C6}"), ("circ", "\u{2218}"),
        ("bullet", "\u{2219}"), ("otimes", "\u{2297}"), ("oplus", "\u{2295}"),
        ("ominus", "\u{2296}"), ("odot", "\u{2299}"), ("oslash", "\u{2298}"),
        ("setminus", "\u{2216}"), ("cup", "\u{222A}"), ("cap", "\u{2229}"),
        ("sqcup", "\u{2294}"), ("sqcap", "\u{2293}"), ("uplus", "\u{228E}"),
        ("wedge", "\u{2227}"), ("land", "\u{2227}"), ("vee", "\u{2228}"), ("lor", "\u{2228}"),
    ])

    /// Relations and arrows. The MathML Core operator dictionary gives them thick space.
    static let relations: [String: CommandMeaning] = operators(kind: .operator, [
        ("leq", "\u{2264}"), ("le", "\u{2264}"), ("geq", "\u{2265}"), ("ge", "\u{2265}"),
        ("leqslant", "\u{2A7D}"), ("geqslant", "\u{2A7E}"), ("neq", "\u{2260}"),
        ("ne", "\u{2260}"), ("approx", "\u{2248}"), ("equiv", "\u{2261}"), ("sim", "\u{223C}"),
        ("simeq", "\u{2243}"), ("cong", "\u{2245}"), ("propto", "\u{221D}"),
        ("asymp", "\u{224D}"), ("doteq", "\u{2250}"), ("triangleq", "\u{225C}"),
        ("coloneqq", "\u{2254}"), ("lesssim", "\u{2272}"), ("gtrsim", "\u{2273}"),
        ("prec", "\u{227A}"), ("succ", "\u{227B}"), ("preceq", "\u{2AAF}"),
        ("succeq", "\u{2AB0}"), ("ll", "\u{226A}"), ("gg", "\u{226B}"),
        ("in", "\u{2208}"), ("notin", "\u{2209}"), ("ni", "\u{220B}"),
        ("subset", "\u{2282}"), ("subseteq", "\u{2286}"), ("supset", "\u{2283}"),
        ("supseteq", "\u{2287}"), ("perp", "\u{27C2}"), ("parallel", "\u{2225}"),
        ("nmid", "\u{2224}"), ("models", "\u{22A8}"), ("vdash", "\u{22A2}"),
        ("to", "\u{2192}"), ("rightarrow", "\u{2192}"), ("leftarrow", "\u{2190}"),
        ("gets", "\u{2190}"), ("leftrightarrow", "\u{2194}"), ("Rightarrow", "\u{21D2}"),
        ("Leftarrow", "\u{21D0}"), ("Leftrightarrow", "\u{21D4}"),
        ("longrightarrow", "\u{27F6}"), ("longleftarrow", "\u{27F5}"),
        ("Longrightarrow", "\u{27F9}"), ("Longleftarrow", "\u{27F8}"),
        ("Longleftrightarrow", "\u{27FA}"), ("mapsto", "\u{21A6}"), ("longmapsto", "\u{27FC}"),
        ("uparrow", "\u{2191}"), ("downarrow", "\u{2193}"), ("hookrightarrow", "\u{21AA}"),
    ])

    /// Symbols whose TeX spacing differs from the MathML Core operator dictionary, so their
    /// space is set explicitly.
    static let spacedSymbols: [String: CommandMeaning] = {
        // amsmath defines \implies as \; \Longrightarrow \; : a relation's thick space plus
        // another thick space (5/18 em) on each side.
        let doubleThick = "0.5556em"
        let thick = "0.2778em"
        var colon = MathOperator(":")
        colon.leftSpace = "0"
        colon.rightSpace = "0.1667em"
        var mid = MathOperator.spaced("\u{2223}", by: thick)
        mid.isStretchy = false
        return [
            "implies": .symbol(.spaced("\u{27F9}", by: doubleThick), .operator),
            "impliedby": .symbol(.spaced("\u{27F8}", by: doubleThick), .operator),
            "iff": .symbol(.spaced("\u{27FA}", by: doubleThick), .operator),
            "mid": .symbol(mid, .operator),
            "colon": .symbol(colon, .operator),
            "bmod": .symbol(.spaced("mod", by: "0.2222em"), .operator),
            "forall": .symbol(.ordinary("\u{2200}"), .ordinary),
            "exists": .symbol(.ordinary("\u{2203}"), .ordinary),
            "nexists": .symbol(.ordinary("\u{2204}"), .ordinary),
            "neg": .symbol(.ordinary("\u{00AC}"), .ordinary),
            "lnot": .symbol(.ordinary("\u{00AC}"), .ordinary),
            "prime": .symbol(.ordinary("\u{2032}"), .ordinary),
            "ldots": .symbol(.ordinary("\u{2026}"), .ordinary),
            "dots": .symbol(.ordinary("\u{2026}"), .ordinary),
            "dotsc": .symbol(.ordinary("\u{2026}"), .ordinary),
            "cdots": .symbol(.ordinary("\u{22EF}"), .ordinary),
            "dotsb": .symbol(.ordinary("\u{22EF}"), .ordinary),
            "vdots": .symbol(.ordinary("\u{22EE}"), .ordinary),
            "ddots": .symbol(.ordinary("\u{22F1}"), .ordinary),
            "%": .symbol(.ordinary("%"), .ordinary),
            "&": .symbol(.ordinary("&"), .ordinary),
        ]
    }()

    /// Delimiters used on their own, outside `\left … \right`. They keep their natural size,
    /// as in TeX, so they are marked non-stretchy.
    static let delimiterSymbols: [String: CommandMeaning] = {
        func open(_ text: String) -> CommandMeaning {
            .symbol(MathOperator(text, form: .prefix, isStretchy: false), .open)
        }
        func close(_ text: String) -> CommandMeaning {
            .symbol(MathOperator(text, form: .postfix, isStretchy: false), .operator)
        }
        func plain(_ text: String) -> CommandMeaning {
            var symbol = MathOperator.ordinary(text)
            symbol.isStretchy = false
            return .symbol(symbol, .ordinary)
        }
        return [
            "{": open("{"), "}": close("}"), "lbrace": open("{"), "rbrace": close("}"),
            "langle": open("\u{27E8}"), "rangle": close("\u{27E9}"),
            "lfloor": open("\u{230A}"), "rfloor": close("\u{230B}"),
            "lceil": open("\u{2308}"), "rceil": close("\u{2309}"),
            "lvert": open("|"), "rvert": close("|"),
            "lVert": open("\u{2016}"), "rVert": close("\u{2016}"),
            "vert": plain("|"), "Vert": plain("\u{2016}"), "|": plain("\u{2016}"),
            "backslash": plain("\\"),
        ]
    }()

    private static func operators(
        kind: AtomKind, _ entries: [(String, String)]
    ) -> [String: CommandMeaning] {
        var table: [String: CommandMeaning] = [:]
        for (name, text) in entries {
            table[name] = .symbol(MathOperator(text), kind)
        }
        return table
    }
}
