/// Go's template parser (text/template/parse/parse.go): builds the trees of one
/// text — its main template and every `define`/`block` in it — with Go's rules
/// for variable scope, `else if`/`else with`, `break`/`continue` inside `range`
/// only, and unknown functions as parse errors.
struct TemplateParser {
    private let source: Source
    private let tokens: [Token]
    private var index = 0
    /// The furthest token read; Go reports parse errors at its line.
    private var furthest = 0
    private var variables: [String] = ["$"]
    private var rangeDepth = 0
    private var actionLine = 0
    private let isFunction: (String) -> Bool
    /// Trees defined in this text, by name (Go's treeSet).
    private(set) var trees: [String: TemplateTree] = [:]
    /// Names in definition order (main template last), for deterministic association.
    private(set) var treeOrder: [String] = []

    /// Parses `text` under `name`. `isFunction` says which identifiers are functions.
    static func parse(name: String, text: String, isFunction: @escaping (String) -> Bool) throws
        -> [TemplateTree]
    {
        let source = Source(name: name, bytes: Array(text.utf8))
        var parser = TemplateParser(source: source, isFunction: isFunction)
        let root = try parser.parseTop()
        try parser.add(TemplateTree(name: name, source: source, root: root))
        return parser.treeOrder.compactMap { parser.trees[$0] }
    }

    private init(source: Source, isFunction: @escaping (String) -> Bool) {
        self.source = source
        self.tokens = Lexer.tokenize(source.bytes)
        self.isFunction = isFunction
    }

    // MARK: Tokens

    /// The next token; past the end it keeps returning the last one (EOF or
    /// an error), while `index` keeps counting so `backup` stays exact.
    private mutating func next() -> Token {
        let current = min(index, tokens.count - 1)
        furthest = max(furthest, current)
        index += 1
        return tokens[current]
    }

    private mutating func backup() { index -= 1 }

    private mutating func peek() -> Token {
        let current = min(index, tokens.count - 1)
        furthest = max(furthest, current)
        return tokens[current]
    }

    private mutating func nextNonSpace() -> Token {
        var token = next()
        while token.kind == .space { token = next() }
        return token
    }

    private mutating func peekNonSpace() -> Token {
        let token = nextNonSpace()
        backup()
        return token
    }

    private func value(_ token: Token) -> String {
        String(decoding: source.bytes[token.start..<token.end], as: UTF8.self)
    }

    // MARK: Errors

    private func error(_ message: String) -> TemplateError {
        let line = source.line(tokens[min(furthest, tokens.count - 1)].start)
        return TemplateError(kind: .parse, chain: ["template: \(source.name):\(line): \(message)"])
    }

