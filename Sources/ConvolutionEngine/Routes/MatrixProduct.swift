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
    var product = Tensor<Scalar>.zeros([rows, columns])
    for row in 0..<rows {
        for k in 0..<inner {
            let left = a.scalars[row * inner + k]
            if left.isZero { continue }
            for column in 0..<columns {
                let right = b.scalars[k * columns + column]
                if right.isZero { continue }
                product.scalars[row * columns + column] += left * right
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
    var product = Tensor<Scalar>.zeros([rows, columns])
    for row in 0..<rows {
        for column in 0..<columns {
            var sum = Scalar.zero
            var terms: [Scalar] = []
            for k in 0..<inner {
                let left = a.scalars[row * inner + k]
                let right = b.scalars[column * inner + k]
                if left.isZero || right.isZero { continue }
                if Scalar.prefersBatchedSums {
                    terms.append(left * right)
                } else {
                    sum += left * right
                }
            }
            product.scalars[row * columns + column] = Scalar.prefersBatchedSums ? Scalar.sum(terms) : sum
        }
    }
    return product
}

/// Returns the transpose of a matrix stored as a rank-2 tensor.
func transposed<Scalar>(_ matrix: Tensor<Scalar>) -> Tensor<Scalar> {
    let (rows, columns) = (matrix.shape[0], matrix.shape[1])
    var result = Tensor<Scalar>.zeros([columns, rows])
    for row in 0..<rows {
        for column in 0..<columns {
            result.scalars[column * rows + row] = matrix.scalars[row * columns + column]
        }
    }
    return result
}

/// Returns rows `range` of a matrix stored as a rank-2 tensor.
func rows<Scalar>(_ range: Range<Int>, of matrix: Tensor<Scalar>) -> Tensor<Scalar> {
    let columns = matrix.shape[1]
    return Tensor(shape: [range.count, columns],
                  scalars: Array(matrix.scalars[(range.lowerBound * columns)..<(range.upperBound * columns)]))
}
