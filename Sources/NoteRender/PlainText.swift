import Foundation

/// The text of inlines without markup, for titles, summaries, anchors and alt text.
enum PlainText {
    /// Returns the text; `includingMath` keeps each formula's TeX, which titles want and
    /// heading anchors do not.
    static func of(_ inlines: [PageInline], includingMath: Bool = true) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let text), .code(let text): text
            case .softBreak, .lineBreak: " "
            case .emphasis(let children), .strong(let children), .link(_, _, let children): of(children, includingMath: includingMath)
            case .image(_, _, let alt): alt
            case .math(let formula): includingMath ? formula.tex : ""
            case .rawHTML: ""
            }
        }.joined()
    }
}

/// Heading anchors as GitHub makes them: lower case, punctuation dropped, spaces to
/// hyphens, and `-1`, `-2` appended to repeats.
struct AnchorNames {
    private var used: Set<String> = []
    private var repeats: [String: Int] = [:]

    mutating func unique(for title: String) -> String {
        var slug = Self.asciiSlug(title) ?? Self.slug(title)
        if slug.isEmpty { slug = "section" }

        // A numbered repeat may collide with a heading that is itself named like one, as
        // "Repeat", "Repeat-1", "Repeat": count on until the name is free.
        var candidate = slug
        var count = repeats[slug, default: 0]
        while used.contains(candidate) {
            count += 1
            candidate = "\(slug)-\(count)"
        }
        repeats[slug] = count
        used.insert(candidate)
        return candidate
    }

    /// Returns the title without white space at its ends, in lower case, with letters, digits,
    /// `-` and `_` kept, spaces made hyphens and everything else dropped.
    static func slug(_ title: String) -> String {
        var slug = ""
        for character in title.trimmingCharacters(in: .whitespaces).lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character == " " {
                slug.append("-")
            }
        }
        return slug
    }

    /// Returns what `slug` returns for an ASCII title, from its bytes, or nil for any other
    /// title. In ASCII the white space trimmed is space and tab, the letters are A-Z and a-z,
    /// and the digits 0-9.
    static func asciiSlug(_ title: String) -> String? {
        let bytes = Array(title.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        var slug: [UInt8] = []
        slug.reserveCapacity(last - first + 1)
        for byte in bytes[first...last] {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): slug.append(byte + 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                slug.append(byte)
            case UInt8(ascii: " "): slug.append(UInt8(ascii: "-"))
            default: break
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }
}

extension String {
    /// Returns whether the text contains `needle`, compared byte for byte. Foundation's
    /// `contains` searches with locale rules and is many times slower on the TeX that
    /// explanations check for signs.
    func containsBytes(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        var index = utf8.startIndex
        while let found = utf8[index...].firstIndex(of: first) {
            if utf8[found...].starts(with: pattern) { return true }
            index = utf8.index(after: found)
        }
        return false
    }
}
