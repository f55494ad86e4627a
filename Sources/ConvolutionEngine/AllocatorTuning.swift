#if canImport(Glibc)
import Glibc
#endif

/// Process-wide settings of the C allocator that the engine's large arrays benefit from.
public enum AllocatorTuning {
    /// Makes glibc keep freed memory for reuse instead of returning it to the system.
    ///
    /// By default glibc maps every allocation above a threshold as fresh pages and unmaps
    /// it when it is freed. It raises the threshold only to the size of the last block
    /// freed, and a block of the same size is still mapped afresh. A product of large
    /// matrices allocates blocks of the same few sizes over and over, so each call paid
    /// for page faults and zeroing on every page: about a third of the float benchmark.
    /// Programs call this once, before any work; it changes nothing on other C libraries.
    public static func keepLargeAllocations() {
        #if canImport(Glibc)
        // Swift's Glibc module leaves out malloc.h, so mallopt is looked up by name. The
        // constants are M_TRIM_THRESHOLD (-1) and M_MMAP_THRESHOLD (-3) from malloc.h.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(-3, 256 << 20)
        _ = mallopt(-1, 512 << 20)
        #endif
    }
}
