/// The east-west gateway the gateway chart renders for the mesh (stage
/// eastwest-gateway); its load balancer address is the discovery address.
public enum EastWestGateway {
    /// Release, Deployment and Service name.
    public static let name = "istio-eastwestgateway"
}
