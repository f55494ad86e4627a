import SourceDiagnostics
import Testing

/// `pieces(separatedBy:)` must split exactly where the character split does, including
/// around the grapheme clusters that a byte scan could cut.
@Suite struct BytePiecesTests {
    static let texts = [
        "", "$", "$$", "a$b$c", "$x$ and $y$", "no separator",
        "a\nb\n", "\n\n", "line\r\nnext\nlast", "\r\n", "\r\r\n\n",
        "é$ü$", "$\u{301}x$y", "x $\u{20DD} y", "日本$語", "a\n\u{301}b",
    ]

    @Test(arguments: texts)
    func dollarPiecesMatchTheCharacterSplit(text: String) {
        let expected = text.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        #expect(text.pieces(separatedBy: UInt8(ascii: "$")).map(String.init) == expected)
    }

    @Test(arguments: texts)
    func linePiecesMatchTheCharacterSplit(text: String) {
        let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(text.pieces(separatedBy: UInt8(ascii: "\n")).map(String.init) == expected)
    }

    @Test func crlfStaysOnePiece() {
        #expect("a\r\nb\nc".pieces(separatedBy: UInt8(ascii: "\n")) == ["a\r\nb", "c"])
        #expect("a\r\nb".pieces(separatedBy: UInt8(ascii: "\r")) == ["a\r\nb"])
    }

    @Test func aCombiningMarkKeepsTheDollarWithIt() {
        #expect("a$\u{301}b$c".pieces(separatedBy: UInt8(ascii: "$")) == ["a$\u{301}b", "c"])
    }
}
