import Foundation
import XCTest

@testable import CLI

/// man/kubectl-mesh.1 documents exactly the commands and flags the program has.
final class ManPageTests: XCTestCase {
    /// What the page documents: each command's flags (from the subsections of
    /// COMMANDS) and the global flags (from OPTIONS), as long names and short letters.
    private struct Documented {
        var commands: [String: Set<String>] = [:]
        /// The words after the command's name on its `.SS` line, roff fonts removed (`[COMMAND]`).
        var arguments: [String: [String]] = [:]
        var globals: Set<String> = []
    }

    private static func read() throws -> Documented {
        let text = try String(contentsOfFile: CLITest.packageRoot + "/man/kubectl-mesh.1", encoding: .utf8)
        var documented = Documented()
        var section = ""
        var command: String?
        var flagLineFollows = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix(".SH ") {
                section = String(line.dropFirst(4))
                command = nil
            } else if line.hasPrefix(".SS "), section == "COMMANDS" {
                let words = plain(String(line.dropFirst(4))).split(separator: " ").map(String.init)
                guard let name = words.first else { continue }
                command = name
                documented.commands[name] = []
                documented.arguments[name] = Array(words.dropFirst())
            } else if line == ".TP" {
                flagLineFollows = true
            } else if flagLineFollows {
                flagLineFollows = false
                let flags = flagNames(in: line)
                if section == "OPTIONS" {
                    documented.globals.formUnion(flags)
                } else if section == "COMMANDS", let command {
                    documented.commands[command, default: []].formUnion(flags)
                }
            }
        }
        return documented
    }

    /// A roff line with its font changes and escaped dashes turned into plain text.
    private static func plain(_ line: String) -> String {
        line.replacingOccurrences(of: "\\-", with: "-").replacingOccurrences(of: "\\fB", with: "")
            .replacingOccurrences(of: "\\fR", with: "").replacingOccurrences(of: "\\fI", with: "")
    }

    /// `--output` and `-o` in a roff line such as `\fB\-o\fR, \fB\-\-output\fR \fIFORMAT\fR`.
    private static func flagNames(in line: String) -> Set<String> {
        let words = plain(line).replacingOccurrences(of: ",", with: " ").split(separator: " ")
        return Set(words.filter { $0.hasPrefix("-") }.map(String.init))
    }

    private static func names(_ flags: [FlagSpec]) -> Set<String> {
        Set(flags.flatMap { flag in ["--" + flag.name] + (flag.short.map { ["-\($0)"] } ?? []) })
    }

    func testEveryCommandAndFlagIsDocumentedAndNothingElse() throws {
        let documented = try Self.read()
        XCTAssertEqual(Set(documented.commands.keys), Set(CommandTable.visibleSpecs.map(\.name)),
                       "the COMMANDS section and the command table list different commands")
        for spec in CommandTable.visibleSpecs {
            XCTAssertEqual(documented.commands[spec.name] ?? [], Self.names(spec.flags),
                           "the flags of \(spec.name) in the man page and in the program differ")
        }
        XCTAssertEqual(documented.globals, Self.names(GlobalFlags.all), "OPTIONS must list exactly the global flags")
    }

    func testEveryCommandsArgumentsAreDocumentedAsTheProgramTakesThem() throws {
        let documented = try Self.read()
        for spec in CommandTable.visibleSpecs {
            let expected = spec.arguments.map { argument in
                switch argument.arity {
                case .required: argument.name
                case .optional: "[\(argument.name)]"
                case .variadic: "[\(argument.name)...]"
                }
            }
            XCTAssertEqual(documented.arguments[spec.name], expected, "the .SS line of \(spec.name)")
        }
    }

    /// README.md's usage table names every command, and no other.
    func testReadmeListsEveryCommand() throws {
        let readme = try String(contentsOfFile: CLITest.packageRoot + "/README.md", encoding: .utf8)
        let listed = readme.split(separator: "\n").filter { $0.hasPrefix("| `") }.compactMap { row in
            row.dropFirst(3).split(separator: " ").first.map { String($0.filter { $0 != "`" }) }
        }
        XCTAssertEqual(Set(listed), Set(CommandTable.visibleSpecs.map(\.name)))
    }

    func testGroffFindsNothingToComplainAbout() throws {
        let result = try CLITest.execute("/usr/bin/env", ["groff", "-man", "-ww", "-z", CLITest.packageRoot + "/man/kubectl-mesh.1"])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertEqual(result.output + result.errors, "")
    }

    func testEverySectionIsThere() throws {
        let text = try String(contentsOfFile: CLITest.packageRoot + "/man/kubectl-mesh.1", encoding: .utf8)
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "ENVIRONMENT", "FILES", "EXIT STATUS",
                        "EXAMPLES", "SEE ALSO"] {
            XCTAssertTrue(text.contains("\n.SH \(section)\n"), section)
        }
    }
}
