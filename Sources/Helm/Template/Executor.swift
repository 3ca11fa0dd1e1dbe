/// Walks a template tree and writes its output (Go's text/template `state`),
/// with Helm's `missingkey=zero`: a missing map key is a nil interface.
final class Executor {
    let execution: TemplateExecution
    var set: TemplateSet { execution.set }
    /// The template being executed (its name is the `executing "NAME"` of errors).
    var tree: TemplateTree
    var output = ""
    /// The variable stack: `$` first, then declarations in scope order.
    var variables: [(name: String, value: ExecValue)] = []
    var depth = 0
    /// Where an error would be reported.
    var node: NodeRef = .none

    /// Go's limit on nested `{{template}}` calls.
    static let maximumDepth = 100_000

    init(execution: TemplateExecution, tree: TemplateTree) {
        self.execution = execution
        self.tree = tree
    }

    func run(data: GoValue) throws -> String {
        let dot = ExecValue(data, boxed: false)
        variables = [("$", dot)]
        do {
            try walk(dot, tree.root)
        } catch let signal as LoopSignal {
            // The parser only allows break/continue inside range.
            throw failure("internal error: \(signal) outside range")
        }
        return output
    }

    // MARK: Errors

    /// An execution error at the current node, in Go's format.
    func failure(_ message: String, wrapping: [String] = []) -> TemplateError {
        let text: String
        if case .none = node {
            text = "template: \(tree.name): \(message)"
        } else {
            let (line, column) = tree.source.location(node.position)
            text =
                "template: \(tree.source.name):\(line):\(column): executing \(GoQuote.quote(tree.name)) at <\(node.description)>: \(message)"
        }
        return TemplateError(kind: .execution, chain: [text] + wrapping)
    }

    // MARK: Variables

    var mark: Int { variables.count }

    func pop(to mark: Int) {
        if variables.count > mark { variables.removeSubrange(mark...) }
    }

    func push(_ name: String, _ value: ExecValue) {
        variables.append((name, value))
    }

    /// Assigns to the innermost variable of that name (`$x = …`).
    func setVariable(_ name: String, _ value: ExecValue) throws {
        for i in stride(from: variables.count - 1, through: 0, by: -1) where variables[i].name == name {
            variables[i].value = value
            return
        }
        throw failure("undefined variable: \(name)")
    }

    /// Sets the n-th variable from the top (range's loop variables).
    func setTopVariable(_ n: Int, _ value: ExecValue) {
        variables[variables.count - n].value = value
    }

    func variableValue(_ name: String) throws -> ExecValue {
        for i in stride(from: variables.count - 1, through: 0, by: -1) where variables[i].name == name {
            return variables[i].value
        }
        throw failure("undefined variable: \(name)")
    }

    // MARK: Walking

    func walk(_ dot: ExecValue, _ list: ListNode) throws {
        for child in list.nodes { try walk(dot, child) }
    }

    func walk(_ dot: ExecValue, _ node: Node) throws {
        switch node {
        case .text(let text):
            output += text.text
        case .action(let action):
            self.node = .action(action)
            let value = try evalPipeline(dot, action.pipe)
            if action.pipe.declarations.isEmpty {
                self.node = .action(action)
                printValue(value)
            }
        case .ifNode(let branch):
            try walkIfOrWith(isWith: false, dot, branch)
        case .with(let branch):
            try walkIfOrWith(isWith: true, dot, branch)
        case .range(let branch):
            try walkRange(dot, branch)
        case .template(let call):
            try walkTemplate(dot, call)
        case .breakNode:
            throw LoopSignal.breakLoop
        case .continueNode:
            throw LoopSignal.continueLoop
        case .list(let list):
            try walk(dot, list)
        }
    }

    /// `{{ x }}`: nil prints `<no value>` (Helm deletes it later); objects with a
    /// String method print through it.
    func printValue(_ value: ExecValue) {
        switch value.value {
        case .invalid, .missing:
            output += "<no value>"
        case .string(let s):
            output += s
        case .object(let object):
            if case .structure(_, let stringer?) = object.shape {
                output += stringer
            } else {
                var printer = GoPrinter()
                printer.printDereferenced(object)
                output += printer.text
            }
        default:
            output += GoFormat.string(value.value)
        }
    }

    func walkIfOrWith(isWith: Bool, _ dot: ExecValue, _ branch: BranchNode) throws {
        let saved = mark
        defer { pop(to: saved) }
        let value = try evalPipeline(dot, branch.pipe)
        if value.value.isTrue {
            try walk(isWith ? value : dot, branch.list)
        } else if let elseList = branch.elseList {
            try walk(dot, elseList)
        }
    }

