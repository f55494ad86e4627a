/// A sparse matrix in compressed sparse row form, the form the Jacobians are kept in so that
/// a large convolution never needs a dense ∂y/∂x.
public struct SparseMatrix<Scalar: ConvScalar>: Sendable {
    public let rowCount: Int
    public let columnCount: Int
    /// `rowStart[r]..<rowStart[r + 1]` indexes the entries of row r.
    public let rowStart: [Int]
    /// Column of each stored entry, increasing within a row.
    public let columns: [Int]
    public let values: [Scalar]

    /// Builds the matrix from (row, column, value) triples. Entries at one position add up,
    /// in the order of the triples.
    init(rowCount: Int, columnCount: Int, triples: [(row: Int, column: Int, value: Scalar)]) {
        // A stable counting sort by row.
        var counts = Array(repeating: 0, count: rowCount + 1)
        for triple in triples { counts[triple.row + 1] += 1 }
        for row in 0..<rowCount { counts[row + 1] += counts[row] }

        var slots = counts
        var columns = Array(repeating: 0, count: triples.count)
        var values = Array(repeating: Scalar.zero, count: triples.count)
        for triple in triples {
            let slot = slots[triple.row]
            columns[slot] = triple.column
            values[slot] = triple.value
            slots[triple.row] += 1
        }
        self.init(rowCount: rowCount, columnCount: columnCount, rowStart: counts, columns: columns, values: values)
    }

    /// Builds the matrix from rows laid out as in compressed sparse row form, but with each
    /// row's entries in any column order. Entries at one position add up, in row order.
    init(rowCount: Int, columnCount: Int, rowStart counts: [Int], columns unsortedColumns: [Int], values unsortedValues: [Scalar]) {
        self.rowCount = rowCount
        self.columnCount = columnCount

        // The routes add each row's entries in increasing column order, so the rows are
        // usually in their final form already.
        if Self.columnsIncrease(unsortedColumns, rowStart: counts) {
            rowStart = counts
            columns = unsortedColumns
            values = unsortedValues
            return
        }

        var rowStart = [0]
        var columns: [Int] = []
        var values: [Scalar] = []
        columns.reserveCapacity(unsortedColumns.count)
        values.reserveCapacity(unsortedColumns.count)
        func add(_ slot: Int, row: Int) {
            if let last = columns.last, columns.count > rowStart[row], last == unsortedColumns[slot] {
                values[values.count - 1] += unsortedValues[slot]
            } else {
                columns.append(unsortedColumns[slot])
                values.append(unsortedValues[slot])
            }
        }
        for row in 0..<rowCount {
            let slots = counts[row]..<counts[row + 1]
            // Sorting allocates, so a sorted row is taken as it is.
            if slots.dropFirst().allSatisfy({ unsortedColumns[$0 - 1] <= unsortedColumns[$0] }) {
                for slot in slots { add(slot, row: row) }
            } else {
                for slot in slots.sorted(by: { unsortedColumns[$0] < unsortedColumns[$1] }) { add(slot, row: row) }
            }
            rowStart.append(columns.count)
        }

        self.rowStart = rowStart
        self.columns = columns
        self.values = values
    }

    /// Creates the matrix from compressed sparse row arrays already in their final form.
    private init(rowCount: Int, columnCount: Int, finalRowStart rowStart: [Int], columns: [Int], values: [Scalar]) {
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.rowStart = rowStart
        self.columns = columns
        self.values = values
    }

    /// Returns the matrix with the same positions stored and `values` in place of its values,
    /// one for each stored entry in the same order.
    func replacingValues<Other: ConvScalar>(_ values: [Other]) -> SparseMatrix<Other> {
        precondition(values.count == self.values.count, "\(values.count) values for \(self.values.count) stored entries")
        return SparseMatrix<Other>(rowCount: rowCount, columnCount: columnCount, finalRowStart: rowStart, columns: columns,
                                   values: values)
    }

    /// Returns whether the columns strictly increase within every row, so that no row needs
    /// sorting and no two entries share a position.
    private static func columnsIncrease(_ columns: [Int], rowStart: [Int]) -> Bool {
        columns.withUnsafeBufferPointer { columns in
            rowStart.withUnsafeBufferPointer { rowStart in
                for row in 0..<(rowStart.count - 1) where rowStart[row] < rowStart[row + 1] {
                    for slot in (rowStart[row] + 1)..<rowStart[row + 1] where columns[slot - 1] >= columns[slot] {
                        return false
                    }
                }
                return true
            }
        }
    }

    public var storedCount: Int { values.count }

    /// Returns the transpose.
    func transposed() -> SparseMatrix {
        var triples: [(row: Int, column: Int, value: Scalar)] = []
        triples.reserveCapacity(values.count)
        for row in 0..<rowCount {
            for slot in rowStart[row]..<rowStart[row + 1] {
                triples.append((columns[slot], row, values[slot]))
            }
        }
        return SparseMatrix(rowCount: columnCount, columnCount: rowCount, triples: triples)
    }

