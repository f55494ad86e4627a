import ConvolutionEngine
import SourceDiagnostics

/// Parses one tensor entry or scalar value: integers, decimals, fractions, symbols, a
/// coefficient before a symbol (`2a`), and parenthesized expressions with `+ - * / ^`.
///
/// Grammar, lowest precedence first:
/// `sum := product (("+" | "-") product)*`,
/// `product := power (("*" | "/") power | power-without-sign)*`,
/// `power := "-" power | atom ("^" integer)?`,
/// `atom := number | symbol | "(" sum ")"`.
/// Juxtaposition multiplies only right after a number (`2a`, `3(a + b)`), so `a b` is two
/// entries in a tensor literal, not a product.
struct ExpressionParser {
    /// The largest exponent accepted after `^`.
    static let maximumExponent = 16
    /// The deepest nesting of parentheses and signs accepted, which bounds the recursion.
    static let maximumDepth = 64

    var cursor: Cursor
    /// The number mode: exact rationals and symbols, or doubles without symbols.
    let numbers: NumberMode
    /// The advice after an exact number that does not fit in 64 bits.
    let overflowNote: String
    private var depth = 0

    init(_ text: LocatedText, _ range: Range<Int>, numbers: NumberMode, overflowNote: String) {
        cursor = Cursor(text, range)
        self.numbers = numbers
        self.overflowNote = overflowNote
    }

    /// Parses the whole range as one expression: a `.exact` polynomial in exact mode, and a
    /// finite `.float` in float mode, where a symbol is an error.
    static func parse(_ text: LocatedText, _ range: Range<Int>, numbers: NumberMode) throws(DiagnosticError) -> ScalarValue {
        var parser = ExpressionParser(text, range, numbers: numbers, overflowNote: "use smaller numbers, or numbers = float")
        let value = try parser.whole()
        if case .exact(let polynomial) = value, polynomial.isInvalid {
            throw exactOverflow(text, range, note: parser.overflowNote)
        }
        if case .float(let number) = value, !number.isFinite {
            let trimmed = text.trimmed(range)
            throw text.error("float-overflow", trimmed,
                             "the value \(text.string(trimmed)) overflows a double, whose largest magnitude is about 1.8e308",
                             notes: ["use smaller numbers"])
        }
        return value
    }

    /// Parses the whole range as one exact expression, as generator arguments are read in
    /// both number modes.
    static func parseExact(_ text: LocatedText, _ range: Range<Int>) throws(DiagnosticError) -> Polynomial {
        var parser = ExpressionParser(text, range, numbers: .exact,
                                      overflowNote: "generator arguments are read exactly, also with numbers = float; use smaller numbers")
        guard case .exact(let polynomial) = try parser.whole() else { return .invalid }
        if polynomial.isInvalid {
            throw exactOverflow(text, range, note: parser.overflowNote)
        }
        return polynomial
    }

    /// Reports an expression whose exact value overflowed, at the expression itself rather
    /// than at the quantity that would later contain the invalid entry.
    private static func exactOverflow(_ text: LocatedText, _ range: Range<Int>, note: String) -> DiagnosticError {
        let trimmed = text.trimmed(range)
        return text.error("exact-overflow", trimmed,
                          "the value \(text.string(trimmed)) cannot be held exactly: numerators and denominators must fit in 64 bits, and a polynomial may have at most \(Polynomial.maximumTerms) terms",
                          notes: [note])
    }

    private mutating func whole() throws(DiagnosticError) -> ScalarValue {
        let range = cursor.index..<cursor.end
        cursor.skipSpace()
        let value = try sum()
        cursor.skipSpace()
        guard cursor.isAtEnd else {
            let start = cursor.index
            throw text.error("malformed-value", start..<range.upperBound,
                             "unexpected \(cursor.describeNext(from: start)) in the value '\(text.string(range))'",
                             notes: ["write an expression with spaces inside parentheses, such as (a + 2b)/3"])
        }
        return value
    }

    private var text: LocatedText { cursor.text }