    /// Go's `item.String()` for messages such as `unexpected "}" in operand`.
    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .eof: return "EOF"
        case .error: return token.message
        default:
            let text = value(token)
            if token.kind.isKeyword { return "<" + text + ">" }
            if text.unicodeScalars.count > 10 {
                return GoFormat.sprintf("%.10q...", [.string(text)])
            }
            return GoQuote.quote(text)
        }
    }

    private func unexpected(_ token: Token, _ context: String) -> TemplateError {
        if token.kind == .error {
            var extra = ""
            let tokenLine = source.line(token.start)
            if actionLine != 0 && actionLine != tokenLine {
                extra = " in action started at \(source.name):\(actionLine)"
                if token.message.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
            }
            return error(token.message + extra)
        }
        return error("unexpected \(describe(token)) in \(context)")
    }

    private mutating func expect(_ kind: Token.Kind, _ context: String) throws -> Token {
        let token = nextNonSpace()
        if token.kind != kind { throw unexpected(token, context) }
        return token
    }

    // MARK: Structure

    private mutating func add(_ tree: TemplateTree) throws {
        if let existing = trees[tree.name], !existing.isEmpty {
            if !tree.isEmpty { throw error("template: multiple definition of template \(GoQuote.quote(tree.name))") }
            return
        }
        if trees[tree.name] == nil { treeOrder.append(tree.name) }
        trees[tree.name] = tree
    }

    private mutating func parseTop() throws -> ListNode {
        let root = ListNode()
        while peek().kind != .eof {
            if peek().kind == .leftDelim {
                let delimIndex = index
                _ = next()
                if nextNonSpace().kind == .define {
                    try parseDefinition()
                    continue
                }
                index = delimIndex
            }
            let (node, ending) = try textOrAction()
            if let ending {
                throw error("unexpected \(ending)")
            }
            if let node { root.nodes.append(node) }
        }
        return root
    }

    /// `{{define "name"}} … {{end}}`: a new tree with its own variables.
    private mutating func parseDefinition() throws {
        let context = "define clause"
        let nameToken = nextNonSpace()
        let name = try templateName(nameToken, context)
        _ = try expect(.rightDelim, context)
        try parseNamedBody(name, context)
    }

    /// The body of a `define` or `block` up to `{{end}}`, added as template
    /// `name`; it sees only `$` of the variables around it.
    private mutating func parseNamedBody(_ name: String, _ context: String) throws {
        let savedVariables = variables
        let savedRangeDepth = rangeDepth
        variables = ["$"]
        rangeDepth = 0
        let (list, ending) = try itemList()
        if ending != "{{end}}" { throw error("unexpected \(ending) in \(context)") }
        try add(TemplateTree(name: name, source: source, root: list))
        variables = savedVariables
        rangeDepth = savedRangeDepth
    }

    /// Nodes up to `{{end}}` or `{{else}}`; returns the list and which one ended it.
    private mutating func itemList() throws -> (ListNode, String) {
        let list = ListNode()
        while peekNonSpace().kind != .eof {
            let (node, ending) = try textOrAction()
            if let ending { return (list, ending) }
            if let node { list.nodes.append(node) }
        }
        throw error("unexpected EOF")
    }

    /// One text or action. An `{{end}}` or `{{else}}` is returned as the ending
    /// string (`"{{end}}"`, `"{{else}}"`), as Go's parser returns those nodes.
    private mutating func textOrAction() throws -> (Node?, String?) {
        let token = nextNonSpace()
        switch token.kind {
        case .text:
            return (.text(TextNode(value(token))), nil)
        case .leftDelim:
            actionLine = source.line(token.start)
            defer { actionLine = 0 }
            return try action()
        default:
            throw unexpected(token, "input")
        }
    }

    private mutating func action() throws -> (Node?, String?) {
        let token = nextNonSpace()
        switch token.kind {
        case .block: return (try blockControl(), nil)
        case .breakKeyword: return (try breakOrContinue(token, isBreak: true), nil)
        case .continueKeyword: return (try breakOrContinue(token, isBreak: false), nil)
        case .elseKeyword: return (nil, try elseControl())
        case .end:
            _ = try expect(.rightDelim, "end")
            return (nil, "{{end}}")
        case .ifKeyword: return (.ifNode(try parseControl("if")), nil)
        case .range: return (.range(try parseControl("range")), nil)
        case .template: return (try templateControl(), nil)
        case .with: return (.with(try parseControl("with")), nil)
        default:
            backup()
            let start = peek()
            let pipe = try pipeline("command", end: .rightDelim)
            return (.action(ActionNode(position: start.start, pipe: pipe)), nil)
        }
    }

    private mutating func breakOrContinue(_ keyword: Token, isBreak: Bool) throws -> Node {
        let name = isBreak ? "break" : "continue"
        let token = nextNonSpace()
        if token.kind != .rightDelim { throw unexpected(token, "{{\(name)}}") }
        if rangeDepth == 0 { throw error("{{\(name)}} outside {{range}}") }
        return isBreak ? .breakNode(keyword.start) : .continueNode(keyword.start)
    }

    /// After `{{else`: either `}}`, or an `if`/`with` that starts a chained branch.
    private mutating func elseControl() throws -> String {
        let next = peekNonSpace()
        if next.kind == .ifKeyword || next.kind == .with { return "{{else}}" }
        _ = try expect(.rightDelim, "else")
        return "{{else}}"
    }

    /// `if`, `with`, `range`: pipeline, body, optional else (`else if`/`else with` chain).
    private mutating func parseControl(_ context: String) throws -> BranchNode {
        let variableMark = variables.count
        defer { variables.removeSubrange(variableMark...) }
        let pipe = try pipeline(context, end: .rightDelim)
        if context == "range" { rangeDepth += 1 }
        var (list, ending) = try itemList()
        if context == "range" { rangeDepth -= 1 }
        var elseList: ListNode?
        if ending == "{{else}}" {
            if context == "if" && peek().kind == .ifKeyword {
                _ = next()
                elseList = ListNode()
                elseList?.nodes.append(.ifNode(try parseControl("if")))
            } else if context == "with" && peek().kind == .with {
                _ = next()
                elseList = ListNode()
                elseList?.nodes.append(.with(try parseControl("with")))
            } else {
                let (branch, next) = try itemList()
                elseList = branch
                ending = next
                if ending != "{{end}}" { throw error("expected end; found \(ending)") }
            }
        }
        return BranchNode(position: pipe.position, pipe: pipe, list: list, elseList: elseList)
    }

    private mutating func templateControl() throws -> Node {
        let context = "template clause"
        let nameToken = nextNonSpace()
        let name = try templateName(nameToken, context)
        var pipe: PipeNode?
        if nextNonSpace().kind != .rightDelim {
            backup()
            pipe = try pipeline(context, end: .rightDelim)
        }
        return .template(TemplateCallNode(position: nameToken.start, name: name, pipe: pipe))
    }

    /// `{{block "name" pipeline}} default {{end}}`: defines `name` and calls it.
    private mutating func blockControl() throws -> Node {
        let context = "block clause"
        let nameToken = nextNonSpace()
        let name = try templateName(nameToken, context)
        let pipe = try pipeline(context, end: .rightDelim)
        try parseNamedBody(name, context)
        return .template(TemplateCallNode(position: nameToken.start, name: name, pipe: pipe))
    }

    private mutating func templateName(_ token: Token, _ context: String) throws -> String {
        guard token.kind == .string || token.kind == .rawString else { throw unexpected(token, context) }
        do { return try GoQuote.unquote(value(token)) } catch { throw self.error("invalid syntax") }
    }

    // MARK: Pipelines

    private mutating func pipeline(_ context: String, end: Token.Kind) throws -> PipeNode {
        let pipe = PipeNode(position: peekNonSpace().start)
        declarations: while peekNonSpace().kind == .variable {
            let variableIndex = index
            let variableToken = next()
            let following = peekNonSpace()
            if following.kind == .assign || following.kind == .declare {
                pipe.isAssign = following.kind == .assign
                _ = nextNonSpace()
                let name = value(variableToken)
                pipe.declarations.append(VariableNode(position: variableToken.start, identifiers: [name]))
                variables.append(name)
            } else if following.kind == .char && value(following) == "," {
                _ = nextNonSpace()
                let name = value(variableToken)
                pipe.declarations.append(VariableNode(position: variableToken.start, identifiers: [name]))
                variables.append(name)
                if context == "range" && pipe.declarations.count < 2 {
                    switch peekNonSpace().kind {
                    case .variable, .rightDelim, .rightParen:
                        continue declarations
                    default:
                        throw error("range can only initialize variables")
                    }
                }
                throw error("too many declarations in \(context)")
            } else {
                index = variableIndex
            }
            break
        }
        while true {
            let token = nextNonSpace()
            switch token.kind {
            case end:
                try checkPipeline(pipe, context)
                return pipe
            case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nilKeyword, .rawString,
                .string, .variable, .leftParen:
                backup()
                pipe.commands.append(try command())
            default:
                throw unexpected(token, context)
            }
        }
    }

    private func checkPipeline(_ pipe: PipeNode, _ context: String) throws {
        if pipe.commands.isEmpty { throw error("missing value for \(context)") }
        for (offset, command) in pipe.commands.enumerated().dropFirst() {
            switch command.arguments.first {
            case .bool, .dot, .nilValue, .number, .string:
                throw error("non executable command in pipeline stage \(offset + 1)")
            default:
                break
            }
        }
    }

    private mutating func command() throws -> CommandNode {
        let command = CommandNode(position: peekNonSpace().start)
        while true {
            _ = peekNonSpace()
            if let operand = try operand() { command.arguments.append(operand) }
            let token = next()
            switch token.kind {
            case .space:
                continue
            case .rightDelim, .rightParen:
                backup()
            case .pipe:
                break
            default:
                throw unexpected(token, "operand")
            }
            break
        }
        if command.arguments.isEmpty { throw error("empty command") }
        return command
    }

    private mutating func operand() throws -> Argument? {
        guard let term = try term() else { return nil }
        guard peek().kind == .field else { return term }
        let chainPosition = peek().start
        var fields: [String] = []
        while peek().kind == .field { fields.append(String(value(next()).dropFirst())) }
        switch term {
        case .field(_, let identifiers):
            return .field(position: chainPosition, identifiers: identifiers + fields)
        case .variable(let variable):
            return .variable(VariableNode(position: chainPosition, identifiers: variable.identifiers + fields))
        case .bool, .string, .number, .nilValue, .dot:
            throw error("unexpected . after term \(GoQuote.quote(term.description))")
        default:
            return .chain(position: chainPosition, node: ChainBase(term), fields: fields)
        }
    }

    private mutating func term() throws -> Argument? {
        let token = nextNonSpace()
        switch token.kind {
        case .identifier:
            let name = value(token)
            if !isFunction(name) { throw error("function \(GoQuote.quote(name)) not defined") }
            return .identifier(position: token.start, name: name)
        case .dot:
            return .dot(position: token.start)
        case .nilKeyword:
            return .nilValue(position: token.start)
        case .variable:
            let name = value(token)
            if !variables.contains(name) { throw error("undefined variable \(GoQuote.quote(name))") }
            return .variable(VariableNode(position: token.start, identifiers: [name]))
        case .field:
            return .field(position: token.start, identifiers: [String(value(token).dropFirst())])
        case .bool:
            return .bool(position: token.start, value: value(token) == "true")
        case .charConstant, .complex, .number:
            return .number(try number(token))
        case .leftParen:
            return .pipe(try pipeline("parenthesized pipeline", end: .rightParen))
        case .string, .rawString:
            let quoted = value(token)
            do {
                return .string(position: token.start, quoted: quoted, value: try GoQuote.unquote(quoted))
            } catch {
                throw self.error("invalid syntax")
            }
        default:
            backup()
            return nil
        }
    }

    private func number(_ token: Token) throws -> NumberNode {
        let text = value(token)
        do {
            return try GoNumberLiteral.parse(text, kind: token.kind, position: token.start)
        } catch let failure as GoNumberLiteral.Failure {
            throw error(failure.message)
        }
    }
}
