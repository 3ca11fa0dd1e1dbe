import YAML

/// Encodings and digests (HELM-NOTES §3.6). Decoding errors are returned as
/// the result text, as Sprig does.
enum EncodingFunctions {
    static let all: [TemplateFunction] = [
        Fn.make("b64enc", [.string]) { .string(Base64.encode(Array(try Fn.string($0[0]).utf8))) },
        Fn.make("b64dec", [.string]) { a in
            let text = try Fn.string(a[0])
            do throws(Base64.DecodingError) {
                return .string(String(decoding: try Base64.decode(text), as: UTF8.self))
            } catch {
                return .string(error.message)
            }
        },
        Fn.make("b32enc", [.string]) { .string(Base32.encode(Array(try Fn.string($0[0]).utf8))) },
        Fn.make("b32dec", [.string]) { a in
            switch Base32.decode(Array(try Fn.string(a[0]).utf8)) {
            case .success(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
            case .failure(let error): return .string(error.message)
            }
        },
        Fn.make("sha1sum", [.string]) { .string(Digests.hex(Digests.sha1(Array(try Fn.string($0[0]).utf8)))) },
        Fn.make("sha256sum", [.string]) { .string(Digests.hex(Digests.sha256(Array(try Fn.string($0[0]).utf8)))) },
        Fn.make("sha512sum", [.string]) { .string(Digests.hex(Digests.sha512(Array(try Fn.string($0[0]).utf8)))) },
        Fn.make("adler32sum", [.string]) { .string(String(Digests.adler32(Array(try Fn.string($0[0]).utf8)))) },
    ]
}
