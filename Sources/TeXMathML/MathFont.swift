/// A TeX math alphabet such as `\mathbf` or `\mathbb`.
///
/// MathML Core supports no `mathvariant` other than `normal`, so every alphabet except `roman`
/// maps its letters and digits to the Unicode Mathematical Alphanumeric Symbols block
/// (U+1D400–U+1D7FF). Letters missing from that block are taken from the Letterlike Symbols
/// block (U+2100–U+214F), for example ℝ for double-struck R.
enum MathFont: Equatable, Sendable {
    /// `\mathrm` and `\operatorname`: upright letters, which the writer marks with
    /// `mathvariant="normal"` or merges into a multi-letter `<mi>`.
    case roman
    case italic
    case bold
    /// `\boldsymbol` and `\bm`.
    case boldItalic
    /// `\mathcal`.
    case script
    case fraktur
    case doubleStruck
    case sansSerif
    case monospace

    /// Returns the scalar that draws `scalar` in this alphabet, or nil when the alphabet leaves
    /// it unchanged (any scalar other than an ASCII letter, an ASCII digit, a Greek letter,
    /// ∇ or ∂, and some of those in some alphabets).
    func styled(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        switch value {
        case 0x41...0x5A:
            return styledLatin(offset: value - 0x41, isCapital: true)
        case 0x61...0x7A:
            return styledLatin(offset: value - 0x61, isCapital: false)
        case 0x30...0x39:
            return styledDigit(offset: value - 0x30)
        default:
            return styledGreek(scalar)
        }
    }

    private func styledLatin(offset: UInt32, isCapital: Bool) -> Unicode.Scalar? {
        let letter = Character(Unicode.Scalar(UInt8((isCapital ? 0x41 : 0x61) + offset)))
        if let hole = Self.letterlikeHoles[self]?[letter] {
            return Unicode.Scalar(hole)
        }

        let start: UInt32
        switch self {
        case .roman: return nil
        case .bold: start = 0x1D400
        case .italic: start = 0x1D434
        case .boldItalic: start = 0x1D468
        case .script: start = 0x1D49C
        case .fraktur: start = 0x1D504
        case .doubleStruck: start = 0x1D538
        case .sansSerif: start = 0x1D5A0
        case .monospace: start = 0x1D670
        }
        // Each alphabet lists A–Z and then a–z.
        return Unicode.Scalar(start + (isCapital ? 0 : 26) + offset)
    }

    private func styledDigit(offset: UInt32) -> Unicode.Scalar? {
        let start: UInt32
        switch self {
        case .bold, .boldItalic: start = 0x1D7CE
        case .doubleStruck: start = 0x1D7D8
        case .sansSerif: start = 0x1D7E2
        case .monospace: start = 0x1D7F6
        case .roman, .italic, .script, .fraktur: return nil
        }
        return Unicode.Scalar(start + offset)
    }

    /// Maps Greek letters as LaTeX does: `\mathbf` and `\boldsymbol` make capitals bold upright,
    /// `\boldsymbol` also makes lower-case letters, ∂ and the variant forms bold italic, and
    /// `\mathit` makes capitals italic. Other alphabets leave Greek unchanged.
    private func styledGreek(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard let index = Self.greekIndex(of: scalar) else {
            return nil
        }
        let isCapital = index < 25

        // Each Greek alphabet has 58 slots: 25 capitals, ∇, 25 lower-case letters, ∂ and six
        // variant forms, starting at these scalars.
        let boldStart: UInt32 = 0x1D6A8
        let italicStart: UInt32 = 0x1D6E2
        let boldItalicStart: UInt32 = 0x1D71C

        switch self {
        case .bold where isCapital:
            return Unicode.Scalar(boldStart + index)
        case .boldItalic where isCapital || index == 25:
            return Unicode.Scalar(boldStart + index)
        case .boldItalic:
            return Unicode.Scalar(boldItalicStart + index)
        case .italic where isCapital:
            return Unicode.Scalar(italicStart + index)
        default:
            return nil
        }
    }

    /// Returns the slot of a Greek letter, ∇ or ∂ in the Greek part of the Mathematical
    /// Alphanumeric Symbols block, or nil for any other scalar.
    private static func greekIndex(of scalar: Unicode.Scalar) -> UInt32? {
        let value = scalar.value
        switch value {
        case 0x0391...0x03A9 where value != 0x03A2:
            return value - 0x0391
        case 0x03F4:
            return 17  // ϴ fills the unassigned U+03A2 slot.
        case 0x2207:
            return 25
        case 0x03B1...0x03C9:
            return 26 + value - 0x03B1
        case 0x2202:
            return 51
        case 0x03F5:
            return 52
        case 0x03D1:
            return 53
        case 0x03F0:
            return 54
        case 0x03D5:
            return 55
        case 0x03F1:
            return 56
        case 0x03D6:
            return 57
        default:
            return nil
        }
    }

    /// Letters whose slot in the Mathematical Alphanumeric Symbols block is unassigned because
    /// the Letterlike Symbols block already encoded them.
    private static let letterlikeHoles: [MathFont: [Character: UInt32]] = [
        .italic: ["h": 0x210E],
        .script: [
            "B": 0x212C, "E": 0x2130, "F": 0x2131, "H": 0x210B, "I": 0x2110, "L": 0x2112,
            "M": 0x2133, "R": 0x211B, "e": 0x212F, "g": 0x210A, "o": 0x2134,
        ],
        .fraktur: ["C": 0x212D, "H": 0x210C, "I": 0x2111, "R": 0x211C, "Z": 0x2128],
        .doubleStruck: [
            "C": 0x2102, "H": 0x210D, "N": 0x2115, "P": 0x2119, "Q": 0x211A, "R": 0x211D,
            "Z": 0x2124,
        ],
    ]
}
