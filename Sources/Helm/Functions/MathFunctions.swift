import Foundation
import YAML

/// Sprig's math (HELM-NOTES §3.5): the integer functions cast every argument
/// to int64 first and wrap on overflow as Go does; the `f` functions compute
/// in decimal (shopspring/decimal) so `addf 0.1 0.2` is `0.3`.
enum MathFunctions {
    static let all: [TemplateFunction] = [
        Fn.make("add", [], variadic: .any) { a in .int64(a.reduce(Int64(0)) { $0 &+ Fn.toInt64($1) }) },
        Fn.make("add1", [.any]) { a in .int64(Fn.toInt64(a[0]) &+ 1) },
        Fn.make("sub", [.any, .any]) { a in .int64(Fn.toInt64(a[0]) &- Fn.toInt64(a[1])) },
        Fn.make("mul", [.any], variadic: .any) { a in
            .int64(a.dropFirst().reduce(Fn.toInt64(a[0])) { $0 &* Fn.toInt64($1) })
        },
        Fn.make("div", [.any, .any]) { a in
            let divisor = Fn.toInt64(a[1])
            guard divisor != 0 else { throw Fn.fail("runtime error: integer divide by zero") }
            return .int64(Fn.toInt64(a[0]).dividedReportingOverflow(by: divisor).partialValue)
        },
        Fn.make("mod", [.any, .any]) { a in
            let divisor = Fn.toInt64(a[1])
            guard divisor != 0 else { throw Fn.fail("runtime error: integer divide by zero") }
            return .int64(Fn.toInt64(a[0]).remainderReportingOverflow(dividingBy: divisor).partialValue)
        },
        Fn.make("max", [.any], variadic: .any) { a in .int64(a.map(Fn.toInt64).max() ?? 0) },
        Fn.make("biggest", [.any], variadic: .any) { a in .int64(a.map(Fn.toInt64).max() ?? 0) },
        Fn.make("min", [.any], variadic: .any) { a in .int64(a.map(Fn.toInt64).min() ?? 0) },
        Fn.make("maxf", [.any], variadic: .any) { a in
            .float64(a.dropFirst().reduce(Fn.toFloat64(a[0])) { goMax($0, Fn.toFloat64($1)) })
        },
        Fn.make("minf", [.any], variadic: .any) { a in
            .float64(a.dropFirst().reduce(Fn.toFloat64(a[0])) { goMin($0, Fn.toFloat64($1)) })
        },
        Fn.make("floor", [.any]) { .float64(Foundation.floor(Fn.toFloat64($0[0]))) },
        Fn.make("ceil", [.any]) { .float64(Foundation.ceil(Fn.toFloat64($0[0]))) },
        Fn.make("round", [.any, .int], variadic: .float64) { a in
            let roundOn: Double
            if a.count > 2, case .float64(let r) = a[2] { roundOn = r } else { roundOn = 0.5 }
            let pow = Foundation.pow(10, Double(try Fn.int(a[1])))
            let digit = pow * Fn.toFloat64(a[0])
            let fraction = digit - Foundation.trunc(digit)
            return .float64((fraction >= roundOn ? Foundation.ceil(digit) : Foundation.floor(digit)) / pow)
        },
        Fn.make("add1f", [.any]) { a in .float64(try decimalOp(a[0], [.float64(1)], +)) },
        Fn.make("addf", [], variadic: .any) { a in .float64(try decimalOp(.float64(0), a, +)) },
        Fn.make("subf", [.any], variadic: .any) { a in .float64(try decimalOp(a[0], Array(a.dropFirst()), -)) },
        Fn.make("mulf", [.any], variadic: .any) { a in .float64(try decimalOp(a[0], Array(a.dropFirst()), *)) },
        Fn.make("divf", [.any], variadic: .any) { a in
            .float64(
                try decimalOp(a[0], Array(a.dropFirst()), dividing: true) { x, y in
                    // shopspring divides to 16 decimal places, rounding half away from zero.
                    var quotient = x / y
                    var rounded = Decimal()
                    NSDecimalRound(&rounded, &quotient, 16, .plain)
                    return rounded
                })
        },
    ]

    /// math.Max/math.Min: NaN wins, and +0 beats -0 for max.
    private static func goMax(_ x: Double, _ y: Double) -> Double {
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 && y == 0 { return x.sign == .minus ? y : x }
        return x > y ? x : y
    }

    private static func goMin(_ x: Double, _ y: Double) -> Double {
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 && y == 0 { return x.sign == .minus ? x : y }
        return x < y ? x : y
    }

    /// Folds `rest` into `first` in decimal arithmetic, each operand taken at its
    /// shortest decimal form (decimal.NewFromFloat), then back to float64.
    private static func decimalOp(
        _ first: GoValue, _ rest: [GoValue], dividing: Bool = false, _ op: (Decimal, Decimal) -> Decimal
    ) throws -> Double {
        var result = try decimal(Fn.toFloat64(first))
        for operand in rest {
            let d = try decimal(Fn.toFloat64(operand))
            if dividing, d.isZero { throw Fn.fail("decimal division by 0") }
            result = op(result, d)
        }
        return Double(result.description) ?? .nan
    }

    private static func decimal(_ x: Double) throws -> Decimal {
        guard x.isFinite else { throw Fn.fail("Cannot create a Decimal from \(GoFloat.shortestG(x))") }
        let text = GoFloat.layoutE(GoFloat.decimal(x))
        guard let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw Fn.fail("Cannot create a Decimal from \(GoFloat.shortestG(x))")
        }
        return d
    }
}
