import XCTest

@testable import CLI

final class CommandLineParserTests: XCTestCase {
    /// A command with every kind of flag, to exercise the parser without depending on real commands.
    private static let set = FlagSpec("set", placeholder: "K=V", repeatable: true, help: "Set a value.")
    private static let name = FlagSpec("cluster-name", placeholder: "CTX=NAME", kind: .contextAssignment(.text),
                                       repeatable: true, help: "Name a cluster.")
    private static let dryRun = FlagSpec.switch("dry-run", short: "n", help: "Only print.")
    private static let output = FlagSpec("output", short: "o", placeholder: "FORMAT", kind: .choice(["yaml", "json"]),
                                         help: "Format.")
    private static let chart = ArgumentSpec("CHART", kind: .directory, help: "The chart.")
    private static let sample = CommandSpec(name: "sample", summary: "a sample", arguments: [chart],
                                            flags: [set, name, dryRun, output])
    private let parser = CommandLineParser(commands: [sample] + CommandTable.specs)

    private func parsed(_ tokens: [String], file: StaticString = #filePath, line: UInt = #line) throws -> ParsedArguments {
        guard case .run(let arguments) = try parser.parse(tokens) else {
            XCTFail("expected a command to run", file: file, line: line)
            throw UsageError("no run", command: nil)
        }
        return arguments
    }

    private func usageError(_ tokens: [String]) -> String? {
        do {
            _ = try parser.parse(tokens)
            return nil
        } catch {
            return error.message
        }
    }

    func testFlagFormsAndRepeatedFlags() throws {
        let arguments = try parsed([
            "--kubeconfig", "/k", "sample", "--set", "a=1", "--set=b=2", "-ojson", "--cluster-name", "kind-east=east",
            "-n", "--context=kind-west", "chart-dir",
        ])
        XCTAssertEqual(arguments.values(Self.set), ["a=1", "b=2"])
        XCTAssertEqual(arguments.value(Self.output), "json")
        XCTAssertEqual(arguments.assignments(Self.name).map { "\($0.context)|\($0.value)" }, ["kind-east|east"])
        XCTAssertTrue(arguments.isOn(Self.dryRun))
        XCTAssertEqual(arguments.kubeconfigPath, "/k")
        XCTAssertEqual(arguments.contextName, "kind-west")
        XCTAssertEqual(arguments.argument(Self.chart), "chart-dir")
        XCTAssertEqual(try parsed(["sample", "-o", "yaml", "x"]).value(Self.output), "yaml")
        XCTAssertEqual(try parsed(["sample", "-o=yaml", "x"]).value(Self.output), "yaml")
        XCTAssertFalse(try parsed(["sample", "--dry-run=false", "x"]).isOn(Self.dryRun))
    }

    func testCommandFlagsMayComeBeforeTheCommand() throws {
        let arguments = try parsed(["-o", "json", "--set", "a=1", "--dry-run", "sample", "x", "--set=b=2"])
        XCTAssertEqual(arguments.value(Self.output), "json")
        XCTAssertEqual(arguments.values(Self.set), ["a=1", "b=2"])
        XCTAssertTrue(arguments.isOn(Self.dryRun))
        XCTAssertEqual(arguments.argument(Self.chart), "x")
        XCTAssertEqual(try parsed(["-no", "yaml", "sample", "x"]).value(Self.output), "yaml", "a cluster ending in a value flag")
        XCTAssertEqual(try parsed(["--", "sample", "-x"]).argument(Self.chart), "-x")
    }

    func testDoubleDashEndsFlags() throws {
        XCTAssertEqual(try parsed(["sample", "--", "-chart-starting-with-dash"]).argument(Self.chart), "-chart-starting-with-dash")
    }

    func testMistakesAreUsageErrorsNamingTheClosestSpelling() {
        XCTAssertEqual(usageError(["sampel"]), "unknown command \"sampel\" for \"kubectl mesh\"; did you mean \"sample\"?")
        XCTAssertEqual(usageError(["sample", "x", "--dry-rn"]),
                       "unknown flag \"--dry-rn\" for \"kubectl mesh sample\"; did you mean \"--dry-run\"?")
        XCTAssertEqual(usageError(["sample", "x", "-q"]), "unknown shorthand flag \"-q\" in \"-q\" for \"kubectl mesh sample\"")
        XCTAssertEqual(usageError(["sample", "x", "-o", "jsn"]),
                       "invalid value \"jsn\" for -o: expected one of yaml, json; did you mean \"json\"?")
        XCTAssertEqual(usageError(["sample", "x", "--cluster-name", "east"]),
                       "invalid value \"east\" for --cluster-name: expected CONTEXT=VALUE")
        XCTAssertEqual(usageError(["sample", "x", "--output", "json", "--output", "yaml"]),
                       "flag --output given twice (\"json\" and \"yaml\"); it takes one value")
        XCTAssertEqual(usageError(["sample", "x", "--output"]), "flag \"--output\" needs a value (FORMAT)")
        XCTAssertEqual(usageError(["sample"]), "\"kubectl mesh sample\" needs CHART")
        XCTAssertEqual(usageError(["sample", "x", "y"]), "unexpected argument \"y\" for \"kubectl mesh sample\"")
        XCTAssertEqual(usageError(["sample", "x", "--dry-run=maybe"]),
                       "invalid value \"maybe\" for --dry-run: it is a switch, use --dry-run or --dry-run=false")
        XCTAssertEqual(usageError(["help", "contxts"]), "unknown command \"contxts\"; did you mean \"contexts\"?")
        XCTAssertEqual(usageError(["sample", "x", "-O", "json"]),
                       "unknown shorthand flag \"-O\" in \"-O\" for \"kubectl mesh sample\"; did you mean \"-o\"?")
        XCTAssertEqual(usageError(["sample", "x", "-nq"]), "unknown shorthand flag \"-q\" in \"-nq\" for \"kubectl mesh sample\"")
    }