    /// Collects the terms and adds them once at the end, so a long exact sum takes
    /// O(n log n). Doubles are added from left to right, as they are written.
    mutating func sum() throws(DiagnosticError) -> ScalarValue {
        // Most entries are a single term, which needs no array.
        let first = try product()
        var terms: [ScalarValue] = []
        while true {
            cursor.skipSpace()
            if cursor.consume("+") {
                cursor.skipSpace()
                if terms.isEmpty { terms.append(first) }
                terms.append(try product())
            } else if cursor.current == "-" {
                let sign = cursor.index
                cursor.advance()
                cursor.skipSpace()
                if terms.isEmpty { terms.append(first) }
                terms.append(try product(signAt: sign))
            } else {
                return terms.isEmpty ? first : added(terms)
            }
        }
    }

    /// Parses a product, negated when a minus sign at `sign` precedes it. The sign then
    /// joins a first number, so that `a - 9223372036854775808*b` fits in 64 bits.
    mutating func product(signAt sign: Int? = nil) throws(DiagnosticError) -> ScalarValue {
        var value: ScalarValue
        if let sign {
            value = try negatedPower(signAt: sign)
        } else {
            value = try power()
        }
        while true {
            let mark = cursor.index
            cursor.skipSpace()
            if cursor.consume("*") {
                cursor.skipSpace()
                value = multiplied(value, try power())
            } else if cursor.current == "/" {
                let slash = cursor.index
                cursor.advance()
                cursor.skipSpace()
                let divisorStart = cursor.index
                let divisor = try power()
                value = try divided(value, by: divisor, slash: slash, divisorStart: divisorStart)
            } else {
                cursor.index = mark
                return value
            }
        }
    }

