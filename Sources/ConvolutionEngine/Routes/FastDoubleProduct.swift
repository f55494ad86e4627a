import Dispatch

/// `a · b` for doubles, blocked for the caches and the vector registers.
///
/// The result is cut into tiles of `tileRows` × `tileColumns`, which the cores share out.
/// Each tile runs through k in blocks of `innerBlock`, and copies the block of b it reads into
/// a contiguous buffer that stays in the cache. Inside a tile, 4 × 4 entries at a time are
/// summed in registers.
/// Each entry is still the sum over k in increasing order, one product at a time, as in
/// the plain loop.
func fastMatrixProduct(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Tensor<Double> {
    let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[1])
    var result = [Double](repeating: 0, count: rows * columns)
    a.scalars.withUnsafeBufferPointer { left in
        b.scalars.withUnsafeBufferPointer { right in
            result.withUnsafeMutableBufferPointer { output in
                guard let leftBase = left.baseAddress, let rightBase = right.baseAddress,
                      let outputBase = output.baseAddress else { return }
                let product = BlockedProduct(
                    left: leftBase, right: rightBase, output: outputBase, rows: rows, inner: inner, columns: columns)
                product.run()
            }
        }
    }
    return Tensor(shape: [rows, columns], scalars: result)
}

/// `a · bᵀ` for doubles: b is transposed once, which costs far less than the product, and
/// the blocked product does the rest.
func fastMatrixProductTransposingRight(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Tensor<Double> {
    let (rows, inner) = (b.shape[0], b.shape[1])
    var transposed = [Double](repeating: 0, count: rows * inner)
    b.scalars.withUnsafeBufferPointer { source in
        transposed.withUnsafeMutableBufferPointer { target in
            // Blocks of 32 × 32 keep both the rows read and the rows written in the cache.
            for rowBlock in stride(from: 0, to: rows, by: 32) {
                for innerBlock in stride(from: 0, to: inner, by: 32) {
                    for row in rowBlock..<min(rowBlock + 32, rows) {
                        for k in innerBlock..<min(innerBlock + 32, inner) {
                            target[k * rows + row] = source[row * inner + k]
                        }
                    }
                }
            }
        }
    }
    return fastMatrixProduct(a, Tensor(shape: [inner, rows], scalars: transposed))
}

private let tileRows = 32
private let tileColumns = 64
private let innerBlock = 128

/// The operands and shape of one product; each concurrent worker writes its own tiles of
/// `output`.
private struct BlockedProduct: @unchecked Sendable {
    let left: UnsafePointer<Double>
    let right: UnsafePointer<Double>
    let output: UnsafeMutablePointer<Double>
    let rows: Int
    let inner: Int
    let columns: Int

    func run() {
        let rowTiles = (rows + tileRows - 1) / tileRows
        let columnTiles = (columns + tileColumns - 1) / tileColumns
        let tiles = rowTiles * columnTiles
        // Threads cost more than they save on the small products of a note.
        guard rows * inner * columns >= 1 << 18, tiles > 1 else {
            for tile in 0..<tiles { compute(tile: tile, columnTiles: columnTiles) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: tiles) { tile in
            compute(tile: tile, columnTiles: columnTiles)
        }
    }

    private func compute(tile: Int, columnTiles: Int) {
        let rowStart = (tile / columnTiles) * tileRows
        let columnStart = (tile % columnTiles) * tileColumns
        let rowEnd = min(rowStart + tileRows, rows)
        let columnEnd = min(columnStart + tileColumns, columns)
        let quads = (columnEnd - columnStart) / 4
        let packed = UnsafeMutablePointer<Double>.allocate(capacity: innerBlock * tileColumns)
        defer { packed.deallocate() }
        for kStart in stride(from: 0, to: inner, by: innerBlock) {
            let kEnd = min(kStart + innerBlock, inner)
            let kCount = kEnd - kStart
            // The block of b is copied so that each group of four columns lies contiguous,
            // k after k: read in place, every k would touch another page of memory.
            for quad in 0..<quads {
                for k in 0..<kCount {
                    let source = right + (kStart + k) &* columns + columnStart + 4 * quad
                    (packed + (quad * kCount + k) * 4).update(from: source, count: 4)
                }
            }
            var row = rowStart
            while row + 4 <= rowEnd {
                for quad in 0..<quads {
                    block4x4(row: row, column: columnStart + 4 * quad, kStart: kStart, kCount: kCount,
                             values: packed + quad * kCount * 4)
                }
                for rest in row..<(row + 4) {
                    scalarRow(rest, columns: (columnStart + 4 * quads)..<columnEnd, k: kStart..<kEnd)
                }
                row += 4
            }
            while row < rowEnd {
                scalarRow(row, columns: columnStart..<columnEnd, k: kStart..<kEnd)
                row += 1
            }
        }
    }

    /// Adds the products over k to 4 × 4 entries of the result, kept in registers. `values`
    /// points at the four columns of b, four doubles per k.
    @inline(__always)
    private func block4x4(row: Int, column: Int, kStart: Int, kCount: Int, values: UnsafeMutablePointer<Double>) {
        let target0 = output + row &* columns + column, target1 = target0 + columns
        let target2 = target1 + columns, target3 = target2 + columns
        var sum0 = load(UnsafePointer(target0)), sum1 = load(UnsafePointer(target1))
        var sum2 = load(UnsafePointer(target2)), sum3 = load(UnsafePointer(target3))
        let factors0 = left + row &* inner + kStart, factors1 = factors0 + inner
        let factors2 = factors1 + inner, factors3 = factors2 + inner
        for k in 0..<kCount {
            let value = load(UnsafePointer(values + 4 &* k))
            sum0 += factors0[k] * value
            sum1 += factors1[k] * value
            sum2 += factors2[k] * value
            sum3 += factors3[k] * value
        }
        store(sum0, target0)
        store(sum1, target1)
        store(sum2, target2)
        store(sum3, target3)
    }

    private func scalarRow(_ row: Int, columns range: Range<Int>, k: Range<Int>) {
        for column in range {
            var sum = output[row * columns + column]
            for k in k { sum += left[row * inner + k] * right[k * columns + column] }
            output[row * columns + column] = sum
        }
    }

    @inline(__always)
    private func load(_ pointer: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    private func store(_ value: SIMD4<Double>, _ pointer: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD4<Double>.self)
    }
}
