/// Ids of the page elements that are not note headings: spec cards and the title heading
/// that front matter adds. Headings keep the ids GitHub gives them, so that links into the
/// Markdown output and into the HTML page agree. Another element whose id a heading
/// already has gets `-1`, `-2`, ... appended, as GitHub numbers repeated headings.
enum PageAnchors {
    /// Returns the blocks with every spec card's id made unique in the page: `spec-NAME`,
    /// or a numbered variant when a heading already has that id.
    static func assigningSpecAnchors(_ blocks: [PageBlock]) -> [PageBlock] {
        var used = headingAnchors(blocks)
        return assigningSpecAnchors(blocks, used: &used)
    }

    /// Returns `base`, or the first of `base-1`, `base-2`, ... that no heading of the page has.
    static func unused(_ base: String, in blocks: [PageBlock]) -> String {
        var used = headingAnchors(blocks)
        return unused(base, used: &used)
    }

    private static func unused(_ base: String, used: inout Set<String>) -> String {
        var candidate = base
        var count = 0
        while used.contains(candidate) {
            count += 1
            candidate = "\(base)-\(count)"
        }
        used.insert(candidate)
        return candidate
    }

    private static func assigningSpecAnchors(_ blocks: [PageBlock], used: inout Set<String>) -> [PageBlock] {
        var result: [PageBlock] = []
        for block in blocks {
            switch block {
            case .spec(var card):
                card.anchor = unused("spec-" + card.name, used: &used)
                result.append(.spec(card))
            case .quote(let children):
                result.append(.quote(assigningSpecAnchors(children, used: &used)))
            case .list(let ordered, let start, let tight, let items):
                var assigned: [[PageBlock]] = []
                for item in items { assigned.append(assigningSpecAnchors(item, used: &used)) }
                result.append(.list(ordered: ordered, start: start, tight: tight, items: assigned))
            default:
                result.append(block)
            }
        }
        return result
    }

    /// Returns the ids of every heading, inside block quotes and lists too.
    private static func headingAnchors(_ blocks: [PageBlock]) -> Set<String> {
        var anchors: Set<String> = []
        for block in blocks {
            switch block {
            case .heading(_, _, let anchor):
                anchors.insert(anchor)
            case .quote(let children):
                anchors.formUnion(headingAnchors(children))
            case .list(_, _, _, let items):
                for item in items { anchors.formUnion(headingAnchors(item)) }
            default:
                break
            }
        }
        return anchors
    }
}
