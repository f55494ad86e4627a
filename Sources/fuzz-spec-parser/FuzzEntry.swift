// libFuzzer target: FuzzTargets.specParser on every input. scripts/fuzz builds it with
// -sanitize=fuzzer,address and -DFUZZING; any other build makes a program that only says so.
#if FUZZING
import FuzzTargets

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTargets.specParser(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}

// SwiftPM links an executable's entry point under this name; it hands control to libFuzzer.
@_cdecl("fuzz_spec_parser_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in
        FuzzTargets.specParser(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
        return 0
    }
}
#else
@main
struct NotFuzzing {
    static func main() {
        print("Build this target with scripts/fuzz, which links it to libFuzzer.")
    }
}
#endif
