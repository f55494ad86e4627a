import ConvolutionEngine
import SourceDiagnostics

/// The check for characters that spec statements never contain: everything outside printable
/// ASCII, tabs and line breaks. Text copied from web pages, PDFs and word processors often
/// carries look-alikes, such as a no-break space or a minus sign. A reader cannot tell them
/// from ASCII on screen, so the diagnostic names the character and its replacement.
enum CharacterCheck {
    /// Returns whether a spec statement may contain `scalar`.
    static func isAccepted(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value >= 0x20 && scalar.value < 0x7F) || scalar == "\t" || scalar == "\r" || scalar == "\n"
    }

    /// Returns the diagnostic for a character that a spec statement may not contain.
    static func diagnostic(_ scalar: Unicode.Scalar, at location: SourceLocation) -> Diagnostic {
        let (kind, advice) = replacement(for: scalar)
        var message = "invalid character \(describe(scalar))"
        if let kind { message += ", which looks like \(kind)" }
        return specError("invalid-character", SourceRange(at: location), message,
                         notes: [advice, "spec statements are ASCII text, and only # comments may contain other characters"])
    }

    /// Describes a character by code point and Unicode name, with its glyph when it is
    /// visible: `U+2212 MINUS SIGN (−)`, `U+00A0 NO-BREAK SPACE`.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        var code = String(scalar.value, radix: 16, uppercase: true)
        while code.count < 4 { code = "0" + code }
        let properties = scalar.properties
        guard let name = properties.name ?? properties.nameAlias else {
            return "U+\(code), a control character"
        }
        let isVisible = !properties.isWhitespace && properties.generalCategory != .format
            && properties.generalCategory != .control && properties.generalCategory != .nonspacingMark
        return isVisible ? "U+\(code) \(name) (\(scalar))" : "U+\(code) \(name)"
    }

    /// Returns what a character looks like, when it imitates an ASCII one, and what to write
    /// instead.
    private static func replacement(for scalar: Unicode.Scalar) -> (looksLike: String?, advice: String) {
        switch scalar.value {
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            return ("a space", "write an ordinary space instead")
        case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD:
            return (nil, "delete it, because it is invisible and has no meaning in a spec")
        case 0x2010...0x2015, 0x2212, 0xFE63, 0xFF0D:
            return ("a hyphen-minus", "write a hyphen-minus, -, instead")
        case 0x00D7, 0x2715, 0x2A09:
            return ("x or *", "write x in a shape, as in 3x3, or * for a product, as in (2 * a)")
        case 0x00B7, 0x2219, 0x22C5, 0x2022:
            return ("*", "write * for a product, as in (2 * a)")
        case 0x00F7, 0x2044, 0x2215, 0x2236:
            return ("/", "write / for a quotient, as in 3/4")
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032:
            return ("an apostrophe", "delete it, because spec statements contain no quotes")
        case 0x201C...0x201F, 0x2033:
            return ("a double quote", "delete it, because spec statements contain no quotes")
        case 0x00B9, 0x00B2, 0x00B3, 0x2070...0x2079:
            return ("a superscript", "write a power with ^, as in (a^2)")
        case 0xFF01...0xFF5E:
            let ascii = Unicode.Scalar(scalar.value - 0xFEE0) ?? "?"
            return ("\(ascii)", "write the ASCII character \(ascii) instead")
        default:
            if let name = greekLetters.first(where: { $0.value.unicodeScalars.first == scalar })?.key {
                return (nil, "write the letter's name, \(name), which convnote shows as \(scalar)")
            }
            return (nil, "delete it or retype it in ASCII")
        }
    }
}
