/// The parse tree of a template (Go's text/template/parse nodes).
///
/// Every node keeps its byte offset in the text it was parsed from, and the
/// `Source` of that text, so execution errors can say `NAME:LINE:COL` and quote
/// the node the way Go prints it (`<.Values.a.b>`).
final class Source {
    /// The name the text was parsed under (Go's `ParseName`): the file's template name.
    let name: String
    let bytes: [UInt8]

    init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// 1-based line and 0-based byte column of `offset`, as Go's `ErrorContext` reports them.
    func location(_ offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return (line, offset - lineStart)
    }

    func line(_ offset: Int) -> Int { location(offset).line }
}

/// A node of an action's argument list or a control structure.
indirect enum Node {
    case text(TextNode)
    case action(ActionNode)
    case ifNode(BranchNode)
    case with(BranchNode)
    case range(BranchNode)
    case template(TemplateCallNode)
    case breakNode(Int)
    case continueNode(Int)
    case list(ListNode)
}

final class ListNode {
    var nodes: [Node] = []
}

final class TextNode {
    let text: String
    init(_ text: String) { self.text = text }
}

final class ActionNode {
    let position: Int
    let pipe: PipeNode
    init(position: Int, pipe: PipeNode) {
        self.position = position
        self.pipe = pipe
    }
}

/// `if`, `with` and `range`: a pipeline, a body and an optional else branch.
final class BranchNode {
    let position: Int
    let pipe: PipeNode
    let list: ListNode
    let elseList: ListNode?
    init(position: Int, pipe: PipeNode, list: ListNode, elseList: ListNode?) {
        self.position = position
        self.pipe = pipe
        self.list = list
        self.elseList = elseList
    }
}

/// `{{ template "name" pipeline }}` (and the call half of `block`).
final class TemplateCallNode {
    let position: Int
    let name: String
    let pipe: PipeNode?
    init(position: Int, name: String, pipe: PipeNode?) {
        self.position = position
        self.name = name
        self.pipe = pipe
    }
}

/// A pipeline with optional variable declarations: `$x := a | b c`.
final class PipeNode {
    let position: Int
    var isAssign = false
    var declarations: [VariableNode] = []
    var commands: [CommandNode] = []
    init(position: Int) { self.position = position }

    /// Go's `PipeNode.String()`.
    var description: String {
        var s = ""
        if !declarations.isEmpty {
            s = declarations.map(\.description).joined(separator: ", ")
            s += isAssign ? " = " : " := "
        }
        s += commands.map(\.description).joined(separator: " | ")
        return s
    }
}

/// One command of a pipeline: a function, field, variable or constant and its arguments.
final class CommandNode {
    let position: Int
    var arguments: [Argument] = []
    init(position: Int) { self.position = position }

    var description: String {
        arguments.map { argument in
            if case .pipe(let pipe) = argument { return "(" + pipe.description + ")" }
            return argument.description
        }.joined(separator: " ")
    }
}

final class VariableNode {
    let position: Int
    /// `$x.a.b` is `["$x", "a", "b"]`.
    let identifiers: [String]
    init(position: Int, identifiers: [String]) {
        self.position = position
        self.identifiers = identifiers
    }
    var description: String { identifiers.joined(separator: ".") }
}

/// A number constant with every interpretation Go's parser found for it.
final class NumberNode {
    let position: Int
    let text: String
    var intValue: Int64?
    var uintValue: UInt64?
    var floatValue: Double?
    var complexValue: (Double, Double)?
    init(position: Int, text: String) {
        self.position = position
        self.text = text
    }
}

/// An operand: what can appear as a command word or argument.
enum Argument {
    case field(position: Int, identifiers: [String])
    case variable(VariableNode)
    case chain(position: Int, node: ChainBase, fields: [String])
    case identifier(position: Int, name: String)
    case dot(position: Int)
    case nilValue(position: Int)
    case bool(position: Int, value: Bool)
    case number(NumberNode)
    case string(position: Int, quoted: String, value: String)
    case pipe(PipeNode)

    var position: Int {
        switch self {
        case .field(let p, _), .chain(let p, _, _), .identifier(let p, _), .dot(let p), .nilValue(let p),
            .bool(let p, _), .string(let p, _, _):
            return p
        case .variable(let v): return v.position
        case .number(let n): return n.position
        case .pipe(let pipe): return pipe.position
        }
    }

    /// Go's `Node.String()` for the operand.
    var description: String {
        switch self {
        case .field(_, let identifiers): return "." + identifiers.joined(separator: ".")
        case .variable(let v): return v.description
        case .chain(_, let base, let fields):
            var s: String
            if case .pipe(let pipe) = base.argument {
                s = "(" + pipe.description + ")"
            } else {
                s = base.argument.description
            }
            for field in fields { s += "." + field }
            return s
        case .identifier(_, let name): return name
        case .dot: return "."
        case .nilValue: return "nil"
        case .bool(_, let value): return value ? "true" : "false"
        case .number(let n): return n.text
        case .string(_, let quoted, _): return quoted
        case .pipe(let pipe): return pipe.description
        }
    }
}

/// The operand a chain of fields starts from: `(pipeline).a.b` or `fn.a`.
final class ChainBase {
    let argument: Argument
    init(_ argument: Argument) { self.argument = argument }
}

/// A named template: the body of a file, a `define` or a `block`.
final class TemplateTree {
    let name: String
    let source: Source
    let root: ListNode
    init(name: String, source: Source, root: ListNode) {
        self.name = name
        self.source = source
        self.root = root
    }

    /// Go's `parse.IsEmptyTree`: only whitespace text (and nothing else) at the top.
    var isEmpty: Bool {
        for node in root.nodes {
            switch node {
            case .text(let text):
                if text.text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) { return false }
            case .list(let list):
                if !TemplateTree(name: name, source: source, root: list).isEmpty { return false }
            default:
                return false
            }
        }
        return true
    }
}
