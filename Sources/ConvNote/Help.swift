/// Help text for every command: what each option sets, its default and its unit.
enum Help {
    /// Returns a command's help, or nil for an unknown command.
    static func text(for command: String) -> String? {
        ["build": build, "check": check, "new": new, "watch": watch, "eval": eval][command]
    }

    static let main = """
    convnote \(CommandLineInterface.version): convolution notes with every number computed and verified

    Usage: convnote COMMAND [OPTIONS]

    Commands:
      build [PATH...] [-o DIR]    Render notes (default: notes/) into HTML pages and GitHub
                                  Markdown in DIR (default: output/).
      check [PATH...] [-o DIR]    Verify every spec, expectation and formula, and that DIR
                                  holds what build would write. --fix rewrites failed
                                  expect values in place.
      new NAME                    Write notes/NAME.md from a template that builds as it is.
      watch [PATH...] [-o DIR]    Rebuild each note when it changes, until interrupted.
      eval 'SPEC' [--show NAME]   Evaluate one spec and print its quantities.

    Options:
      -h, --help                  Show help; 'convnote COMMAND --help' shows a command's help.
      --version                   Show the version.

    Exit codes: 0 success, 1 diagnostics or failed checks, 2 invalid usage, 3 I/O failure.

    """

    private static let diagnosticsOption = """
      --diagnostics FORMAT  human (source line and caret), gcc (one line per problem),
                            github (GitHub Actions annotations) or json (one object per
                            line). github and json go to standard output. Default: human
    """

    /// The eval form: eval prints diagnostics on standard error in every format.
    private static let evalDiagnosticsOption = """
      --diagnostics FORMAT  human (source line and caret), gcc (one line per problem),
                            github (GitHub Actions annotations) or json (one object per
                            line). Every format goes to standard error. Default: human
    """

    static let build = """
    Usage: convnote build [PATH...] [-o DIR] [--no-cache] [--allow-raw-html]
                          [--quiet | --verbose] [--diagnostics FORMAT]

    Renders each note into DIR/<path>.html and DIR/<path>.md, plus DIR/index.html when
    every PATH is a directory. Notes build in parallel on all cores. A note whose text and
    convnote binary are unchanged since the last build is read from the cache in
    .convnote-cache (in the current directory) instead of being computed again. A note
    with errors keeps its previous outputs. When every PATH is a directory, the build
    lists its outputs in DIR/.convnote-manifest and deletes the files that the previous
    list names and no note writes any more, such as the pages of a deleted note.

      PATH                  A note (.md) or a directory searched for notes at any depth;
                            files and folders whose names start with a dot, and symbolic
                            links, are skipped. Default: notes
      -o, --output DIR      The output directory; it must not be or contain a PATH.
                            Default: output
      --no-cache            Compute every note again, ignoring and not writing the cache.
      --allow-raw-html      Keep raw HTML from notes in the pages. Off by default, so that
                            a note cannot add markup or script to its page.
      --quiet               Print diagnostics only, without the summary line.
      --verbose             Also print one line per note, saying whether it built or
                            failed, and one per skipped symbolic link.
    \(diagnosticsOption)

    """

    static let check = """
    Usage: convnote check [PATH...] [-o DIR] [--fix] [--no-cache] [--allow-raw-html]
                          [--quiet | --verbose] [--diagnostics FORMAT]

    Evaluates every spec block, compares the independent routes of every quantity, checks
    every expect statement and every formula, and, when DIR exists, reports output files
    that a build would change: missing or out of date files of notes without errors, and
    files left from deleted notes. Writes nothing unless --fix is given.

      PATH                  A note (.md) or a directory searched for notes at any depth.
                            Default: notes
      -o, --output DIR      The output directory to compare with. Default: output
      --fix                 Rewrite each failed expect value with the computed one, in
                            place, then check again. Changes no other byte of a note, and
                            never overwrites a note that changed while it was checked. A
                            note that is a symbolic link is fixed in the file it points to.
      --no-cache            Compute every note again instead of reading the build cache.
      --allow-raw-html      Compare with pages built with --allow-raw-html.
      --quiet               Print diagnostics only, without the summary line.
      --verbose             Also print one line per note, saying whether it passed.
    \(diagnosticsOption)

    """

    static let new = """
    Usage: convnote new NAME

    Writes notes/NAME.md (or NAME.md when NAME contains a /) from a template with front
    matter, a spec block, placeholders and two directives; it builds and passes check as it
    is. Never overwrites an existing file or link. Rejects a NAME that ends with a slash,
    whose file name is empty or starts with a dot, or that contains a control character.

    """

    static let watch = """
    Usage: convnote watch [PATH...] [-o DIR] [--allow-raw-html] [--quiet | --verbose]
                          [--diagnostics FORMAT]

    Builds once, then rebuilds whenever a note below PATH changes, printing one line per
    rebuild with its diagnostics. Uses inotify where the system has it and checks the files'
    modification times every 100 ms otherwise. While a PATH is missing, says so once and
    builds again when it exists. Stops on Ctrl-C.

      PATH                  A note (.md) or a directory of notes. Default: notes
      -o, --output DIR      The output directory. Default: output
      --allow-raw-html      Keep raw HTML from notes in the pages.
      --quiet               Print diagnostics only.
      --verbose             Also print one line per note.
    \(diagnosticsOption)

    """

    static let eval = """
    Usage: convnote eval ['SPEC' | -] [--show NAME...] [--index-base 0|1] [--diagnostics FORMAT]

    Evaluates one spec, written as the body of a conv block, with statements separated by
    newlines or by ; outside brackets. Reads the spec from standard input when it is - or
    missing, up to 8 MiB as for a note. Prints the quantities as aligned matrices, and fails
    on an invalid spec, an overflow or a wrong expect.

      --show NAME...        The quantities to print, such as y dL/dx J_x, separated by
                            spaces or commas. Default: y, dL/dw, dL/dx, and dL/db with a bias
      --index-base 0|1      How selectors and generated symbols count. Default: 1
    \(evalDiagnosticsOption)

    """
}
