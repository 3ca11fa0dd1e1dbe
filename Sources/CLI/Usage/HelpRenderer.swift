/// Renders `--help` and `help COMMAND` from the command table.
enum HelpRenderer {
    static let width = 80

    /// `kubectl mesh --help`.
    static func programHelp() -> String {
        var text = wrap("kubectl mesh joins Kubernetes clusters into one Istio service mesh: one primary cluster runs istiod, the remote clusters are served by it through an east-west gateway.") + "\n"
        text += "Usage:\n  \(ProgramName.display) COMMAND [flags]\n\n"
        text += "Commands:\n"
        let specs = CommandTable.visibleSpecs
        let nameWidth = (specs.map(\.name.count).max() ?? 0) + 3
        for spec in specs {
            text += "  " + spec.name.padding(to: nameWidth) + spec.summary + "\n"
        }
        text += "\nGlobal flags:\n" + flagTable(GlobalFlags.all)
        text += "\nRun \"\(ProgramName.display) help COMMAND\" for more about a command.\n"
        return text
    }

    /// `kubectl mesh COMMAND --help`.
    static func commandHelp(_ spec: CommandSpec) -> String {
        var text = wrap(capitalized(spec.summary) + ".")
        if !spec.discussion.isEmpty {
            text += "\n" + paragraphs(spec.discussion).map(wrap).joined(separator: "\n")
        }
        text += "\nUsage:\n  \(spec.usageLine)\n"
        if !spec.arguments.isEmpty {
            text += "\nArguments:\n"
            let nameWidth = (spec.arguments.map(\.name.count).max() ?? 0) + 3
            for argument in spec.arguments {
                text += "  " + argument.name.padding(to: nameWidth) + argument.help + "\n"
            }
        }
        if !spec.flags.isEmpty { text += "\nFlags:\n" + flagTable(spec.flags) }
        text += "\nGlobal flags:\n" + flagTable(GlobalFlags.all)
        if !spec.examples.isEmpty {
            text += "\nExamples:\n"
            for example in spec.examples {
                text += "  # \(example.purpose)\n  \(example.commandLine)\n\n"
            }
            text.removeLast()
        }
        return text
    }

    /// Aligned `  -o, --output FORMAT   help` lines.
    static func flagTable(_ flags: [FlagSpec]) -> String {
        let left = flags.map { flag in (flag.short.map { "-\($0), " } ?? "    ") + flag.synopsis }
        let column = (left.map(\.count).max() ?? 0) + 3
        var text = ""
        for (label, flag) in zip(left, flags) {
            var help = flag.help
            if case .choice(let choices) = flag.kind, !help.contains(choices[0].value) {
                help += " One of: " + choices.map(\.value).joined(separator: ", ") + "."
            }
            if flag.repeatable { help += " Repeatable." }
            text += "  " + label.padding(to: column) + help + "\n"
        }
        return text
    }

    /// Wraps a paragraph to `width` columns and ends it with a newline.
    static func wrap(_ paragraph: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in paragraph.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Splits text at blank lines.
    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " }) {
                if !current.isEmpty { result.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: " ")) }
        return result
    }

    private static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
