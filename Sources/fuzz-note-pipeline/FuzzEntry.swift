// libFuzzer target: FuzzTargets.notePipeline on every input. scripts/fuzz builds it with
// -sanitize=fuzzer,address and -DFUZZING; any other build makes a program that only says so.
import FuzzTargets

#if FUZZING
// SwiftPM links an executable's entry point under this name.
@_cdecl("fuzz_note_pipeline_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzTargets.run(argc, argv, FuzzTargets.notePipeline)
}
#else
@main
struct NotFuzzing {
    static func main() {
        print("Build this target with scripts/fuzz, which links it to libFuzzer.")
    }
}
#endif
