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
        var slug = ""
        for character in title.trimmingCharacters(in: .whitespaces).lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character == " " {
                slug.append("-")
            }
        }
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
