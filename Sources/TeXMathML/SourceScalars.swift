/// Checks of the raw formula text before any parsing.
enum SourceScalars {
    /// Splits `tex` into Unicode scalars, the unit of every offset in a `TeXError`.
    ///
    /// Throws when the formula is longer than `ConversionLimits.maximumInputLength` or contains
    /// a scalar that XML 1.0 and HTML forbid in text (control characters other than tab, line
    /// feed and carriage return, and noncharacters). The annotation repeats the whole source,
    /// so such a scalar anywhere, even in a TeX comment, would break the output.
    static func validated(_ tex: String) throws(TeXError) -> [Unicode.Scalar] {
        // A string has at most as many scalars as UTF-8 bytes, so only long text needs counting.
        if tex.utf8.count > ConversionLimits.maximumInputLength {
            let length = tex.unicodeScalars.count
            guard length <= ConversionLimits.maximumInputLength else {
                throw TeXError.inputTooLong(length: length)
            }
        }

        if let scalars = asciiScalars(tex) {
            return scalars
        }

        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(tex.utf8.count)
        for scalar in tex.unicodeScalars {
            guard !isForbidden(scalar) else {
                throw TeXError.forbiddenScalar(scalar, offset: scalars.count)
            }
            scalars.append(scalar)
        }
        return scalars
    }

    /// Returns the scalars of `tex` when all of it is printable ASCII, tab, line feed or carriage
    /// return, or nil otherwise. Most TeX is, and then each byte is a scalar, which is much
    /// faster than decoding UTF-8. The general loop reports any forbidden scalar.
    private static func asciiScalars(_ tex: String) -> [Unicode.Scalar]? {
        let scalars = tex.utf8.withContiguousStorageIfAvailable { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, initializedCount in
                // Stops at the first other byte, which leaves the array short.
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    let isAllowed = (byte >= 0x20 && byte < 0x7F) || byte == 0x09 || byte == 0x0A || byte == 0x0D
                    guard isAllowed else {
                        return
                    }
                    buffer[index] = Unicode.Scalar(byte)
                    initializedCount = index + 1
                }
            }
        }
        guard let scalars, scalars.count == tex.utf8.count else {
            return nil
        }
        return scalars
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x09, 0x0A, 0x0D:
            return false
        case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF:
            return true
        default:
            // U+FFFE, U+FFFF and the last two scalars of every other plane are noncharacters.
            return value & 0xFFFE == 0xFFFE
        }
    }
}
