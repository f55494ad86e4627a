/// Input limits that keep conversion time linear and the parser's recursion shallow.
enum ConversionLimits {
    /// Maximum formula length in Unicode scalars, far above any hand-written formula, so that
    /// it only stops runaway input.
    static let maximumInputLength = 100_000

    /// Maximum number of nested brace groups, environments, `\left … \right` pairs and command
    /// arguments. The parser recurses once per level, so this bounds its stack use.
    static let maximumNestingDepth = 100
}
