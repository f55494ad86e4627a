// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "convnote",
    products: [
        .executable(name: "convnote", targets: ["convnote"]),
        .library(name: "ConvolutionEngine", targets: ["ConvolutionEngine"]),
        .library(name: "ConvNote", targets: ["ConvNote"]),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev). Only NoteMarkdown imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "SourceDiagnostics"),
        .target(name: "ConvolutionEngine"),
        .target(name: "TeXMathML", dependencies: ["SourceDiagnostics"]),
        .target(name: "NoteSpec", dependencies: ["ConvolutionEngine", "SourceDiagnostics"]),
        .target(name: "NoteMarkdown", dependencies: ["CCmark", "SourceDiagnostics"]),
        .target(
            name: "NoteRender",
            dependencies: ["ConvolutionEngine", "NoteSpec", "NoteMarkdown", "TeXMathML", "SourceDiagnostics"]
        ),
        .target(
            name: "ConvNote",
            dependencies: ["ConvolutionEngine", "NoteSpec", "NoteMarkdown", "TeXMathML", "NoteRender", "SourceDiagnostics"]
        ),
        .executableTarget(name: "convnote", dependencies: ["ConvNote", "ConvolutionEngine"]),
        // libFuzzer targets: built for fuzzing only by scripts/fuzz, with -sanitize=fuzzer.
        .target(name: "FuzzTargets", dependencies: ["ConvNote", "NoteMarkdown", "NoteSpec", "TeXMathML", "SourceDiagnostics"]),
        .executableTarget(name: "fuzz-spec-parser", dependencies: ["FuzzTargets"]),
        .executableTarget(name: "fuzz-math-prepass", dependencies: ["FuzzTargets"]),
        .executableTarget(name: "fuzz-tex-converter", dependencies: ["FuzzTargets"]),
        .executableTarget(name: "fuzz-note-pipeline", dependencies: ["FuzzTargets"]),
        // Times the engine for docs/benchmarks.md; run through scripts/benchmark, never in tests.
        .executableTarget(name: "convnote-benchmark", dependencies: ["ConvolutionEngine"]),

        .testTarget(name: "ConvolutionEngineTests", dependencies: ["ConvolutionEngine"], resources: [.copy("Reference")]),
        .testTarget(name: "TeXMathMLTests", dependencies: ["TeXMathML"]),
        .testTarget(name: "NoteSpecTests", dependencies: ["NoteSpec"], exclude: ["Differential", "FuzzRegressions"]),
        .testTarget(name: "NoteMarkdownTests", dependencies: ["NoteMarkdown"]),
        .testTarget(name: "NoteRenderTests", dependencies: ["NoteRender"]),
        .testTarget(name: "ConvNoteTests", dependencies: ["ConvNote", "convnote"]),
    ]
)
