/// Go's `net.ParseIP` (through `netip.ParseAddr`: no leading zeros in IPv4
/// octets, no zones) followed by `To4`, which is how crypto/x509 writes an IP
/// address into a certificate: 4 bytes for IPv4 and IPv4-mapped IPv6, else 16.
enum GoIP {
    static func certificateBytes(_ text: String) -> [UInt8]? {
        let s = Array(text.utf8)
        for c in s {
            switch c {
            case UInt8(ascii: "."):
                var fields = [UInt8](repeating: 0, count: 4)
                return ipv4Fields(s[...], into: &fields) ? fields : nil
            case UInt8(ascii: ":"):
                guard let ip = ipv6(s) else { return nil }
                if ip[0..<10].allSatisfy({ $0 == 0 }) && ip[10] == 0xff && ip[11] == 0xff { return Array(ip[12...]) }
                return ip
            case UInt8(ascii: "%"):
                return nil
            default:
                continue
            }
        }
        return nil
    }

    private static func ipv4Fields(_ s: ArraySlice<UInt8>, into fields: inout [UInt8]) -> Bool {
        var value = 0, position = 0, digits = 0
        var previous: UInt8 = 0
        for (offset, c) in zip(0..., s) {
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                if digits == 1 && value == 0 { return false }
                value = value * 10 + Int(c - UInt8(ascii: "0"))
                digits += 1
                if value > 255 { return false }
            } else if c == UInt8(ascii: ".") {
                if offset == 0 || offset == s.count - 1 || previous == UInt8(ascii: ".") { return false }
                if position == 3 { return false }
                fields[position] = UInt8(value)
                position += 1
                value = 0
                digits = 0
            } else {
                return false
            }
            previous = c
        }
        guard position == 3 else { return false }
        fields[3] = UInt8(value)
        return true
    }

    private static func ipv6(_ input: [UInt8]) -> [UInt8]? {
        // A zone (`%eth0`) makes ParseIP fail, and so does an empty one.
        if input.contains(UInt8(ascii: "%")) { return nil }
        var s = input[...]
        var ip = [UInt8](repeating: 0, count: 16)
        var ellipsis = -1
        if s.count >= 2 && s.first == UInt8(ascii: ":") && s.dropFirst().first == UInt8(ascii: ":") {
            ellipsis = 0
            s = s.dropFirst(2)
            if s.isEmpty { return ip }
        }
        var i = 0
        while i < 16 {
            var digits = 0
            var value: UInt32 = 0
            while digits < s.count {
                let c = s[s.startIndex + digits]
                let nibble: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt32(c - UInt8(ascii: "A") + 10)
                default: nibble = 16
                }
                if nibble == 16 { break }
                value = value << 4 + nibble
                if digits > 3 || value > 0xffff { return nil }
                digits += 1
            }
            if digits == 0 { return nil }
            if digits < s.count && s[s.startIndex + digits] == UInt8(ascii: ".") {
                if (ellipsis < 0 && i != 12) || i + 4 > 16 { return nil }
                var fields = [UInt8](repeating: 0, count: 4)
                guard ipv4Fields(s, into: &fields) else { return nil }
                ip.replaceSubrange(i..<(i + 4), with: fields)
                i += 4
                s = s[s.endIndex...]
                break
            }
            ip[i] = UInt8(value >> 8)
            ip[i + 1] = UInt8(value & 0xff)
            i += 2
            s = s.dropFirst(digits)
            if s.isEmpty { break }
            if s.first != UInt8(ascii: ":") || s.count == 1 { return nil }
            s = s.dropFirst()
            if s.first == UInt8(ascii: ":") {
                if ellipsis >= 0 { return nil }
                ellipsis = i
                s = s.dropFirst()
                if s.isEmpty { break }
            }
        }
        if !s.isEmpty { return nil }
        if i < 16 {
            if ellipsis < 0 { return nil }
            let n = 16 - i
            var j = i - 1
            while j >= ellipsis {
                ip[j + n] = ip[j]
                j -= 1
            }
            for k in ellipsis..<(ellipsis + n) { ip[k] = 0 }
        } else if ellipsis >= 0 {
            return nil
        }
        return ip
    }
}
