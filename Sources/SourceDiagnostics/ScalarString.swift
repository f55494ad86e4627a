extension String {
    /// Makes a string of the given scalars, encoded to UTF-8 in one pass. The parsers cut many
    /// short strings out of their scalar arrays, and `unicodeScalars.append(contentsOf:)`
    /// appends one scalar at a time, which is several times slower.
    public init(scalars: ArraySlice<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            let value = scalar.value
            if value < 0x80 {
                bytes.append(UInt8(value))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
