/// Converts byte offsets to 1-based line and column. Built only when a location
/// is needed (an error, or `parseWithMarks`), since it walks the whole input.
struct LineIndex {
    let input: UnsafeBufferPointer<UInt8>
    private var lineStarts: [Int] = [0]

    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        var i = 0
        let n = input.count
        while i < n {
            let c = input[i]
            if c == Byte.lineFeed {
                lineStarts.append(i + 1)
            } else if c == Byte.carriageReturn && (i + 1 >= n || input[i + 1] != Byte.lineFeed) {
                lineStarts.append(i + 1)
            }
            i += 1
        }
    }

    func location(of offset: Int) -> SourceLocation {
        let offset = min(max(offset, 0), input.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        var start = lineStarts[low]
        if start == 0 && input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF {
            start = min(3, offset)  // the byte order mark takes no column
        }
        var column = 1
        var i = start
        while i < offset {
            if input[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(line: low + 1, column: column)
    }

    func error(_ failure: ParseFailure) -> YAMLError {
        let location = location(of: failure.offset)
        var message = failure.message
        if let related = failure.relatedOffset {
            let place = self.location(of: related)
            message = message.replacingOccurrences("{related}", with: "line \(place.line), column \(place.column)")
        }
        return YAMLError(message: message, line: location.line, column: location.column)
    }
}

extension String {
    /// `self` with every `target` replaced (no Foundation in this module).
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
