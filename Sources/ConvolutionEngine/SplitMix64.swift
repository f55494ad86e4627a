/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014): a 64-bit state advanced by 0x9E3779B97F4A7C15 and mixed by two
/// multiply-xorshift rounds. Its output depends only on the seed, never on the platform.
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Returns an integer drawn uniformly from `range` (both ends included), by rejecting
    /// raw values from the incomplete block at the top so that no value is favoured:
    /// `range.lowerBound + r mod span` for the first raw value r below `span·⌊2⁶⁴ / span⌋`.
    public mutating func nextInteger(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
        if span == 0 { return Int(bitPattern: UInt(next())) }
        let limit = UInt64.max - (UInt64.max % span + 1) % span
        while true {
            let raw = next()
            if raw <= limit {
                return range.lowerBound &+ Int(bitPattern: UInt(raw % span))
            }
        }
    }
}


extension SplitMix64 {
    /// Returns a double in [−1, 1) made from the top 53 bits of the next output r:
    /// `(r >> 11) · 2⁻⁵² − 1`.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-52 - 1
    }

    /// Returns the same number as `nextUniform` as an exact fraction over 2⁵².
    public mutating func nextUniformFraction() -> Rational {
        let numerator = Int(next() >> 11) - (1 << 52)
        return Rational(numerator: numerator, denominator: 1 << 52) ?? .invalid
    }
}
