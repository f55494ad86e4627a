/// Computes products of integer matrices in plain 64-bit integer arithmetic with every step
/// checked for overflow.
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
        let exact = left.withUnsafeBufferPointer { left in
            right.withUnsafeBufferPointer { right in
                result.withUnsafeMutableBufferPointer { result in
                    product(left, right, into: result, rows: rows, inner: inner, columns: columns)
                }
            }
        }
        return exact ? Tensor(shape: [rows, columns], scalars: result.map(Rational.init)) : nil
    }

    /// Returns `a · bᵀ`, or nil as for `product`.
    static func productTransposingRight(_ a: Tensor<Rational>, _ b: Tensor<Rational>) -> Tensor<Rational>? {
        let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[0])
        guard let left = integers(a), let right = integers(b) else { return nil }
        var result = [Int](repeating: 0, count: rows * columns)
        let exact = left.withUnsafeBufferPointer { left in
            right.withUnsafeBufferPointer { right in
                result.withUnsafeMutableBufferPointer { result in
                    productTransposingRight(left, right, into: result, rows: rows, inner: inner, columns: columns)
                }
            }
        }
        return exact ? Tensor(shape: [rows, columns], scalars: result.map(Rational.init)) : nil
    }

    /// Returns `a · b`, or nil when an entry is invalid or a step overflows. A result entry
    /// of `Int.min` reads as invalid, which is only too strict.
    static func product(_ a: Tensor<CheckedInteger>, _ b: Tensor<CheckedInteger>) -> Tensor<CheckedInteger>? {
        let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[1])
        var result = [CheckedInteger](repeating: .zero, count: rows * columns)
        let exact = withIntegers(a, b, &result) { left, right, result in
            product(left, right, into: result, rows: rows, inner: inner, columns: columns)
        }
        return exact ? Tensor(shape: [rows, columns], scalars: result) : nil
    }

    /// Returns `a · bᵀ`, or nil as for `product`.
    static func productTransposingRight(_ a: Tensor<CheckedInteger>, _ b: Tensor<CheckedInteger>) -> Tensor<CheckedInteger>? {
        let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[0])
        var result = [CheckedInteger](repeating: .zero, count: rows * columns)
        let exact = withIntegers(a, b, &result) { left, right, result in
            productTransposingRight(left, right, into: result, rows: rows, inner: inner, columns: columns)
        }
        return exact ? Tensor(shape: [rows, columns], scalars: result) : nil
    }

    /// Calls `body` with the entries of a, b and `result` as plain integers, which is how
    /// `CheckedInteger` stores them, and returns its result. Returns false without calling it
    /// when a or b has an invalid entry.
    private static func withIntegers(
        _ a: Tensor<CheckedInteger>, _ b: Tensor<CheckedInteger>, _ result: inout [CheckedInteger],
        _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>, UnsafeMutableBufferPointer<Int>) -> Bool
    ) -> Bool {
        a.scalars.withUnsafeBufferPointer { a in
            b.scalars.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { result in
                    a.withMemoryRebound(to: Int.self) { left in
                        b.withMemoryRebound(to: Int.self) { right in
                            result.withMemoryRebound(to: Int.self) { result in
                                guard !left.contains(CheckedInteger.invalidValue),
                                      !right.contains(CheckedInteger.invalidValue) else { return false }
                                return body(left, right, result)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds the rows × columns product of row-major matrices to `output`, which contains zeros,
    /// and returns false when a step overflows.
    private static func product(
        _ left: UnsafeBufferPointer<Int>, _ right: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Int>,
        rows: Int, inner: Int, columns: Int
    ) -> Bool {
        var overflowed = false
        for row in 0..<rows {
            for k in 0..<inner {
                let factor = left[row * inner + k]
                if factor == 0 { continue }
                let source = k * columns
                let target = row * columns
                for column in 0..<columns {
                    addProduct(factor, right[source + column], to: &output[target + column], overflowed: &overflowed)
                }
            }
            if overflowed { return false }
        }
        return true
    }

    /// Writes the product of a rows × inner matrix with the transpose of a columns × inner
    /// one to `output`, and returns false when a step overflows.
    private static func productTransposingRight(
        _ left: UnsafeBufferPointer<Int>, _ right: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Int>,
        rows: Int, inner: Int, columns: Int
    ) -> Bool {
        var overflowed = false
        for row in 0..<rows {
            for column in 0..<columns {
                var sum = 0
                for k in 0..<inner {
                    addProduct(left[row * inner + k], right[column * inner + k], to: &sum, overflowed: &overflowed)
                }
                output[row * columns + column] = sum
            }
            if overflowed { return false }
        }
        return true
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