    /// Returns the matrix with column c moved to `newColumn(c)`, a permutation.
    func permutingColumns(_ newColumn: (Int) -> Int) -> SparseMatrix {
        var triples: [(row: Int, column: Int, value: Scalar)] = []
        triples.reserveCapacity(values.count)
        for row in 0..<rowCount {
            for slot in rowStart[row]..<rowStart[row + 1] {
                triples.append((row, newColumn(columns[slot]), values[slot]))
            }
        }
        return SparseMatrix(rowCount: rowCount, columnCount: columnCount, triples: triples)
    }

    /// Returns the entry at (row, column), zero where nothing is stored.
    public func entry(row: Int, column: Int) -> Scalar {
        var low = rowStart[row]
        var high = rowStart[row + 1]
        while low < high {
            let middle = (low + high) / 2
            if columns[middle] == column { return values[middle] }
            if columns[middle] < column { low = middle + 1 } else { high = middle }
        }
        return .zero
    }

    /// Whether an entry is stored at (row, column), even when its value is zero.
    public func isStored(row: Int, column: Int) -> Bool {
        columns[rowStart[row]..<rowStart[row + 1]].contains(column)
    }

    /// Returns `self · vector`.
    func multiplied(by vector: [Scalar]) -> [Scalar] {
        if let integers = self as? SparseMatrix<CheckedInteger>, let vector = vector as? [CheckedInteger],
           let result = integers.integerMultiplied(by: vector) as? [Scalar] {
            return result
        }
        var result = Array(repeating: Scalar.zero, count: rowCount)
        result.withUnsafeMutableBufferPointer { result in
            vector.withUnsafeBufferPointer { vector in
                rowStart.withUnsafeBufferPointer { rowStart in
                    columns.withUnsafeBufferPointer { columns in
                        values.withUnsafeBufferPointer { values in
                            for row in 0..<rowCount {
                                var sum = Scalar.zero
                                for slot in rowStart[row]..<rowStart[row + 1] {
                                    let factor = vector[columns[slot]]
                                    if factor.isZero { continue }
                                    sum += values[slot] * factor
                                }
                                result[row] = sum
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// Returns `selfᵀ · vector` without forming the transpose.
    func transposeMultiplied(by vector: [Scalar]) -> [Scalar] {
        if Scalar.prefersBatchedSums {
            return batchedTransposeMultiplied(by: vector)
        }
        if let integers = self as? SparseMatrix<CheckedInteger>, let vector = vector as? [CheckedInteger],
           let result = integers.integerTransposeMultiplied(by: vector) as? [Scalar] {
            return result
        }
        var result = Array(repeating: Scalar.zero, count: columnCount)
        result.withUnsafeMutableBufferPointer { result in
            vector.withUnsafeBufferPointer { vector in
                rowStart.withUnsafeBufferPointer { rowStart in
                    columns.withUnsafeBufferPointer { columns in
                        values.withUnsafeBufferPointer { values in
                            for row in 0..<rowCount {
                                let factor = vector[row]
                                if factor.isZero { continue }
                                for slot in rowStart[row]..<rowStart[row + 1] {
                                    result[columns[slot]] += values[slot] * factor
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// `selfᵀ · vector` with each column's terms collected and added at once, which is cheaper
    /// for long polynomial sums. The terms of all columns share one array, column after
    /// column, each column's in row order.
    private func batchedTransposeMultiplied(by vector: [Scalar]) -> [Scalar] {
        // Where each column's terms start, from the number of terms in each column.
        var termStart = Array(repeating: 0, count: columnCount + 1)
        for row in 0..<rowCount where !vector[row].isZero {
            for slot in rowStart[row]..<rowStart[row + 1] {
                termStart[columns[slot] + 1] += 1
            }
        }
        for column in 0..<columnCount {
            termStart[column + 1] += termStart[column]
        }
        var next = termStart
        var terms = Array(repeating: Scalar.zero, count: termStart[columnCount])
        for row in 0..<rowCount where !vector[row].isZero {
            for slot in rowStart[row]..<rowStart[row + 1] {
                let column = columns[slot]
                terms[next[column]] = values[slot] * vector[row]
                next[column] += 1
            }
        }
        return (0..<columnCount).map { column in
            Scalar.sum(terms[termStart[column]..<termStart[column + 1]])
        }
    }

    /// The dense matrix; only for matrices small enough to show.
    public func dense() -> Tensor<Scalar> {
        var matrix = Tensor<Scalar>.zeros([rowCount, columnCount])
        for row in 0..<rowCount {
            for slot in rowStart[row]..<rowStart[row + 1] {
                matrix.scalars[row * columnCount + columns[slot]] = values[slot]
            }
        }
        return matrix
    }
}
