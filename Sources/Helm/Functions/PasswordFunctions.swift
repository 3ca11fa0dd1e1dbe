/// Sprig's password hashes: `bcrypt S` (cost 10, `$2a$`, a random salt from
/// the render's `TemplateEnvironment`) and `htpasswd USER PASSWORD`
/// (`USER:` + the bcrypt hash, as Apache's htpasswd -B writes). Like Sprig,
/// they report trouble in their output instead of failing: a password over
/// 72 bytes gives `failed to encrypt string with bcrypt: …`, a user name with
/// a colon gives `invalid username: …`.
enum PasswordFunctions {
    static let all: [TemplateFunction] = [
        TemplateFunction("bcrypt", [.string]) { runtime, a in
            .string(bcrypt(try Fn.string(a[0]), runtime.environment))
        },
        TemplateFunction("htpasswd", [.string, .string]) { runtime, a in
            let user = try Fn.string(a[0])
            if user.contains(":") { return .string("invalid username: \(user)") }
            return .string(user + ":" + bcrypt(try Fn.string(a[1]), runtime.environment))
        },
    ]

    private static func bcrypt(_ password: String, _ environment: TemplateEnvironment) -> String {
        do {
            return try Bcrypt.hash(Array(password.utf8), salt: RandomFunctions.bytes(16, environment))
        } catch {
            return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"
        }
    }
}
