/// YAML 1.2 reading: text or bytes in, `Value`s out.
///
/// ```swift
/// let config = try YAML.parse(text)                      // exactly one document
/// let objects = try YAML.parseAll(manifest)              // a `---` separated stream
/// let values = try YAML.parse(text, options: .helm)      // as Helm reads values.yaml
/// let (doc, marks) = try YAML.parseWithMarks(text)       // plus where each node is
/// ```
///
/// Every failure is a `YAMLError` with a line and column.
///
/// Tags: `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq` give
/// plain values; `!!binary` and `!!timestamp` keep their text as a string (the
/// `Value` model has no bytes or time; decode base64 where it is needed); every
/// other tag (`!!set`, `!local`, `!<tag:…>`) is kept as `Value.tagged(tag, value)`
/// with the tag in full form. Merge keys (`<<`) are applied.
public enum YAML {
    /// The single document in `text`; an empty stream (or only comments) is `.null`.
    /// A second document is an error.
    public static func parse(_ text: String, options: Options = .standard) throws(YAMLError) -> Value {
        try withUTF8(text) { input throws(YAMLError) in try documents(input, options: options, limit: 1).first ?? .null }
    }

    /// Every document of a stream, in order; an empty stream gives `[]`.
    public static func parseAll(_ text: String, options: Options = .standard) throws(YAMLError) -> [Value] {
        try withUTF8(text) { input throws(YAMLError) in try documents(input, options: options, limit: nil) }
    }

    /// `parse` for bytes: UTF-8, or UTF-16/UTF-32 (with a byte order mark, or
    /// recognised by their zero bytes).
    public static func parse(_ bytes: [UInt8], options: Options = .standard) throws(YAMLError) -> Value {
        try withUTF8(bytes) { input throws(YAMLError) in try documents(input, options: options, limit: 1).first ?? .null }
    }

    /// `parseAll` for bytes.
    public static func parseAll(_ bytes: [UInt8], options: Options = .standard) throws(YAMLError) -> [Value] {
        try withUTF8(bytes) { input throws(YAMLError) in try documents(input, options: options, limit: nil) }
    }

    /// `parse`, plus where each node starts, for errors about content that is valid
    /// YAML but wrong for the reader (`config:12:7: users[0].user.exec: command must
    /// be a string`). Costs a little extra; `parse` records nothing.
    public static func parseWithMarks(_ text: String, options: Options = .standard) throws(YAMLError) -> (value: Value, marks: SourceMarks) {
        try withUTF8(text) { input throws(YAMLError) in try documentWithMarks(input, options: options) }
    }

    /// `parseWithMarks` for bytes.
    public static func parseWithMarks(_ bytes: [UInt8], options: Options = .standard) throws(YAMLError) -> (value: Value, marks: SourceMarks) {
        try withUTF8(bytes) { input throws(YAMLError) in try documentWithMarks(input, options: options) }
    }

    // MARK: Plumbing

    private static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws(YAMLError) -> R) throws(YAMLError) -> R {
        var text = text
        return try text.withUTF8 { input in catching(body, input) }.get()
    }

    private static func withUTF8<R>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws(YAMLError) -> R) throws(YAMLError) -> R {
        let utf8 = InputCheck.transcodedToUTF8(bytes) ?? bytes
        return try utf8.withUnsafeBufferPointer { input in catching(body, input) }.get()
    }

    private static func catching<R>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(YAMLError) -> R, _ input: UnsafeBufferPointer<UInt8>
    ) -> Result<R, YAMLError> {
        do {
            return .success(try body(input))
        } catch {
            return .failure(error)
        }
    }

    private static func documents(_ input: UnsafeBufferPointer<UInt8>, options: Options, limit: Int?) throws(YAMLError) -> [Value] {
        do {
            try InputCheck.validate(input)
            var parser = Parser(input, options: options, recordMarks: false)
            return try parser.parseStream(limit: limit)
        } catch let failure as ParseFailure {
            throw LineIndex(input).error(failure)
        } catch {
            throw YAMLError(message: "\(error)", line: 1, column: 1)
        }
    }

    private static func documentWithMarks(_ input: UnsafeBufferPointer<UInt8>, options: Options) throws(YAMLError) -> (value: Value, marks: SourceMarks) {
        do {
            try InputCheck.validate(input)
            var parser = Parser(input, options: options, recordMarks: true)
            let value = try parser.parseStream(limit: 1).first ?? .null
            let marks = parser.recorder?.marks(LineIndex(input)) ?? SourceMarks()
            return (value, marks)
        } catch let failure as ParseFailure {
            throw LineIndex(input).error(failure)
        } catch {
            throw YAMLError(message: "\(error)", line: 1, column: 1)
        }
    }
}
