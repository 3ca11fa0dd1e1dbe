/// Block and flow collections, and the entries of mappings.
extension Parser {
    // MARK: Block collections

    mutating func parseBlockSequence() throws -> Value {
        try scanner.skip()  // BLOCK-SEQUENCE-START
        var items: [Value] = []
        while true {
            let kind = try scanner.peekKind()
            guard kind == .blockEntry else {
                if kind == .blockEnd {
                    try scanner.skip()
                    return .sequence(items)
                }
                throw try unexpected(inSequence: true)
            }
            let entryStart = try scanner.peekStart()
            try scanner.skip()
            recorder?.path.append(.index(items.count))
            let next = try scanner.peekKind()
            if next == .blockEntry || next == .blockEnd {
                recorder?.record(node: entryStart)
                items.append(.null)
            } else {
                items.append(try parseNode(block: true, indentlessSequence: false))
            }
            recorder?.path.removeLast()
        }
    }

    mutating func parseIndentlessSequence() throws -> Value {
        var items: [Value] = []
        while try scanner.peekKind() == .blockEntry {
            let entryStart = try scanner.peekStart()
            try scanner.skip()
            recorder?.path.append(.index(items.count))
            let kind = try scanner.peekKind()
            if kind == .blockEntry || kind == .key || kind == .value || kind == .blockEnd {
                recorder?.record(node: entryStart)
                items.append(.null)
            } else {
                items.append(try parseNode(block: true, indentlessSequence: false))
            }
            recorder?.path.removeLast()
        }
        return .sequence(items)
    }

    mutating func parseBlockMapping() throws -> Value {
        try scanner.skip()  // BLOCK-MAPPING-START
        var builder = MappingBuilder(policy: options.duplicateKeys)
        while true {
            switch try scanner.peekKind() {
            case .key:
                try scanner.skip()
                let kind = try scanner.peekKind()
                let keyOffset = try scanner.peekStart()
                var key = Value.null
                var isMerge = false
                if kind != .key && kind != .value && kind != .blockEnd {
                    recorder?.suspended += 1
                    key = try parseNode(block: true, indentlessSequence: true)
                    recorder?.suspended -= 1
                    isMerge = lastNodeWasMergeKey
                }
                try parseEntryValue(key: key, keyOffset: keyOffset, isMerge: isMerge, flowEnd: nil, into: &builder)
            case .value:
                // An entry with an empty key: `: value`.
                try parseEntryValue(key: .null, keyOffset: try scanner.peekStart(), isMerge: false, flowEnd: nil, into: &builder)
            case .blockEnd:
                try scanner.skip()
                return .mapping(builder.finish())
            default:
                throw try unexpected(inSequence: false)
            }
        }
    }

    /// The error for a token that cannot continue a block collection.
    @inline(never)
    private mutating func unexpected(inSequence: Bool) throws -> ParseFailure {
        let token = try scanner.peek()
        if token.kind == .blockMappingStart || token.kind == .blockSequenceStart {
            return ParseFailure(
                "bad indentation: this line does not line up with the \(inSequence ? "items of its sequence" : "keys of its mapping")",
                at: token.start)
        }
        if inSequence {
            return ParseFailure("expected '- ' for the next item of this block sequence, found \(token.displayName)", at: token.start)
        }
        return ParseFailure("expected a mapping key ('key: value'), found \(token.displayName)", at: token.start)
    }

    /// The `: value` of a mapping entry, if there is one, then the entry itself.
    /// `flowEnd` is the closing token of the flow collection, or nil in block context.
    private mutating func parseEntryValue(
        key: Value, keyOffset: Int, isMerge: Bool, flowEnd: Token.Kind?, into builder: inout MappingBuilder
    ) throws {
        recorder?.path.append(MarkRecorder.component(for: key))
        recorder?.record(key: keyOffset)
        var value = Value.null
        var valueStart = keyOffset
        if try scanner.peekKind() == .value {
            valueStart = try scanner.peekStart()
            try scanner.skip()
            let next = try scanner.peekKind()
            let empty = flowEnd.map { next == .flowEntry || next == $0 } ?? (next == .key || next == .value || next == .blockEnd)
            if empty {
                recorder?.record(node: valueStart)
            } else {
                value = try parseNode(block: flowEnd == nil, indentlessSequence: flowEnd == nil)
            }
        } else {
            recorder?.record(node: keyOffset)
        }
        recorder?.path.removeLast()
        if isMerge {
            try builder.merge(value, at: valueStart)
        } else {
            try builder.add(key, value, keyOffset: keyOffset)
        }
    }

    // MARK: Flow collections

    mutating func parseFlowSequence() throws -> Value {
        let open = try scanner.peekStart()
        try scanner.skip()
        var items: [Value] = []
        while true {
            var kind = try scanner.peekKind()
            if kind == .flowSequenceEnd {
                try scanner.skip()
                return .sequence(items)
            }
            if !items.isEmpty {
                guard kind == .flowEntry else { throw try missingSeparator(open: open, mapping: false) }
                try scanner.skip()
                kind = try scanner.peekKind()
                if kind == .flowSequenceEnd { continue }
            }
            recorder?.path.append(.index(items.count))
            if kind == .key || kind == .value {
                items.append(try parseSinglePairMapping())
            } else {
                items.append(try parseNode(block: false, indentlessSequence: false))
            }
            recorder?.path.removeLast()
        }
    }

    /// `[a: b]`, `[? a : b]`, `[: b]`: a mapping of one entry inside a flow sequence.
    private mutating func parseSinglePairMapping() throws -> Value {
        let start = try scanner.peekStart()
        if try scanner.peekKind() == .key { try scanner.skip() }
        recorder?.record(node: start)
        var builder = MappingBuilder(policy: options.duplicateKeys)
        try parseFlowEntry(into: &builder, end: .flowSequenceEnd)
        return .mapping(builder.finish())
    }

    mutating func parseFlowMapping() throws -> Value {
        let open = try scanner.peekStart()
        try scanner.skip()
        var builder = MappingBuilder(policy: options.duplicateKeys)
        var first = true
        while true {
            var kind = try scanner.peekKind()
            if kind == .flowMappingEnd {
                try scanner.skip()
                return .mapping(builder.finish())
            }
            if !first {
                guard kind == .flowEntry else { throw try missingSeparator(open: open, mapping: true) }
                try scanner.skip()
                kind = try scanner.peekKind()
                if kind == .flowMappingEnd { continue }
            }
            first = false
            if kind == .key { try scanner.skip() }
            try parseFlowEntry(into: &builder, end: .flowMappingEnd)
        }
    }

    @inline(never)
    private mutating func missingSeparator(open: Int, mapping: Bool) throws -> ParseFailure {
        let token = try scanner.peek()
        return ParseFailure(
            "expected ',' or '\(mapping ? "}" : "]")' to continue the flow \(mapping ? "mapping" : "sequence") opened at {related}, found \(token.displayName)",
            at: token.start, related: open)
    }

    /// One `key: value` of a flow collection, after any KEY token.
    private mutating func parseFlowEntry(into builder: inout MappingBuilder, end: Token.Kind) throws {
        let kind = try scanner.peekKind()
        let keyOffset = try scanner.peekStart()
        var key = Value.null
        var isMerge = false
        if kind != .value && kind != .flowEntry && kind != end {
            recorder?.suspended += 1
            key = try parseNode(block: false, indentlessSequence: false)
            recorder?.suspended -= 1
            isMerge = lastNodeWasMergeKey
        }
        try parseEntryValue(key: key, keyOffset: keyOffset, isMerge: isMerge, flowEnd: end, into: &builder)
    }
}
