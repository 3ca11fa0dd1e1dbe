import Foundation
import XCTest

@testable import CLI

/// man/kubectl-mesh.1 documents exactly the commands and flags the program has.
final class ManPageTests: XCTestCase {
    /// What the page documents: each command's flags (from the subsections of
    /// COMMANDS) and the global flags (from OPTIONS), as long names and short letters.
    private struct Documented {
        var commands: [String: Set<String>] = [:]
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
                let name = String(line.dropFirst(4).prefix { $0 != " " })
                command = name
                documented.commands[name] = []
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

    /// `--output` and `-o` in a roff line such as `\fB\-o\fR, \fB\-\-output\fR \fIFORMAT\fR`.
    private static func flagNames(in line: String) -> Set<String> {
        let plain = line.replacingOccurrences(of: "\\-", with: "-")
            .replacingOccurrences(of: "\\fB", with: " ").replacingOccurrences(of: "\\fR", with: " ")
            .replacingOccurrences(of: "\\fI", with: " ").replacingOccurrences(of: ",", with: " ")
        return Set(plain.split(separator: " ").filter { $0.hasPrefix("-") }.map(String.init))
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
