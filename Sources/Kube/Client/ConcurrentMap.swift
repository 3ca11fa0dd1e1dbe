import Dispatch
import Foundation
import Synchronization

/// Maps over items on up to `concurrency` threads, keeping the order of results.
/// For network-bound work (several requests in flight), not for computation:
/// it starts its own threads, because Dispatch's pool keeps about one thread
/// per core busy and would leave the other requests waiting behind blocked ones.
public enum ConcurrentMap {
    public static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], concurrency: Int, _ transform: @escaping @Sendable (Item) -> Output
    ) -> [Output] {
        let width = max(1, min(concurrency, items.count))
        if width <= 1 { return items.map(transform) }
        let results = Mutex<[Output?]>(Array(repeating: nil, count: items.count))
        let next = Atomic<Int>(0)
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<width {
            Thread.detachNewThread {
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < items.count else { break }
                    let output = transform(items[index])
                    results.withLock { $0[index] = output }
                }
                finished.signal()
            }
        }
        for _ in 0..<width { finished.wait() }
        return results.withLock { $0.compactMap { $0 } }
    }
}
