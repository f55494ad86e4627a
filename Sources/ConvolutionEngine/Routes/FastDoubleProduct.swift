#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// A matrix product for doubles that the compiler can vectorize: unchecked pointer access,
/// the inner loop running along contiguous rows of b and of the result, and the rows of
/// the result split across the cores.
func fastMatrixProduct(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Tensor<Double> {
    let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[1])
    var result = [Double](repeating: 0, count: rows * columns)
    a.scalars.withUnsafeBufferPointer { left in
        b.scalars.withUnsafeBufferPointer { right in
            result.withUnsafeMutableBufferPointer { output in
                guard let leftBase = left.baseAddress, let rightBase = right.baseAddress,
                      let outputBase = output.baseAddress else { return }
                let pointers = ProductPointers(left: leftBase, right: rightBase, output: outputBase)
                let chunks = min(rows, 2 * activeProcessorCount)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    // Four rows at a time, so that each row of b loaded from memory serves four
                    // rows of the result.
                    var row = rows * chunk / chunks
                    let end = rows * (chunk + 1) / chunks
                    while row + 4 <= end {
                        let t0 = pointers.output + row * columns
                        let (t1, t2, t3) = (t0 + columns, t0 + 2 * columns, t0 + 3 * columns)
                        // Blocks of columns keep the four target rows in the first-level cache
                        // while k runs through all of a.
                        for blockStart in stride(from: 0, to: columns, by: columnBlock) {
                            let blockEnd = min(blockStart + columnBlock, columns)
                            for k in 0..<inner {
                                let f0 = pointers.left[row * inner + k]
                                let f1 = pointers.left[(row + 1) * inner + k]
                                let f2 = pointers.left[(row + 2) * inner + k]
                                let f3 = pointers.left[(row + 3) * inner + k]
                                let source = pointers.right + k * columns
                                for column in blockStart..<blockEnd {
                                    let value = source[column]
                                    t0[column] += f0 * value
                                    t1[column] += f1 * value
                                    t2[column] += f2 * value
                                    t3[column] += f3 * value
                                }
                            }
                        }
                        row += 4
                    }
                    while row < end {
                        let target = pointers.output + row * columns
                        for k in 0..<inner {
                            let factor = pointers.left[row * inner + k]
                            let source = pointers.right + k * columns
                            for column in 0..<columns {
                                target[column] += factor * source[column]
                            }
                        }
                        row += 1
                    }
                }
            }
        }
    }
    return Tensor(shape: [rows, columns], scalars: result)
}

/// `a · bᵀ` for doubles: dot products of contiguous rows, the rows of the result split
/// across the cores.
func fastMatrixProductTransposingRight(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Tensor<Double> {
    let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[0])
    var result = [Double](repeating: 0, count: rows * columns)
    a.scalars.withUnsafeBufferPointer { left in
        b.scalars.withUnsafeBufferPointer { right in
            result.withUnsafeMutableBufferPointer { output in
                guard let leftBase = left.baseAddress, let rightBase = right.baseAddress,
                      let outputBase = output.baseAddress else { return }
                let pointers = ProductPointers(left: leftBase, right: rightBase, output: outputBase)
                let cells = rows * columns
                let chunks = min(cells, 2 * activeProcessorCount)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    for cell in (cells * chunk / chunks)..<(cells * (chunk + 1) / chunks) {
                        let leftRow = pointers.left + (cell / columns) * inner
                        let rightRow = pointers.right + (cell % columns) * inner
                        // Four partial sums let the loop vectorize despite strict float order.
                        var sums = SIMD4<Double>()
                        var k = 0
                        while k + 4 <= inner {
                            sums += SIMD4(leftRow[k], leftRow[k + 1], leftRow[k + 2], leftRow[k + 3])
                                * SIMD4(rightRow[k], rightRow[k + 1], rightRow[k + 2], rightRow[k + 3])
                            k += 4
                        }
                        var sum = sums.sum()
                        while k < inner {
                            sum += leftRow[k] * rightRow[k]
                            k += 1
                        }
                        pointers.output[cell] = sum
                    }
                }
            }
        }
    }
    return Tensor(shape: [rows, columns], scalars: result)
}

/// Columns per block of `fastMatrixProduct`: four target rows of 256 doubles take 8 KiB.
private let columnBlock = 256

/// The operands of one product; each concurrent worker writes its own rows of `output`.
private struct ProductPointers: @unchecked Sendable {
    let left: UnsafePointer<Double>
    let right: UnsafePointer<Double>
    let output: UnsafeMutablePointer<Double>
}

/// The number of cores to split work across.
let activeProcessorCount: Int = {
    #if canImport(Glibc)
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #else
    return 1
    #endif
}()
