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
    private var depth = 0

    init(_ text: LocatedText, _ range: Range<Int>) {
        cursor = Cursor(text, range)
    }

    /// Parses the whole range as one expression.
    static func parse(_ text: LocatedText, _ range: Range<Int>) throws(DiagnosticError) -> Polynomial {
        var parser = ExpressionParser(text, range)
        parser.cursor.skipSpace()
        let value = try parser.sum()
        parser.cursor.skipSpace()
        guard parser.cursor.isAtEnd else {
            let start = parser.cursor.index
            throw text.error("malformed-value", start..<range.upperBound,
                             "unexpected \(parser.cursor.describeNext(from: start)) in the value '\(text.string(range))'",
                             notes: ["write an expression with spaces inside parentheses, such as (a + 2b)/3"])
        }
        return value
    }

    private var text: LocatedText { cursor.text }

    /// Collects the terms and adds them once at the end, so a long sum takes O(n log n).
    mutating func sum() throws(DiagnosticError) -> Polynomial {
        var terms = [try product()]
        while true {
            cursor.skipSpace()
            if cursor.consume("+") {
                cursor.skipSpace()
                terms.append(try product())
            } else if cursor.consume("-") {
                cursor.skipSpace()
                terms.append(-(try product()))
            } else {
                return terms.count == 1 ? terms[0] : Polynomial.sum(terms)
            }
        }
    }

    mutating func product() throws(DiagnosticError) -> Polynomial {
        var value = try power()
        while true {
            let mark = cursor.index
            cursor.skipSpace()
            if cursor.consume("*") {
                cursor.skipSpace()
                value = value * (try power())
            } else if cursor.current == "/" {
                let slash = cursor.index
                cursor.advance()
                cursor.skipSpace()
                let divisorStart = cursor.index
                let divisor = try power()
                guard let constant = divisor.constantValue else {
                    throw text.error("symbolic-division", divisorStart..<cursor.index,
                                     "cannot divide by the symbolic expression \(divisor)",
                                     notes: ["divide only by numbers, such as (a + b)/2"])
                }
                guard let quotient = value.divided(by: constant) else {
                    throw text.error("division-by-zero", slash..<cursor.index, "division by zero",
                                     notes: ["write a nonzero denominator"])
                }
                value = quotient
            } else {
                cursor.index = mark
                return value
            }
        }
    }

    mutating func power() throws(DiagnosticError) -> Polynomial {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw text.error("nesting-too-deep", cursor.index..<cursor.index + 1,
                             "the value nests parentheses or signs more than \(Self.maximumDepth) levels deep",
                             notes: ["simplify the expression"])
        }
        if cursor.consume("-") {
            return -(try power())
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
        var result = Polynomial.one
        for _ in 0..<exponent { result = result * base }
        return result
    }

    mutating func atom() throws(DiagnosticError) -> Polynomial {
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
            let number = try number()
            // A coefficient right before a symbol or a parenthesis multiplies it: 2a, 3(a + b).
            if let next = cursor.current, isIdentifierStart(next) || next == "(" {
                return number * (try power())
            }
            return number
        }
        if let range = cursor.identifier() {
            return Polynomial(symbol: text.string(range))
        }
        throw text.error("malformed-value", start..<max(cursor.end, start + 1),
                         "expected a number, a symbol or a parenthesized expression, found \(cursor.describeNext(from: start))",
                         notes: ["entries look like 3, -1/2, 0.25, a, w_1, 2a or (a + 2b)/3"])
    }

    /// Reads `12`, `0.25`, `.5` or `1e-3` as an exact rational.
    mutating func number() throws(DiagnosticError) -> Polynomial {
        let start = cursor.index
        let whole = cursor.digits()
        if whole.map(text.string) == "0", cursor.current == "x" || cursor.current == "X",
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
        var exponent = 0
        if cursor.current == "e" || cursor.current == "E",
           let next = cursor.peek(1), isDigit(next) || ((next == "-" || next == "+") && cursor.peek(2).map(isDigit) == true) {
            cursor.advance()
            exponent = try cursor.integer(what: "a decimal exponent").value
        }
        let literal = start..<cursor.index
        guard whole != nil || fraction != nil else {
            let shown = literal.isEmpty ? start..<min(start + 1, cursor.end) : literal
            throw text.error("malformed-number", literal.isEmpty ? start..<start + 1 : literal,
                             "'\(text.string(shown))' is not a number",
                             notes: ["write decimals with a digit after the point, such as 0.5"])
        }
        guard let value = exactDecimal(whole: whole.map(text.string) ?? "", fraction: fraction.map(text.string) ?? "",
                                       exponent: exponent) else {
            throw text.error("number-out-of-range", literal,
                             "\(text.string(literal)) cannot be held exactly: numerator and denominator must fit in 64 bits",
                             notes: ["use smaller numbers, or numbers = float"])
        }
        return Polynomial(value)
    }
}

/// Returns the exact value of a decimal `whole.fraction × 10^exponent`, or nil when it
/// overflows.
func exactDecimal(whole: String, fraction: String, exponent: Int) -> Rational? {
    guard abs(exponent) <= 18 else { return nil }
    var numerator = 0
    for digit in (whole + fraction).unicodeScalars {
        let (shifted, o1) = numerator.multipliedReportingOverflow(by: 10)
        let (next, o2) = shifted.addingReportingOverflow(Int(digit.value) - 48)
        if o1 || o2 { return nil }
        numerator = next
    }
    let scale = exponent - fraction.count
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
