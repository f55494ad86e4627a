import ConvolutionEngine
import SourceDiagnostics

/// A generator that fills a tensor: `ones`, `zeros`, `arange(start:, step:)`, `symbols(x)`
/// or `random(seed:, min:, max:)`.
public enum Generator: Equatable, Sendable {
    case ones
    case zeros
    case arange(start: Rational, step: Rational)
    case symbols(base: String)
    case random(seed: UInt64, minimum: Int, maximum: Int)
    /// Doubles in [−1, 1), held exactly as fractions over 2⁵².
    case uniform(seed: UInt64)

    public static let names = ["ones", "zeros", "arange", "symbols", "random", "uniform"]

    /// Returns the entries for `shape` in row-major order. `indexBase` (0 or 1) numbers the
    /// generated symbols.
    public func entries(shape: [Int], indexBase: Int) -> [Polynomial] {
        let count = shape.reduce(1, *)
        switch self {
        case .ones:
            return Array(repeating: .one, count: count)
        case .zeros:
            return Array(repeating: .zero, count: count)
        case .arange(let start, let step):
            return (0..<count).map { Polynomial(start + step * Rational($0)) }
        case .symbols(let base):
            return (0..<count).map { flat in
                let indices = coordinates(ofFlatIndex: flat, in: shape).map { $0 + indexBase }
                return Polynomial(symbol: generatedSymbolName(base: base, indices: indices))
            }
        case .random(let seed, let minimum, let maximum):
            var generator = SplitMix64(seed: seed)
            return (0..<count).map { _ in Polynomial(generator.nextInteger(in: minimum...maximum)) }
        case .uniform(let seed):
            var generator = SplitMix64(seed: seed)
            return (0..<count).map { _ in Polynomial(generator.nextUniformFraction()) }
        }
    }
}

/// Returns the name of a generated symbol as spec text writes it: `x_11` while every index
/// is a single digit, `x_10_2` otherwise, and `x_7` for a vector.
public func generatedSymbolName(base: String, indices: [Int]) -> String {
    if indices.allSatisfy({ (0...9).contains($0) }) {
        return base + "_" + indices.map(String.init).joined()
    }
    return base + "_" + indices.map(String.init).joined(separator: "_")
}

/// A generator as written: its kind and an optional shape argument.
struct GeneratorCall: Sendable {
    var generator: Generator
    var shape: [Int]?
}

extension Cursor {
    /// Reads a generator call when the value starts with a generator name.
    mutating func generatorCall() throws(DiagnosticError) -> GeneratorCall? {
        let start = index
        guard let nameRange = identifier() else { return nil }
        let name = text.string(nameRange)
        guard Generator.names.contains(name) else {
            index = start
            return nil
        }

        var shape: [Int]?
        var named: [String: (value: Polynomial, range: Range<Int>, keyRange: Range<Int>)] = [:]
        var base: String?
        if consume("(") {
            skipSpace()
            while !consume(")") {
                let argumentStart = index
                if let scalar = current, isDigit(scalar), shape == nil {
                    shape = try self.shape()
                } else if let key = identifier() {
                    skipSpace()
                    if consume(":") {
                        skipSpace()
                        let valueStart = index
                        // A value ends at a comma or the closing ) outside its own parentheses,
                        // so that an expression such as (1 + 1)/2 may be an argument.
                        var depth = 0
                        while let scalar = current, depth > 0 || (scalar != "," && scalar != ")") {
                            if scalar == "(" { depth += 1 } else if scalar == ")" { depth -= 1 }
                            advance()
                        }
                        let valueRange = text.trimmed(valueStart..<index)
                        guard named[text.string(key)] == nil else {
                            throw text.error("duplicate-argument", key, "\(name) is given '\(text.string(key))' twice",
                                             notes: ["keep one of them"])
                        }
                        named[text.string(key)] = (try ExpressionParser.parseExact(text, valueRange), valueRange, key)
                    } else if name != "symbols" {
                        throw text.error("malformed-generator", key, "expected ':' after '\(text.string(key))' in the arguments of \(name)",
                                         notes: ["write arguments as name: value, such as \(name == "random" ? "seed: 7" : "start: 1")"])
                    } else if base == nil {
                        base = text.string(key)
                    } else {
                        throw text.error("malformed-generator", key, "unexpected argument '\(text.string(key))' to \(name)")
                    }
                } else {
                    throw text.error("malformed-generator", argumentStart..<argumentStart + 1,
                                     "unexpected \(describeNext(from: argumentStart)) in the arguments of \(name)",
                                     notes: ["arguments look like 2x2, start: 1, or seed: 7"])
                }
                skipSpace()
                _ = consume(",")
                skipSpace()
                if isAtEnd {
                    throw text.error("unterminated-bracket", start..<index, "the arguments of \(name) are never closed",
                                     notes: ["add the closing )"])
                }
            }
        }

        let generator = try makeGenerator(name, nameRange: nameRange, named: named, base: base)
        return GeneratorCall(generator: generator, shape: shape)
    }

    private func makeGenerator(
        _ name: String, nameRange: Range<Int>, named: [String: (value: Polynomial, range: Range<Int>, keyRange: Range<Int>)], base: String?
    ) throws(DiagnosticError) -> Generator {
        let allowed: [String: [String]] = [
            "ones": [], "zeros": [], "arange": ["start", "step"], "symbols": [],
            "random": ["seed", "min", "max"], "uniform": ["seed"],
        ]
        for (key, argument) in named where !(allowed[name] ?? []).contains(key) {
            let options = allowed[name] ?? []
            throw text.error("unknown-argument", argument.keyRange, "\(name) has no argument '\(key)'",
                             notes: [options.isEmpty ? "\(name) takes only a shape, such as \(name)(2x2)"
                                     : "its arguments are \(options.joined(separator: ", "))"])
        }

        func integer(_ key: String, default value: Int) throws(DiagnosticError) -> Int {
            guard let argument = named[key] else { return value }
            guard let constant = argument.value.constantValue, constant.isInteger else {
                throw text.error("malformed-generator", argument.range, "\(key) of \(name) must be an integer")
            }
            return constant.numerator
        }

        func rational(_ key: String, default value: Rational) throws(DiagnosticError) -> Rational {
            guard let argument = named[key] else { return value }
            guard let constant = argument.value.constantValue else {
                throw text.error("malformed-generator", argument.range, "\(key) of \(name) must be a number")
            }
            return constant
        }

        switch name {
        case "ones": return .ones
        case "zeros": return .zeros
        case "arange":
            return .arange(start: try rational("start", default: .zero), step: try rational("step", default: .one))
        case "symbols":
            guard let base else {
                throw text.error("malformed-generator", nameRange, "symbols needs a base name, such as symbols(x)")
            }
            return .symbols(base: base)
        case "random":
            let minimum = try integer("min", default: -3)
            let maximum = try integer("max", default: 3)
            guard minimum <= maximum else {
                throw text.error("malformed-generator", nameRange, "random has min \(minimum) above max \(maximum)")
            }
            let seed = try integer("seed", default: 0)
            return .random(seed: UInt64(bitPattern: Int64(seed)), minimum: minimum, maximum: maximum)
        default:
            let seed = try integer("seed", default: 0)
            return .uniform(seed: UInt64(bitPattern: Int64(seed)))
        }
    }
}