    mutating func power() throws(DiagnosticError) -> ScalarValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw text.error("nesting-too-deep", cursor.index..<cursor.index + 1,
                             "the value nests parentheses or signs more than \(Self.maximumDepth) levels deep",
                             notes: ["simplify the expression"])
        }
        if cursor.current == "-" {
            let sign = cursor.index
            cursor.advance()
            return try negatedPower(signAt: sign)
        }
        if cursor.consume("+") {
            return try power()
        }
        let base = try atom()
        guard cursor.consume("^") else { return base }
        let (exponent, range) = try cursor.integer(what: "an exponent")
        guard exponent >= 0, exponent <= Self.maximumExponent else {
            throw text.error("exponent-range", range, "the exponent \(exponent) is outside 0...\(Self.maximumExponent)")
        }
        // Repeated products, also for doubles: unlike pow from the C library, they round the
        // same way on every platform.
        var result = unitValue
        for _ in 0..<exponent { result = multiplied(result, base) }
        return result
    }

    /// Parses the power after the minus sign at `sign`, negated.
    private mutating func negatedPower(signAt sign: Int) throws(DiagnosticError) -> ScalarValue {
        if let literal = try negativeLiteral(signAt: sign) { return literal }
        return negated(try power())
    }

    /// Reads a number after a minus sign as one negative literal, so that
    /// -9223372036854775808 fits in 64 bits although its magnitude does not, together with
    /// the symbol or parenthesis it multiplies, as in `-2a`. Returns nil, with the cursor
    /// unmoved, when no number follows or a `^` does, because in `-2^2` the sign applies to
    /// the whole power.
    private mutating func negativeLiteral(signAt sign: Int) throws(DiagnosticError) -> ScalarValue? {
        guard let first = cursor.current, isDigit(first) || first == "." else { return nil }
        let afterSign = cursor.index
        let value = try number(signAt: sign)
        guard let next = cursor.current else { return value }
        if next == "^" {
            cursor.index = afterSign
            return nil
        }
        if isIdentifierStart(next) || next == "(" {
            return multiplied(value, try power())
        }
        return value
    }

    mutating func atom() throws(DiagnosticError) -> ScalarValue {
        let start = cursor.index
        if cursor.consume("(") {
            cursor.skipSpace()
            let inner = try sum()
            cursor.skipSpace()
            guard cursor.consume(")") else {
                throw text.error("unterminated-bracket", start..<start + 1, "this ( is never closed",
                                 notes: ["add the matching )"])
            }
            return inner
        }
        if let scalar = cursor.current, isDigit(scalar) || scalar == "." {
            let number = try number(signAt: nil)
            // A coefficient right before a symbol or a parenthesis multiplies it: 2a, 3(a + b).
            if let next = cursor.current, isIdentifierStart(next) || next == "(" {
                return multiplied(number, try power())
            }
            return number
        }
        if let range = cursor.identifier() {
            guard numbers == .exact else {
                throw text.error("symbol-in-float", range,
                                 "numbers = float computes with numbers only, but this value contains the symbol \(text.string(range))",
                                 notes: ["remove numbers = float to compute symbolically, or replace the symbols with numbers"])
            }
            return .exact(Polynomial(symbol: text.string(range)))
        }
        throw text.error("malformed-value", start..<max(cursor.end, start + 1),
                         "expected a number, a symbol or a parenthesized expression, found \(cursor.describeNext(from: start))",
                         notes: ["entries look like 3, -1/2, 0.25, a, w_1, 2a or (a + 2b)/3"])
    }

    /// Reads `12`, `0.25`, `.5` or `1e-3`: exactly in exact mode, and in float mode as the
    /// nearest double, as Swift's `Double(String)` rounds it. With `sign`, the position of a
    /// minus sign before it, the number is read negative.
    mutating func number(signAt sign: Int?) throws(DiagnosticError) -> ScalarValue {
        let negative = sign != nil
        let start = cursor.index
        let whole = cursor.digits()
        if let whole, whole.count == 1, text.scalars[whole.lowerBound] == "0", cursor.current == "x" || cursor.current == "X",
           let next = cursor.peek(1), isDigit(next) || ("a"..."f").contains(next) {
            throw text.error("hexadecimal", start..<start + 2, "hexadecimal numbers such as 0x10 are not supported",
                             notes: ["write the number in decimal; for zero times a symbol, write 0*x10"])
        }
        var fraction: Range<Int>?
        if cursor.current == ".", let next = cursor.peek(1), isDigit(next) {
            cursor.advance()
            fraction = cursor.digits()
        } else if whole != nil, cursor.current == ".", cursor.peek(1).map(isIdentifierContinuation) != true {
            // A trailing point, as in `5.`, reads as numpy reads it.
            cursor.advance()
        }
        var exponent: Range<Int>?
        if cursor.current == "e" || cursor.current == "E",
           let next = cursor.peek(1), isDigit(next) || ((next == "-" || next == "+") && cursor.peek(2).map(isDigit) == true) {
            cursor.advance()
            let exponentStart = cursor.index
            if !cursor.consume("-") { _ = cursor.consume("+") }
            _ = cursor.digits()
            exponent = exponentStart..<cursor.index
        }
        let literal = start..<cursor.index
        guard whole != nil || fraction != nil else {
            let shown = literal.isEmpty ? start..<min(start + 1, cursor.end) : literal
            throw text.error("malformed-number", literal.isEmpty ? start..<start + 1 : literal,
                             "'\(text.string(shown))' is not a number",
                             notes: ["write decimals with a digit after the point, such as 0.5"])
        }
        // The error covers the minus sign too, which is part of the literal read.
        let errorRange = (sign ?? start)..<literal.upperBound

        // Most exact entries are plain integers, which need none of the strings below.
        if numbers == .exact, fraction == nil, exponent == nil, let whole {
            guard let value = exactInteger(whole, negative: negative) else {
                let written = (negative ? "-" : "") + text.string(literal)
                throw text.error("number-out-of-range", errorRange,
                                 "\(written) cannot be held exactly: numerator and denominator must fit in 64 bits",
                                 notes: [overflowNote])
            }
            return .exact(Polynomial(value))
        }

        let written = (negative ? "-" : "") + text.string(literal)
        if numbers == .float {
            guard let value = Double(written), value.isFinite else {
                throw text.error("number-out-of-range", errorRange,
                                 "\(written) is out of the range of a double, whose largest magnitude is about 1.8e308",
                                 notes: ["use smaller numbers"])
            }
            return .float(value)
        }
        let decimalExponent = try exponent.map { range throws(DiagnosticError) -> Int in
            guard let value = Int(text.string(range)) else {
                throw text.error("number-out-of-range", errorRange,
                                 "\(written) cannot be held exactly: numerator and denominator must fit in 64 bits",
                                 notes: [overflowNote])
            }
            return value
        } ?? 0
        guard let value = exactDecimal(whole: whole.map(text.string) ?? "", fraction: fraction.map(text.string) ?? "",
                                       exponent: decimalExponent, negative: negative) else {
            throw text.error("number-out-of-range", errorRange,
                             "\(written) cannot be held exactly: numerator and denominator must fit in 64 bits",
                             notes: [overflowNote])
        }
        return .exact(Polynomial(value))
    }

    /// Returns the integer written in `digits`, negated when `negative` is set, or nil when
    /// it does not fit in `Int`. It accumulates as `exactDecimal` does, with the sign, so
    /// that -9223372036854775808 fits.
    private func exactInteger(_ digits: Range<Int>, negative: Bool) -> Rational? {
        var value = 0
        for index in digits {
            let digit = Int(text.scalars[index].value) - 48
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = next
        }
        return Rational(value)
    }

    // MARK: Arithmetic in the parser's number mode

    /// The number 1 in the parser's number mode.
    private var unitValue: ScalarValue {
        numbers == .float ? .float(1) : .exact(.one)
    }

    private func added(_ terms: [ScalarValue]) -> ScalarValue {
        guard numbers == .float else { return .exact(Polynomial.sum(terms.map(exactValue))) }
        return .float(terms.dropFirst().reduce(floatValue(terms[0])) { $0 + floatValue($1) })
    }

    private func negated(_ value: ScalarValue) -> ScalarValue {
        switch value {
        case .exact(let polynomial): .exact(-polynomial)
        case .float(let number): .float(-number)
        }
    }

    private func multiplied(_ lhs: ScalarValue, _ rhs: ScalarValue) -> ScalarValue {
        numbers == .float ? .float(floatValue(lhs) * floatValue(rhs)) : .exact(exactValue(lhs) * exactValue(rhs))
    }

    private func divided(
        _ value: ScalarValue, by divisor: ScalarValue, slash: Int, divisorStart: Int
    ) throws(DiagnosticError) -> ScalarValue {
        let zeroDivision = text.error("division-by-zero", slash..<cursor.index, "division by zero",
                                      notes: ["write a nonzero denominator"])
        if numbers == .float {
            let denominator = floatValue(divisor)
            guard denominator != 0 else { throw zeroDivision }
            return .float(floatValue(value) / denominator)
        }
        let polynomial = exactValue(divisor)
        guard let constant = polynomial.constantValue else {
            throw text.error("symbolic-division", divisorStart..<cursor.index,
                             "cannot divide by the symbolic expression \(polynomial)",
                             notes: ["divide only by numbers, such as (a + b)/2"])
        }
        guard let quotient = exactValue(value).divided(by: constant) else { throw zeroDivision }
        return .exact(quotient)
    }

    /// Returns a value as a polynomial. The values of one parser share its mode, so this
    /// only meets exact values.
    private func exactValue(_ value: ScalarValue) -> Polynomial {
        switch value {
        case .exact(let polynomial): polynomial
        case .float: .invalid
        }
    }

    private func floatValue(_ value: ScalarValue) -> Double {
        switch value {
        case .exact(let polynomial): (polynomial.constantValue ?? .invalid).doubleValue
        case .float(let number): number
        }
    }
}

