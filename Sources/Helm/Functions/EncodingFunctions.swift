/// Encodings and digests (HELM-NOTES §3.6). Decoding errors are returned as
/// the result text, as Sprig does.
enum EncodingFunctions {
    static let all: [TemplateFunction] = [
        Fn.make("b64enc", [.string]) { .string(BaseEncoding.base64Encode(Array(try Fn.string($0[0]).utf8))) },
        Fn.make("b64dec", [.string]) { a in
            switch BaseEncoding.base64Decode(Array(try Fn.string(a[0]).utf8)) {
            case .success(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
            case .failure(let error): return .string(error.message)
            }
        },
        Fn.make("b32enc", [.string]) { .string(BaseEncoding.base32Encode(Array(try Fn.string($0[0]).utf8))) },
        Fn.make("b32dec", [.string]) { a in
            switch BaseEncoding.base32Decode(Array(try Fn.string(a[0]).utf8)) {
            case .success(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
            case .failure(let error): return .string(error.message)
            }
        },
        Fn.make("sha1sum", [.string]) { .string(Digests.hex(Digests.sha1(Array(try Fn.string($0[0]).utf8)))) },
        Fn.make("sha256sum", [.string]) { .string(Digests.hex(Digests.sha256(Array(try Fn.string($0[0]).utf8)))) },
        Fn.make("adler32sum", [.string]) { .string(String(Digests.adler32(Array(try Fn.string($0[0]).utf8)))) },
    ]
}
