extension StringProtocol {
    /// The number of Unicode scalars, which `unicodeScalars.count` also gives. It counts the
    /// UTF-8 bytes that start a scalar, which takes fewer instructions than decoding each one.
    public var unicodeScalarCount: Int {
        utf8.withContiguousStorageIfAvailable { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 {
                count += 1
            }
            return count
        } ?? unicodeScalars.count
    }
}