    func testMistakesBeforeTheCommandAreJudgedByThatCommand() {
        // The misspelled flag comes first; the suggestion still comes from the command's flags.
        XCTAssertEqual(usageError(["--outptu", "json", "sample", "x"]),
                       "unknown flag \"--outptu\" for \"kubectl mesh sample\"; did you mean \"--output\"?")
        XCTAssertEqual(usageError(["--dry-rn", "sample", "x"]),
                       "unknown flag \"--dry-rn\" for \"kubectl mesh sample\"; did you mean \"--dry-run\"?")
        XCTAssertEqual(usageError(["--context", "kind-east", "sampel"]),
                       "unknown command \"sampel\" for \"kubectl mesh\"; did you mean \"sample\"?")
        XCTAssertEqual(usageError(["--kubeconfig"]), "flag \"--kubeconfig\" needs a value (FILE)")
        XCTAssertEqual(usageError(["--contxt", "x"]), "unknown flag \"--contxt\" for \"kubectl mesh\"; did you mean \"--context\"?")
    }

    func testHelpWinsOverOtherMistakes() throws {
        XCTAssertEqual(try parser.parse(["sample", "--bogus", "-h"]), .help(Self.sample))
        XCTAssertEqual(try parser.parse(["--help"]), .help(nil))
        XCTAssertEqual(try parser.parse([]), .help(nil))
    }

    func testUsageErrorsExitTwoWithOneLineAndAHint() {
        let result = CLITest.run(["contexts", "--outptu", "json"])
        XCTAssertEqual(result.status, .usage)
        XCTAssertEqual(result.errors, """
            error: unknown flag "--outptu" for "kubectl mesh contexts"; did you mean "--output"?
            hint: run "kubectl mesh contexts --help" for usage

            """)
        XCTAssertEqual(result.output, "")
        let command = CLITest.run(["contxts"])
        XCTAssertEqual(command.status, .usage)
        XCTAssertEqual(command.errors.split(separator: "\n").first,
                       "error: unknown command \"contxts\" for \"kubectl mesh\"; did you mean \"contexts\"?")
    }

    /// For every command, a mistyped flag before or after the command name, and an unknown
    /// one-letter flag: exit 2, one line naming it (and its closest spelling), one hint line.
    func testEveryCommandReportsMistypedFlagsWhereverTheyStand() {
        for spec in CommandTable.visibleSpecs {
            for flag in spec.allFlags where flag.name.count > 4 {
                let typo = "--" + flag.name.dropLast() + "x"   // one letter off
                let arguments = flag.takesValue ? [typo, "v"] : [typo]
                for line in [[spec.name] + arguments, arguments + [spec.name]] {
                    let result = CLITest.run(line)
                    XCTAssertEqual(result.status, .usage, "\(line)")
                    XCTAssertEqual(result.errors.split(separator: "\n").map(String.init), [
                        "error: unknown flag \"\(typo)\" for \"kubectl mesh \(spec.name)\"; did you mean \"--\(flag.name)\"?",
                        "hint: run \"kubectl mesh \(spec.name) --help\" for usage",
                    ], "\(line)")
                }
            }
            let shorthand = CLITest.run([spec.name, "-Z"])
            XCTAssertEqual(shorthand.status, .usage, spec.name)
            XCTAssertEqual(shorthand.errors.split(separator: "\n").first.map(String.init),
                           "error: unknown shorthand flag \"-Z\" in \"-Z\" for \"kubectl mesh \(spec.name)\"", spec.name)
        }
    }

    func testEveryCommandHasHelpAndHelpCommandAgrees() {
        for spec in CommandTable.visibleSpecs {
            let viaFlag = CLITest.run([spec.name, "--help"])
            XCTAssertEqual(viaFlag.status, .success, spec.name)
            XCTAssertTrue(viaFlag.output.contains("Usage:\n  \(spec.usageLine)\n"), spec.name)
            XCTAssertEqual(CLITest.run(["help", spec.name]).output, viaFlag.output, spec.name)
            XCTAssertEqual(CLITest.run(["-h", spec.name]).output, viaFlag.output, spec.name)
        }
        let top = CLITest.run([])
        XCTAssertEqual(top.status, .success)
        for spec in CommandTable.visibleSpecs { XCTAssertTrue(top.output.contains("  \(spec.name) "), spec.name) }
        XCTAssertEqual(CLITest.run(["help"]).output, top.output)
    }
}