/// Returns the exact value of a decimal `whole.fraction × 10^exponent`, negated when
/// `negative` is set, or nil when it overflows.
func exactDecimal(whole: String, fraction: String, exponent: Int, negative: Bool = false) -> Rational? {
    guard exponent.magnitude <= 18 else { return nil }
    // Trailing zeros after the point do not change the value, so 9223372036854775807.0 fits.
    var fractionDigits = Substring(fraction)
    while fractionDigits.last == "0" { fractionDigits.removeLast() }

    // Accumulating with the sign reaches Int.min, whose magnitude does not fit in Int.
    var numerator = 0
    for digit in (whole + fractionDigits).unicodeScalars {
        let value = Int(digit.value) - 48
        let (shifted, o1) = numerator.multipliedReportingOverflow(by: 10)
        let (next, o2) = negative ? shifted.subtractingReportingOverflow(value) : shifted.addingReportingOverflow(value)
        if o1 || o2 { return nil }
        numerator = next
    }
    let scale = exponent - fractionDigits.count
    var power = 1
    for _ in 0..<abs(scale) {
        let (next, overflow) = power.multipliedReportingOverflow(by: 10)
        if overflow { return nil }
        power = next
    }
    let value = scale >= 0
        ? Rational(numerator) * Rational(power)
        : Rational(numerator: numerator, denominator: power)
    guard let value, !value.isInvalid else { return nil }
    return value
}
