import Foundation
import YAML

/// The token and CA the token controller writes into a service-account token Secret.
public struct ServiceAccountTokenSecret: Sendable, Equatable {
    public var token: String
    /// PEM CA bundle of the cluster (`ca.crt`).
    public var certificateAuthority: [UInt8]
}

extension KubeClient {
    /// Waits until each named CustomResourceDefinition is Established (its API is served),
    /// then forgets what discovery learned: the new kinds and group versions are served now.
    public func waitForEstablished(
        customResourceDefinitions names: [String], timeout: Double, progress: (WaitProgress) -> Void = { _ in }
    ) throws(KubeError) {
        let target = names.count == 1
            ? "CustomResourceDefinition \(names[0]) to be established"
            : "\(names.count) CustomResourceDefinitions to be established"
        _ = try wait(
            for: target, kind: .customResourceDefinition, names: names, timeout: timeout, progress: progress,
            check: WaitConditions.established)
        invalidateDiscovery()
    }

    /// Waits until a Deployment has rolled out, as `kubectl rollout status` judges it:
    /// the controller observed the latest generation, and updated, available
    /// and desired replicas agree.
    public func waitForRollout(
        deployment name: String, namespace: String, timeout: Double, progress: (WaitProgress) -> Void = { _ in }
    ) throws(KubeError) {
        _ = try wait(
            for: "Deployment \(namespace)/\(name) to roll out", kind: .deployment, names: [name],
            namespace: namespace, timeout: timeout,
            timeoutHint: "see why with: kubectl describe deployment \(name) -n \(namespace) --context \(context.name)",
            progress: progress, check: WaitConditions.rolledOut)
    }

    /// Waits until a LoadBalancer Service has an ingress address; returns its `ip`, else its `hostname`.
    public func waitForLoadBalancerAddress(
        service name: String, namespace: String, timeout: Double, progress: (WaitProgress) -> Void = { _ in }
    ) throws(KubeError) -> String {
        let outcomes = try wait(
            for: "Service \(namespace)/\(name) to get a load balancer address", kind: .service, names: [name],
            namespace: namespace, timeout: timeout,
            timeoutHint: "the cluster may have no load balancer controller (kind needs MetalLB or cloud-provider-kind)",
            progress: progress, check: WaitConditions.loadBalancerAddress)
        return try only(outcomes, name)
    }

    /// Waits until the token controller has filled a `kubernetes.io/service-account-token`
    /// Secret with `token` and `ca.crt`; returns both.
    public func waitForServiceAccountToken(
        secret name: String, namespace: String, timeout: Double, progress: (WaitProgress) -> Void = { _ in }
    ) throws(KubeError) -> ServiceAccountTokenSecret {
        let outcomes = try wait(
            for: "Secret \(namespace)/\(name) to receive its service-account token", kind: .secret, names: [name],
            namespace: namespace, timeout: timeout,
            timeoutHint: "the Secret needs type kubernetes.io/service-account-token and the annotation"
                + " kubernetes.io/service-account.name naming an existing ServiceAccount",
            progress: progress, check: WaitConditions.serviceAccountToken)
        return try only(outcomes, name)
    }

    private func only<Outcome>(_ outcomes: [String: Outcome], _ name: String) throws(KubeError) -> Outcome {
        guard let outcome = outcomes[name] else {
            throw KubeError(origin: origin, kind: .invalidResponse, message: "the wait for \(name) ended without a result")
        }
        return outcome
    }
}

/// The conditions the waits check, as pure functions of the object (nil: it does not exist).
public enum WaitConditions {
    public static func established(_ object: Value?) -> WaitCheck<Void> {
        guard let object else { return .pending("does not exist yet") }
        let conditions = object["status"]?["conditions"]?.sequence ?? []
        func condition(_ type: String) -> Value? { conditions.first { $0["type"]?.string == type } }
        if let names = condition("NamesAccepted"), names["status"]?.string == "False" {
            return .failed(
                "its names were not accepted: \(names["message"]?.string ?? names["reason"]?.string ?? "no reason given")",
                hint: "another CustomResourceDefinition may already use these names")
        }
        guard let established = condition("Established") else { return .pending("no Established condition yet") }
        if established["status"]?.string == "True" { return .satisfied(()) }
        let why = established["message"]?.string ?? established["reason"]?.string ?? ""
        return .pending("Established is \(established["status"]?.string ?? "Unknown")" + (why.isEmpty ? "" : ": \(why)"))
    }

    public static func rolledOut(_ object: Value?) -> WaitCheck<Void> {
        guard let object else { return .pending("does not exist yet") }
        let generation = object["metadata"]?["generation"]?.int ?? 0
        let status = object["status"]
        let observed = status?["observedGeneration"]?.int ?? 0
        guard observed >= generation else { return .pending("waiting for the controller to observe the new spec") }
        let conditions = status?["conditions"]?.sequence ?? []
        if let progressing = conditions.first(where: { $0["type"]?.string == "Progressing" }),
            progressing["reason"]?.string == "ProgressDeadlineExceeded"
        {
            return .failed(
                "it exceeded its progress deadline: \(progressing["message"]?.string ?? "")",
                hint: "look at its pods' events (image pulls, scheduling, crash loops)")
        }
        let desired = object["spec"]?["replicas"]?.int ?? 1
        let replicas = status?["replicas"]?.int ?? 0
        let updated = status?["updatedReplicas"]?.int ?? 0
        let available = status?["availableReplicas"]?.int ?? 0
        if updated < desired { return .pending("\(updated) of \(desired) replicas updated") }
        if replicas > updated { return .pending("\(replicas - updated) old replicas pending termination") }
        if available < updated { return .pending("\(available) of \(updated) updated replicas available") }
        return .satisfied(())
    }

    public static func loadBalancerAddress(_ object: Value?) -> WaitCheck<String> {
        guard let object else { return .pending("does not exist yet") }
        let type = object["spec"]?["type"]?.string ?? "ClusterIP"
        guard type == "LoadBalancer" else {
            return .failed("it is of type \(type), not LoadBalancer", hint: nil)
        }
        for ingress in object["status"]?["loadBalancer"]?["ingress"]?.sequence ?? [] {
            if let ip = ingress["ip"]?.string, !ip.isEmpty { return .satisfied(ip) }
            if let hostname = ingress["hostname"]?.string, !hostname.isEmpty { return .satisfied(hostname) }
        }
        return .pending("no ingress address yet")
    }

    public static func serviceAccountToken(_ object: Value?) -> WaitCheck<ServiceAccountTokenSecret> {
        guard let object else { return .pending("does not exist yet") }
        let data = object["data"]
        let token = data?["token"]?.string.flatMap { try? Base64.decode($0) }
        let ca = data?["ca.crt"]?.string.flatMap { try? Base64.decode($0) }
        guard let token, !token.isEmpty else { return .pending("no token yet") }
        guard let ca, !ca.isEmpty else { return .pending("no ca.crt yet") }
        return .satisfied(
            ServiceAccountTokenSecret(token: String(decoding: token, as: UTF8.self), certificateAuthority: ca))
    }
}
