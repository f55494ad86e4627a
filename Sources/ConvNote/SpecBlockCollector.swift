import NoteMarkdown
import NoteSpec
import SourceDiagnostics

/// A spec block found in a note: its name (nil when unnamed), its lines and its fence.
struct SpecBlockSource {
    var name: String?
    var nameError: Diagnostic?
    var lines: [LocatedLine]
    var location: SourceLocation
}

/// Finds spec blocks in document order, inside lists and quotes too, by the same rule the
/// renderer uses: a code block whose info string starts with the word `conv`.
enum SpecBlockCollector {
    static func collect(_ blocks: [Block]) -> [SpecBlockSource] {
        var found: [SpecBlockSource] = []
        for block in blocks {
            switch block {
            case .codeBlock(let info, _, let lines, let location):
                if let (name, error) = specBlockName(info: info, at: location) {
                    found.append(SpecBlockSource(name: name, nameError: error, lines: lines, location: location))
                }
            case .blockQuote(let children):
                found += collect(children)
            case .list(_, _, _, let items):
                for item in items { found += collect(item) }
            default:
                break
            }
        }
        return found
    }
}
