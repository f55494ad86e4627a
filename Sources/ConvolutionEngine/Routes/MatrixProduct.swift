/// Returns `a · b` for matrices stored as rank-2 tensors, skipping zero factors so that
/// symbolic products stay small.
func matrixProduct<Scalar>(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> Tensor<Scalar> {
    let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[1])
    precondition(b.shape[0] == inner, "inner dimensions \(inner) and \(b.shape[0]) differ")
    if rows * columns > 0, let left = a as? Tensor<Double>, let right = b as? Tensor<Double>,
       let product = fastMatrixProduct(left, right) as? Tensor<Scalar> {
        return product
    }
    if rows * columns > 0, let left = a as? Tensor<Rational>, let right = b as? Tensor<Rational>,
       let product = IntegerProduct.product(left, right) as? Tensor<Scalar> {
        return product
    }
    if rows * columns > 0, let left = a as? Tensor<CheckedInteger>, let right = b as? Tensor<CheckedInteger>,
       let product = IntegerProduct.product(left, right) as? Tensor<Scalar> {
        return product
    }
    var product = Tensor<Scalar>.zeros([rows, columns])
    product.scalars.withUnsafeMutableBufferPointer { product in
        a.scalars.withUnsafeBufferPointer { a in
            b.scalars.withUnsafeBufferPointer { b in
                for row in 0..<rows {
                    for k in 0..<inner {
                        let left = a[row * inner + k]
                        if left.isZero { continue }
                        for column in 0..<columns {
                            let right = b[k * columns + column]
                            if right.isZero { continue }
                            product[row * columns + column] += left * right
                        }
                    }
                }
            }
        }
    }
    return product
}

/// Returns `a · bᵀ`: each entry is the dot product of a row of a with a row of b, so no
/// transpose is formed.
func matrixProductTransposingRight<Scalar>(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> Tensor<Scalar> {
    let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[0])
    precondition(b.shape[1] == inner, "inner dimensions \(inner) and \(b.shape[1]) differ")
    if rows * columns > 0, let left = a as? Tensor<Double>, let right = b as? Tensor<Double>,
       let product = fastMatrixProductTransposingRight(left, right) as? Tensor<Scalar> {
        return product
    }
    if rows * columns > 0, let left = a as? Tensor<Rational>, let right = b as? Tensor<Rational>,
       let product = IntegerProduct.productTransposingRight(left, right) as? Tensor<Scalar> {
        return product
    }
    if rows * columns > 0, let left = a as? Tensor<CheckedInteger>, let right = b as? Tensor<CheckedInteger>,
       let product = IntegerProduct.productTransposingRight(left, right) as? Tensor<Scalar> {
        return product
    }
    var product = Tensor<Scalar>.zeros([rows, columns])
    // Polynomial terms are collected and added at once; the array is reused for every entry.
    var terms: [Scalar] = []
    product.scalars.withUnsafeMutableBufferPointer { product in
        a.scalars.withUnsafeBufferPointer { a in
            b.scalars.withUnsafeBufferPointer { b in
                for row in 0..<rows {
                    for column in 0..<columns {
                        var sum = Scalar.zero
                        terms.removeAll(keepingCapacity: true)
                        for k in 0..<inner {
                            let left = a[row * inner + k]
                            let right = b[column * inner + k]
                            if left.isZero || right.isZero { continue }
                            if Scalar.prefersBatchedSums {
                                terms.append(left * right)
                            } else {
                                sum += left * right
                            }
                        }
                        product[row * columns + column] = Scalar.prefersBatchedSums ? Scalar.sum(terms) : sum
                    }
                }
            }
        }
    }
    return product
}

/// Returns the transpose of a matrix stored as a rank-2 tensor.
func transposed<Scalar>(_ matrix: Tensor<Scalar>) -> Tensor<Scalar> {
    let (rows, columns) = (matrix.shape[0], matrix.shape[1])
    // Every entry of the result is written once, row after row.
    let scalars: [Scalar] = uninitializedArray(count: rows * columns) { result in
        matrix.scalars.withUnsafeBufferPointer { matrix in
            for column in 0..<columns {
                for row in 0..<rows {
                    (result + column * rows + row).initialize(to: matrix[row * columns + column])
                }
            }
        }
    }
    return Tensor(shape: [columns, rows], scalars: scalars)
}

/// Returns rows `range` of a matrix stored as a rank-2 tensor.
func rows<Scalar>(_ range: Range<Int>, of matrix: Tensor<Scalar>) -> Tensor<Scalar> {
    let columns = matrix.shape[1]
    return Tensor(shape: [range.count, columns],
                  scalars: Array(matrix.scalars[(range.lowerBound * columns)..<(range.upperBound * columns)]))
}
