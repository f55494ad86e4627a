import Testing
@testable import NoteRender

/// Heading anchors must match the ids GitHub gives the same headings, so that links into
/// the Markdown output and into the HTML pages agree.
@Suite struct AnchorTests {
    @Test(arguments: [
        ("Convolution, forward and backward", "convolution-forward-and-backward"),
        ("Part 1: the kernel gradient through im2col", "part-1-the-kernel-gradient-through-im2col"),
        ("C++ & Rust", "c--rust"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("Über Größe", "über-größe"),
        ("UPPER lower", "upper-lower"),
        ("What's new?", "whats-new"),
    ])
    func slugLikeGitHub(_ title: String, _ expected: String) {
        var anchors = AnchorNames()

        #expect(anchors.unique(for: title) == expected)
    }

    @Test func repeatsAreNumbered() {
        var anchors = AnchorNames()

        #expect(anchors.unique(for: "Setup") == "setup")
        #expect(anchors.unique(for: "Setup") == "setup-1")
        #expect(anchors.unique(for: "Setup") == "setup-2")
        #expect(anchors.unique(for: "Other") == "other")
    }

    @Test func emptyTitleGetsName() {
        var anchors = AnchorNames()

        #expect(anchors.unique(for: "???") == "section")
        #expect(anchors.unique(for: "") == "section-1")
    }

    /// GitHub skips a number that another heading already took as its own slug: "A", "A-1",
    /// "A" give a, a-1, a-2.
    @Test func repeatSkipsTakenSlug() {
        var anchors = AnchorNames()

        let ids = ["Repeat", "Repeat-1", "Repeat"].map { anchors.unique(for: $0) }

        #expect(ids == ["repeat", "repeat-1", "repeat-2"])
        #expect(Set(ids).count == ids.count)
    }

    @Test func pageHeadingsAreNumbered() {
        let page = render("# Note\n\n## Details\n\nText.\n\n## Details\n\nMore.\n").html

        #expect(page.contains("<h2 id=\"details\">Details <a class=\"anchor\" href=\"#details\""))
        #expect(page.contains("<h2 id=\"details-1\">Details <a class=\"anchor\" href=\"#details-1\""))
    }

    @Test func generatedHeadingsShareNumbering() {
        let note = """
            # Note

            ## Forward pass

            ```conv
            x = [1 2 3; 4 5 6; 7 8 9]
            w = [1 2; 3 4]
            ```

            {{ explain all }}

            """

        let page = render(note).html

        #expect(page.contains("<h2 id=\"forward-pass\">Forward pass "))
        #expect(page.contains("<h3 id=\"forward-pass-1\">Forward pass "))
        #expect(page.contains("<h3 id=\"weight-gradient\">Weight gradient "))
    }

    /// Returns every `id` attribute of a page, in order.
    private func ids(_ page: String) -> [String] {
        page.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func specAfterSameHeadingIsNumbered() {
        let note = """
            # Spec a

            ```conv a
            x = [1 2; 3 4]
            w = [[1]]
            ```

            """

        let page = render(note).html

        #expect(page.contains("<h1 id=\"spec-a\">Spec a "))
        #expect(page.contains("<figure class=\"spec\" id=\"spec-a-1\">"))
        #expect(ids(page).filter { $0 == "spec-a" }.count == 1)
    }

    /// Headings keep the ids GitHub gives them, so a later heading keeps its id and the
    /// spec card above it is numbered.
    @Test func specBeforeSameHeadingIsNumbered() {
        let note = """
            # Note

            ```conv a
            x = [1 2; 3 4]
            w = [[1]]
            ```

            ## Spec a

            ```conv b
            x = [1 2; 3 4]
            w = [[2]]
            ```

            """

        let page = render(note).html

        #expect(page.contains("<h2 id=\"spec-a\">Spec a "))
        #expect(page.contains("<figure class=\"spec\" id=\"spec-a-1\">"))
        #expect(page.contains("<figure class=\"spec\" id=\"spec-b\">"))
        #expect(Set(ids(page)).count == ids(page).count)
    }

    @Test func specNumberingSkipsTakenIds() {
        let note = """
            # Spec a

            ## Spec a 1

            ```conv a
            x = [1 2; 3 4]
            w = [[1]]
            ```

            """

        let page = render(note).html

        #expect(ids(page) == ["spec-a", "spec-a-1", "spec-a-2"])
    }

    @Test func headingInQuoteNumbersSpec() {
        let note = """
            # Note

            > ## Spec a

            ```conv a
            x = [1 2; 3 4]
            w = [[1]]
            ```

            """

        let page = render(note).html

        #expect(page.contains("<figure class=\"spec\" id=\"spec-a-1\">"))
    }

    @Test func specWithoutClashKeepsId() {
        let note = """
            # Note

            ```conv seed
            x = [1 2; 3 4]
            w = [[1]]
            ```

            """

        let page = render(note).html

        #expect(page.contains("<figure class=\"spec\" id=\"spec-seed\">"))
    }

    @Test func frontMatterTitleAvoidsHeadingId() {
        let note = """
            ---
            title: A note
            ---
            ## Title

            Text.

            """

        let page = render(note).html

        #expect(page.contains("<h1 id=\"title-1\">A note "))
        #expect(page.contains("<h2 id=\"title\">Title "))
    }
}
