import Kube
import Mesh
import Synchronization

/// Renders `join-remote`'s progress: one line per stage and cluster with what
/// it did and how long it took. While a stage waits, a terminal gets one live
/// line that is redrawn as the wait reports; a pipe or file gets plain lines.
/// Colour only on a terminal, and never with `NO_COLOR` set (no-color.org).
///
/// Unchecked Sendable: the output is only ever touched while `liveLine` is
/// locked, so events may come from any thread.
final class ProgressRenderer: @unchecked Sendable {
    private let output: any TextOutput
    /// True while a live line is on screen (to be cleared before the next line).
    private let liveLine = Mutex<Bool>(false)
    private let terminal: Bool
    private let color: Bool
    private let stageCount: Int
    private let clusterWidth: Int
    /// How long each wait may take (`--timeout`), said while waiting.
    private let timeout: String?

    init(output: any TextOutput, environment: [String: String], stageCount: Int = Stage.allCases.count,
         clusterNames: [String] = [], timeout: String? = nil)
    {
        self.timeout = timeout
        self.output = output
        // A dumb terminal cannot redraw a line: it gets plain lines, as a pipe does.
        terminal = output.isTerminal && environment["TERM"] != "dumb"
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        color = terminal && !noColor
        self.stageCount = stageCount
        clusterWidth = clusterNames.map(\.count).max() ?? 0
    }

    /// `Mesh mesh1 · network network1` and one line per cluster.
    func header(_ topology: Topology) {
        var text = bold("Mesh \(topology.mesh)") + " · network \(topology.network)"
        if let revision = topology.revision { text += " · revision \(revision)" }
        text += "\n"
        let width = topology.clusters.map(\.name.count).max() ?? 0
        for cluster in topology.clusters {
            let role = cluster.ref == topology.primary.ref ? "primary" : "remote "
            text += "  \(role)  \(pad(cluster.name, width))  (context \(cluster.ref.context), \(cluster.server))\n"
        }
        write(text)
    }

    func note(_ text: String) { write(dim("note: \(text)") + "\n") }

    func handle(_ event: JoinEvent) {
        switch event {
        case .stageStarted:
            break
        case .waiting(let stage, let cluster, let update):
            let budget = timeout.map { " (up to \($0))" } ?? ""
            let text = "waiting\(budget) for \(update.target): \(update.state)"
            if terminal {
                // One dim line, redrawn in place, cut to a width most terminals show whole.
                let line = String((plainPrefix(stage, cluster) + " " + text).prefix(160))
                liveLine.withLock { shown in
                    output.write("\r\u{1B}[2K" + dim(line))
                    output.flush()
                    shown = true
                }
            } else {
                write("\(prefix(stage, cluster)) \(text)\n")
            }
        case .stageFinished(let result):
            let detail = result.changed ? result.detail : dim(result.detail)
            let elapsed = Self.format(seconds: result.elapsedSeconds)
            write("\(prefix(result.stage, result.cluster)) \(pad(detail, 48, visible: result.detail.count)) \(elapsed)\n")
        case .note(let text):
            note(text)
        }
    }

    /// The closing line(s), e.g. `Joined west to mesh1. Check with: …`.
    func finish(_ text: String) { write(text + "\n") }

    /// Clears a live line before an error is printed under it.
    func clearLiveLine() {
        liveLine.withLock { shown in
            if shown {
                output.write("\r\u{1B}[2K")
                shown = false
            }
            output.flush()
        }
    }

    // MARK: Formatting

    /// `[3/8] discovery-address     east`
    private func prefix(_ stage: Stage, _ cluster: ClusterRef) -> String {
        bold("[\(stage.number)/\(stageCount)]") + " " + pad(stage.rawValue, 21) + " " + pad(cluster.name, clusterWidth)
    }

    /// The same without colour, for a line that is coloured as a whole.
    private func plainPrefix(_ stage: Stage, _ cluster: ClusterRef) -> String {
        "[\(stage.number)/\(stageCount)] " + pad(stage.rawValue, 21) + " " + pad(cluster.name, clusterWidth)
    }

    /// `35ms`, `0.4s`, `12.3s`, `1m05s`
    static func format(seconds: Double) -> String {
        if seconds < 0.1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 60 {
            let tenths = Int((seconds * 10).rounded())
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let whole = Int(seconds.rounded())
        let rest = whole % 60
        return "\(whole / 60)m\(rest < 10 ? "0" : "")\(rest)s"
    }

    private func write(_ text: String) {
        liveLine.withLock { shown in
            if shown {
                output.write("\r\u{1B}[2K")
                shown = false
            }
            output.write(text)
            output.flush()
        }
    }

    private func pad(_ text: String, _ width: Int, visible: Int? = nil) -> String {
        let length = visible ?? text.count
        return length >= width ? text : text + String(repeating: " ", count: width - length)
    }

    private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    private func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
