/// Computes products of rational matrices whose entries are all integers, in plain 64-bit integer
/// arithmetic with every step checked for overflow.
///
/// Integer specs are the common case, and the generic product pays for fractions it never
/// meets. Each entry is the same sum, in the same order, as the generic product computes.
/// When any step overflows the caller falls back to the generic product, which marks the
/// entries that overflow as invalid.
enum IntegerProduct {
    /// Returns `a · b`, or nil when an entry is not an integer or a step overflows.
    static func product(_ a: Tensor<Rational>, _ b: Tensor<Rational>) -> Tensor<Rational>? {
        let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[1])
        guard let left = integers(a), let right = integers(b) else { return nil }
        var result = [Int](repeating: 0, count: rows * columns)
        var overflowed = false
        left.withUnsafeBufferPointer { left in
            right.withUnsafeBufferPointer { right in
                result.withUnsafeMutableBufferPointer { output in
                    for row in 0..<rows {
                        for k in 0..<inner {
                            let factor = left[row * inner + k]
                            if factor == 0 { continue }
                            let source = k * columns
                            let target = row * columns
                            for column in 0..<columns {
                                let (term, o1) = factor.multipliedReportingOverflow(by: right[source + column])
                                let (sum, o2) = output[target + column].addingReportingOverflow(term)
                                overflowed = overflowed || o1 || o2
                                output[target + column] = sum
                            }
                        }
                        if overflowed { return }
                    }
                }
            }
        }
        return overflowed ? nil : Tensor(shape: [rows, columns], scalars: result.map(Rational.init))
    }

    /// Returns `a · bᵀ`, or nil as for `product`.
    static func productTransposingRight(_ a: Tensor<Rational>, _ b: Tensor<Rational>) -> Tensor<Rational>? {
        let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[0])
        guard let left = integers(a), let right = integers(b) else { return nil }
        var result = [Int](repeating: 0, count: rows * columns)
        var overflowed = false
        left.withUnsafeBufferPointer { left in
            right.withUnsafeBufferPointer { right in
                for row in 0..<rows {
                    for column in 0..<columns {
                        var sum = 0
                        for k in 0..<inner {
                            let (term, o1) = left[row * inner + k].multipliedReportingOverflow(by: right[column * inner + k])
                            let (next, o2) = sum.addingReportingOverflow(term)
                            overflowed = overflowed || o1 || o2
                            sum = next
                        }
                        result[row * columns + column] = sum
                    }
                    if overflowed { return }
                }
            }
        }
        return overflowed ? nil : Tensor(shape: [rows, columns], scalars: result.map(Rational.init))
    }

    /// Returns the numerators, or nil when an entry is a fraction or invalid.
    private static func integers(_ matrix: Tensor<Rational>) -> [Int]? {
        var values: [Int] = []
        values.reserveCapacity(matrix.scalars.count)
        for scalar in matrix.scalars {
            guard scalar.denominator == 1 else { return nil }
            values.append(scalar.numerator)
        }
        return values
    }
}
