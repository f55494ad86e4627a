/// The delimiters that may follow `\left`, `\right`, `\middle` and `\big`.
enum Delimiters {
    /// Returns the character that `token` draws as a delimiter, the empty string for the null
    /// delimiter `.`, or nil when the token is no delimiter.
    static func text(of token: TeXToken) -> String? {
        switch token.kind {
        case .character(let scalar):
            return characterDelimiters[scalar]
        case .command(let name):
            return commandDelimiters[name]
        case .endOfInput:
            return nil
        }
    }

    /// Returns the TeX for the closing partner of an opening delimiter written as `source`,
    /// such as `)` for `(`, for the hint in a missing `\right` message.
    static func closingPartner(ofSource source: String) -> String {
        closingPartners[source] ?? source
    }

    private static let characterDelimiters: [Unicode.Scalar: String] = [
        "(": "(", ")": ")", "[": "[", "]": "]", "|": "|", "/": "/", ".": "",
        "<": "\u{27E8}", ">": "\u{27E9}",
    ]

    private static let commandDelimiters: [String: String] = [
        "{": "{", "}": "}", "lbrace": "{", "rbrace": "}",
        "|": "\u{2016}", "Vert": "\u{2016}", "lVert": "\u{2016}", "rVert": "\u{2016}",
        "vert": "|", "lvert": "|", "rvert": "|",
        "langle": "\u{27E8}", "rangle": "\u{27E9}",
        "lfloor": "\u{230A}", "rfloor": "\u{230B}",
        "lceil": "\u{2308}", "rceil": "\u{2309}",
        "backslash": "\\",
        "uparrow": "\u{2191}", "downarrow": "\u{2193}", "updownarrow": "\u{2195}",
        "Uparrow": "\u{21D1}", "Downarrow": "\u{21D3}",
    ]

    private static let closingPartners: [String: String] = [
        "(": ")", "[": "]", "<": ">", "\\{": "\\}", "\\lbrace": "\\rbrace",
        "\\langle": "\\rangle", "\\lfloor": "\\rfloor", "\\lceil": "\\rceil",
        "\\lvert": "\\rvert", "\\lVert": "\\rVert",
    ]
}