    func walkRange(_ dot: ExecValue, _ branch: BranchNode) throws {
        let saved = mark
        defer { pop(to: saved) }
        let collection = try evalPipeline(dot, branch.pipe)
        let pipe = branch.pipe
        let bodyMark = mark

        // One iteration; returns false on break.
        func iterate(_ index: ExecValue, _ element: ExecValue) throws -> Bool {
            if !pipe.declarations.isEmpty {
                if pipe.isAssign {
                    try setVariable(pipe.declarations[0].identifiers[0], pipe.declarations.count > 1 ? index : element)
                } else {
                    setTopVariable(1, element)
                }
            }
            if pipe.declarations.count > 1 {
                if pipe.isAssign {
                    try setVariable(pipe.declarations[1].identifiers[0], element)
                } else {
                    setTopVariable(2, index)
                }
            }
            defer { pop(to: bodyMark) }
            do {
                try walk(element, branch.list)
            } catch LoopSignal.continueLoop {
                return true
            } catch LoopSignal.breakLoop {
                return false
            }
            return true
        }

        var ranOnce = false
        switch collection.value {
        case .list(let items):
            for (i, item) in items.enumerated() {
                ranOnce = true
                if try !iterate(ExecValue(.int(i), boxed: false), ExecValue(item, boxed: true)) { break }
            }
        case .stringList(let items):
            for (i, item) in items.enumerated() {
                ranOnce = true
                if try !iterate(ExecValue(.int(i), boxed: false), ExecValue(.string(item), boxed: false)) { break }
            }
        case .bytes(let items):
            for (i, item) in items.enumerated() {
                ranOnce = true
                if try !iterate(ExecValue(.int(i), boxed: false), ExecValue(.int(Int(item)), boxed: false)) { break }
            }
        case .map(let map):
            for key in map.sortedKeys {
                ranOnce = true
                if try !iterate(ExecValue(.string(key), boxed: false), ExecValue(map.storage[key] ?? .missing, boxed: true)) {
                    break
                }
            }
        case .object(let object):
            switch object.shape {
            case .map(let map):
                for key in map.sortedKeys {
                    ranOnce = true
                    if try !iterate(ExecValue(.string(key), boxed: false), ExecValue(map.storage[key] ?? .missing, boxed: false)) {
                        break
                    }
                }
            case .stringList(let items):
                for (i, item) in items.enumerated() {
                    ranOnce = true
                    if try !iterate(ExecValue(.int(i), boxed: false), ExecValue(.string(item), boxed: false)) { break }
                }
            case .structure:
                throw failure("range can't iterate over \(GoFormat.string(collection.value))")
            }
        case .int(let n):
            if pipe.declarations.count > 1 {
                throw failure("can't use \(n) to iterate over more than one variable")
            }
            var i = 0
            while i < n {
                ranOnce = true
                if try !iterate(.invalid, ExecValue(.int(i), boxed: false)) { break }
                i += 1
            }
        case .int64(let n):
            if pipe.declarations.count > 1 {
                throw failure("can't use \(n) to iterate over more than one variable")
            }
            var i: Int64 = 0
            while i < n {
                ranOnce = true
                if try !iterate(.invalid, ExecValue(.int64(i), boxed: false)) { break }
                i += 1
            }
        case .invalid, .missing:
            break
        default:
            throw failure("range can't iterate over \(GoFormat.string(collection.value))")
        }
        if !ranOnce, let elseList = branch.elseList {
            try walk(dot, elseList)
        }
    }

    func walkTemplate(_ dot: ExecValue, _ call: TemplateCallNode) throws {
        node = .template(call)
        guard let target = set.trees[call.name] else {
            throw failure("template \(GoQuote.quote(call.name)) not defined")
        }
        if depth == Executor.maximumDepth {
            throw failure("exceeded maximum template depth (\(Executor.maximumDepth))")
        }
        var newDot = ExecValue.invalid
        if let pipe = call.pipe { newDot = try evalPipeline(dot, pipe) }
        // No dynamic scoping: the called template sees only `$`.
        let savedTree = tree
        let savedVariables = variables
        let savedNode = node
        tree = target
        variables = [("$", newDot)]
        depth += 1
        defer {
            tree = savedTree
            variables = savedVariables
            node = savedNode
            depth -= 1
        }
        try walk(newDot, target.root)
    }
}
