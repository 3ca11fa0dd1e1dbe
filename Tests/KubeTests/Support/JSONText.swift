@testable import Kube
import YAML

/// JSON text for test fixtures, through the same codec the client uses.
enum JSONText {
    static func encode(_ value: Value) -> String { (try? JSONWriter.string(value, options: .requestBody)) ?? "" }
    static func decode(_ text: String) throws -> Value { try KubeJSON.decode(Array(text.utf8)) }
}
