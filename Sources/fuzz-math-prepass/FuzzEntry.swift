// libFuzzer target: FuzzTargets.mathPrepass on every input. scripts/fuzz builds it with
// -sanitize=fuzzer,address and -DFUZZING; any other build makes a program that only says so.
import FuzzTargets

#if FUZZING
// SwiftPM links an executable's entry point under this name.
@_cdecl("fuzz_math_prepass_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzTargets.run(argc, argv, FuzzTargets.mathPrepass)
}
#else
@main
struct NotFuzzing {
    static func main() {
        print("Build this target with scripts/fuzz, which links it to libFuzzer.")
    }
}
#endif
