import ConvNote
import NoteMarkdown
import NoteSpec
import SourceDiagnostics
import TeXMathML

/// What each libFuzzer target does with one input. The fuzz executables call these; the
/// functions themselves need no fuzzer and build with the rest of the package.
public enum FuzzTargets {
    /// Parses the bytes as the body of a spec block, and evaluates and checks the spec when
    /// it parses.
    public static func specParser(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            SpecLine(text: String($1), location: SourceLocation(line: $0 + 1, column: 1))
        }
        let parsed = SpecParser().parse(name: "fuzz", range: SourceRange(at: SourceLocation(line: 1, column: 1)), lines: lines)
        guard parsed.canEvaluate, let spec = try? SpecEvaluator(indexBase: 1).evaluate(parsed.spec) else { return }
        for expectation in parsed.spec.expectations { _ = spec.check(expectation) }
    }

    /// Parses the bytes as a note: front matter, math protection and cmark, without specs.
    public static func mathPrepass(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = NoteParser.parse(String(decoding: bytes, as: UTF8.self))
    }

    /// Converts the bytes as TeX, inline and as a display formula.
    public static func texConverter(_ bytes: UnsafeBufferPointer<UInt8>) {
        let tex = String(decoding: bytes, as: UTF8.self)
        _ = try? TeXMathML.convert(tex, display: .inline)
        _ = try? TeXMathML.convert(tex, display: .block)
    }

    /// Runs the bytes through the whole pipeline as a note, both outputs included.
    public static func notePipeline(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = NoteProcessor(generator: "convnote fuzz").process(String(decoding: bytes, as: UTF8.self), fileStem: "fuzz")
    }
}

#if FUZZING
// The libFuzzer glue, compiled only by scripts/fuzz (-DFUZZING), where the fuzzer runtime
// is linked in.

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The target that `LLVMFuzzerTestOneInput` runs; a fuzz executable sets it once at start.
nonisolated(unsafe) private var currentTarget: (UnsafeBufferPointer<UInt8>) -> Void = { _ in }

/// libFuzzer's per-input entry point. Its own `main` refers to it, so every fuzz
/// executable must define it, even though `FuzzTargets.run` starts the fuzzer itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    currentTarget(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}

extension FuzzTargets {
    /// Runs libFuzzer with the command-line arguments on `target`; returns its exit code.
    public static func run(
        _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ target: @escaping (UnsafeBufferPointer<UInt8>) -> Void
    ) -> Int32 {
        currentTarget = target
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
    }
}
#endif
