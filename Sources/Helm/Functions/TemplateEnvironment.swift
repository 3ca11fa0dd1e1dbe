import Dispatch
import Foundation

/// What a render reads from the world outside the chart: the clock and the
/// local time zone (Sprig's `now`, `date`, `toDate`, `ago`), and random
/// numbers (`randAlpha`, `randInt`, `shuffle`, `uuidv4`, …). Renders get the
/// real ones by default (`system()`); tests pass fixed ones.
public struct TemplateEnvironment: Sendable {
    /// Go's `time.Now()`: the current instant in the local zone, with a
    /// monotonic reading (nanoseconds since the environment was made).
    public var now: @Sendable () -> GoTime
    /// Go's `time.Local`.
    public var localZone: GoZone
    /// Where zone names such as `America/New_York` are looked up, in order.
    public var zoneDirectories: [String]
    /// 64 uniformly random bits per call (a cryptographic source by default, as Sprig uses).
    public var random: @Sendable () -> UInt64

    public init(
        now: @escaping @Sendable () -> GoTime, localZone: GoZone, zoneDirectories: [String] = GoZone.platformDirectories,
        random: @escaping @Sendable () -> UInt64
    ) {
        self.now = now
        self.localZone = localZone
        self.zoneDirectories = zoneDirectories
        self.random = random
    }

    /// The real clock, the local zone as Go picks it from `environment`
    /// (`TZ`, else `/etc/localtime`; `ZONEINFO` is searched first for zone
    /// names) and the system's random number generator.
    public static func system(environment: [String: String] = ProcessInfo.processInfo.environment) -> TemplateEnvironment {
        var directories = GoZone.platformDirectories
        if let zoneinfo = environment["ZONEINFO"], !zoneinfo.isEmpty { directories.insert(zoneinfo, at: 0) }
        let local = GoZone.local(environment: environment, directories: directories)
        let origin = DispatchTime.now().uptimeNanoseconds
        return TemplateEnvironment(
            now: {
                var spec = timespec()
                clock_gettime(CLOCK_REALTIME, &spec)
                let monotonic = Int64(DispatchTime.now().uptimeNanoseconds &- origin)
                return GoTime(seconds: Int64(spec.tv_sec), nanoseconds: Int64(spec.tv_nsec), zone: local, monotonic: monotonic)
            },
            localZone: local, zoneDirectories: directories,
            random: {
                var generator = SystemRandomNumberGenerator()
                return generator.next()
            })
    }

    /// Go's `time.LoadLocation`: `Local` is the local zone; nil where Go reports an error.
    func zone(named name: String) -> GoZone? {
        name == "Local" ? localZone : GoZone.load(name, directories: zoneDirectories)
    }

    /// A uniformly random integer in `0..<bound` (bound > 0), without modulo bias.
    func random(below bound: UInt64) -> UInt64 {
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let r = random()
            if r < limit { return r % bound }
        }
    }
}
