/// The outcome of comparing the independent routes that compute one quantity.
public struct RouteComparison: Sendable {
    public let quantity: Quantity
    /// The routes in the order they were compared; the first is the one shown in notes.
    public let routes: [String]
    public let entryCount: Int
    /// The first entry where a route disagreed with the first route, or nil when all agree.
    public let mismatch: RouteMismatch?

    public var agrees: Bool { mismatch == nil }
}

/// One entry on which two routes disagree: an internal error of the engine.
public struct RouteMismatch: Sendable, Equatable {
    public let quantity: Quantity
    /// Zero-based coordinates in the quantity's shown shape.
    public let entry: [Int]
    public let firstRoute: String
    public let firstValue: ScalarValue
    public let secondRoute: String
    public let secondValue: ScalarValue
}

/// Compares route results entry by entry; `results[0]` is the reference. `termScale` returns
/// a bound of Σ|terms| for a flat index, against which floating-point results are compared.
func compareRoutes<Scalar: ConvScalar>(
    _ quantity: Quantity, shape: [Int], results: [(route: String, scalars: [Scalar])], relativeTolerance: Double,
    termScale: (Int) -> Double = { _ in 0 }
) -> RouteComparison {
    let reference = results[0]
    for other in results.dropFirst() {
        for index in reference.scalars.indices
        where !reference.scalars[index].agrees(with: other.scalars[index], relativeTolerance: relativeTolerance,
                                               termScale: termScale(index)) {
            let mismatch = RouteMismatch(
                quantity: quantity, entry: coordinates(ofFlatIndex: index, in: shape),
                firstRoute: reference.route, firstValue: reference.scalars[index].scalarValue,
                secondRoute: other.route, secondValue: other.scalars[index].scalarValue)
            return RouteComparison(quantity: quantity, routes: results.map(\.route),
                                   entryCount: reference.scalars.count, mismatch: mismatch)
        }
    }
    return RouteComparison(quantity: quantity, routes: results.map(\.route),
                           entryCount: reference.scalars.count, mismatch: nil)
}
