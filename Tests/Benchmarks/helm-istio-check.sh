#!/bin/sh
# Differential check of `kubectl-mesh template` against Helm v4's own engine
# (PyPI helm-python-sdk) on Istio's charts. Local check only: it reads the
# directory given on the command line and embeds no Istio content.
#
#  1. A matrix of value sets (the primary-remote installs and realistic user
#     overrides: revision, replicas, resources, hub/tag, meshConfig, profiles,
#     gateway labels, ports and kinds, plus sets that must fail) for the base,
#     istiod (default and remote profile) and gateway charts. Each is rendered
#     by both, and the outputs (or error messages) must be byte-identical.
#  2. When given an Istio source tree: Istio's own Helm rendering test cases
#     (operator/pkg/helm: the case table in helm_test.go, the values in
#     testdata/input). Each is rendered by both, and the objects (parsed YAML)
#     must be equal; without --is-upgrade the bytes are compared too. The
#     objects in the case's golden file (testdata/output) must be among ours.
#  3. The value shapes of Istio's Helm integration tests (tests/integration/helm)
#     on the base, istiod, gateway, istio-cni and ztunnel charts, byte for byte.
#
# Usage: Tests/Benchmarks/helm-istio-check.sh ISTIO_REPO_OR_CHARTS
#   ISTIO_REPO_OR_CHARTS  an Istio source tree or release (root), or its
#                         manifests/charts
# KUBECTL_MESH=path uses that binary instead of building one. VERBOSE=1 lists
# every case, not only failures. ONLY=TEXT runs the matrix cases whose label
# contains TEXT (Istio's cases are labelled istio/DESC).
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 ISTIO_REPO_OR_CHARTS" >&2
    exit 2
fi
given=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)

if ! python3 "$root/Tests/Fixtures/oracle/helm_oracle.py" check >/dev/null 2>&1; then
    echo "helm-python-sdk is not installed (pip install helm-python-sdk): Helm's engine is needed for this check" >&2
    exit 2
fi
if [ -z "${KUBECTL_MESH:-}" ]; then
    (cd "$root" && swift build --product kubectl-mesh >/dev/null)
    KUBECTL_MESH=$(cd "$root" && swift build --product kubectl-mesh --show-bin-path)/kubectl-mesh
fi
export KUBECTL_MESH

exec python3 - "$given" <<'PYTHON'
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import helm_python as helm

helm.disable_logging()
given = sys.argv[1]
if os.path.isdir(os.path.join(given, "manifests", "charts")):
    repo, charts = given, os.path.join(given, "manifests", "charts")
else:
    repo, charts = None, given
CHARTS = {
    "base": os.path.join(charts, "base"),
    "istiod": os.path.join(charts, "istio-control", "istio-discovery"),
    "gateway": os.path.join(charts, "gateway"),
    "cni": os.path.join(charts, "istio-cni"),
    "ztunnel": os.path.join(charts, "ztunnel"),
}
for key in ("base", "istiod", "gateway"):
    if not os.path.isfile(os.path.join(CHARTS[key], "Chart.yaml")):
        sys.exit(f"no chart at {CHARTS[key]}: give an Istio source tree, release, or its manifests/charts")
MESH = os.environ["KUBECTL_MESH"]
VERBOSE = os.environ.get("VERBOSE") == "1"
work = tempfile.mkdtemp(prefix="helm-istio-check-")

# ---------------------------------------------------------------------------
# The matrix: (label, chart, release, namespace, values (like -f), --set list).
# Values travel as JSON to both engines, so numbers are float64 on both sides;
# --set lists are parsed by Helm's strvals for the oracle, which then gets them
# as JSON (numbers float64, where --set makes them int64).
PRIMARY = ["pilot.env.EXTERNAL_ISTIOD=true", "global.meshID=mesh1", "global.externalIstiod=true",
           "global.multiCluster.clusterName=cluster1", "global.network=network1"]
def remote(address):
    return ["profile=remote", "pilot.env.EXTERNAL_ISTIOD=true", "global.multiCluster.clusterName=cluster2",
            "global.network=network1", "istiodRemote.injectionPath=/inject/cluster/cluster2/net/network1",
            "global.configCluster=true", f"global.remotePilotAddress={address}", "pilot.enabled=false"]

MESH_CONFIG = {
    "accessLogFile": "/dev/stdout", "accessLogEncoding": "JSON", "enableTracing": True,
    "trustDomain": "example.org", "outboundTrafficPolicy": {"mode": "REGISTRY_ONLY"},
    "defaultConfig": {"holdApplicationUntilProxyStarts": True,
                      "proxyMetadata": {"ISTIO_META_DNS_CAPTURE": "true", "ISTIO_META_DNS_AUTO_ALLOCATE": "true"},
                      "tracing": {"sampling": 12.5}},
    "extensionProviders": [{"name": "otel", "opentelemetry": {"service": "otel.observability.svc.cluster.local", "port": 4317}},
                           {"name": "ext-authz", "envoyExtAuthzHttp": {"service": "authz.foo.svc.cluster.local", "port": 8000,
                                                                      "includeRequestHeadersInCheck": ["x-ext-authz"]}}],
    "defaultProviders": {"tracing": ["otel"]},
}
RESOURCES = {"requests": {"cpu": "1", "memory": "4Gi"}, "limits": {"cpu": "4", "memory": "8Gi"}}

MATRIX = [
    # base
    ("base/default", "base", "istio-base", "istio-system", {}, []),
    ("base/primary", "base", "istio-base", "istio-system", {}, ["global.externalIstiod=true"]),
    ("base/remote", "base", "istio-base", "istio-system", {}, ["profile=remote", "global.externalIstiod=true"]),
    ("base/revision", "base", "istio-base", "istio-system", {"defaultRevision": "canary", "revision": "canary"}, []),
    ("base/no-default-revision", "base", "istio-base", "istio-system", {"defaultRevision": ""}, []),
    ("base/validation", "base", "istio-base", "istio-control",
     {"global": {"istioNamespace": "istio-control"},
      "base": {"validationURL": "https://istiod.example.com:15017/validate", "validationCABundle": "dGVzdC1jYQ==",
               "validationFailurePolicy": "Fail"}}, []),
    ("base/crds", "base", "istio-base", "istio-system",
     {"base": {"excludedCRDs": ["envoyfilters.networking.istio.io", "wasmplugins.extensions.istio.io"],
               "enableIstioConfigCRDs": False}}, []),
    ("base/no-crd-templates", "base", "istio-base", "istio-system", {"base": {"enableCRDTemplates": False}}, []),
    ("base/scope-cluster", "base", "istio-base", "istio-system", {"global": {"resourceScope": "cluster"}}, []),
    ("base/scope-namespace", "base", "istio-base", "istio-system", {"global": {"resourceScope": "namespace"}}, []),
    ("base/reader", "base", "istio-base", "istio-system",
     {"global": {"readerServiceAccount": {"name": "reader", "namespace": "ops"},
                 "imagePullSecrets": ["regcred"]}}, []),
    ("base/no-reader", "base", "istio-base", "istio-system", {"global": {"enableReaderRBAC": False}}, []),
    ("base/stable-validation", "base", "istio-base", "istio-system", {"experimental": {"stableValidationPolicy": True}}, []),
    ("base/ambient", "base", "istio-base", "istio-system", {"profile": "ambient"}, []),
    ("base/compat-1.25", "base", "istio-base", "istio-system", {"compatibilityVersion": "1.25"}, []),
    ("base/openshift", "base", "istio-base", "istio-system", {"global": {"platform": "openshift"}}, []),
    ("base/err-defaults", "base", "istio-base", "istio-system", {"defaults": {"global": {"hub": "x"}}}, []),
    ("base/err-profile", "base", "istio-base", "istio-system", {"profile": "nope"}, []),
    # istiod, default profile
    ("istiod/default", "istiod", "istiod", "istio-system", {}, []),
    ("istiod/primary", "istiod", "istiod", "istio-system", {}, PRIMARY),
    ("istiod/primary-values", "istiod", "istiod", "istio-system",
     {"pilot": {"env": {"EXTERNAL_ISTIOD": True}},
      "global": {"meshID": "mesh1", "externalIstiod": True, "multiCluster": {"clusterName": "cluster1"},
                 "network": "network1"}}, []),
    ("istiod/revision", "istiod", "istiod-canary", "istio-system", {"revision": "canary", "revisionTags": ["prod"]}, []),
    ("istiod/primary-revision", "istiod", "istiod-1-28", "istio-system", {"revision": "1-28"}, PRIMARY),
    ("istiod/replicas", "istiod", "istiod", "istio-system",
     {"autoscaleEnabled": False, "replicaCount": 3, "rollingMaxSurge": 1, "rollingMaxUnavailable": 0}, []),
    ("istiod/autoscale", "istiod", "istiod", "istio-system",
     {"autoscaleMin": 2, "autoscaleMax": 10, "cpu": {"targetAverageUtilization": 60},
      "memory": {"targetAverageUtilization": 75}, "pdb": {"minAvailable": 1, "unhealthyPodEvictionPolicy": "AlwaysAllow"},
      "autoscaleBehavior": {"scaleDown": {"stabilizationWindowSeconds": 300}}}, []),
    ("istiod/resources", "istiod", "istiod", "istio-system",
     {"resources": RESOURCES,
      "global": {"proxy": {"resources": {"requests": {"cpu": "50m", "memory": "64Mi"}, "limits": {"cpu": "500m", "memory": "256Mi"}}},
                 "defaultResources": {"requests": {"cpu": "20m"}}}}, []),
    ("istiod/hub-tag", "istiod", "istiod", "istio-system",
     {"global": {"hub": "registry.example.com/istio", "tag": "1.28.0", "variant": "distroless",
                 "imagePullPolicy": "Always", "imagePullSecrets": ["regcred"]}}, []),
    ("istiod/pilot-image", "istiod", "istiod", "istio-system",
     {"hub": "mirror.example.com/istio", "tag": "1.28.1-debug", "image": "pilot",
      "global": {"proxy": {"image": "registry.example.com/proxyv2:custom"}}}, []),
    ("istiod/full-image", "istiod", "istiod", "istio-system", {"image": "registry.example.com/pilot@sha256:" + "ab" * 32}, []),
    ("istiod/meshconfig", "istiod", "istiod", "istio-system", {"meshConfig": MESH_CONFIG}, []),
    ("istiod/meshconfig-primary", "istiod", "istiod", "istio-system", {"meshConfig": MESH_CONFIG}, PRIMARY),
    ("istiod/env-scheduling", "istiod", "istiod", "istio-system",
     {"env": {"PILOT_ENABLE_ALPHA_GATEWAY_API": "true", "PILOT_TRACE_SAMPLING": "10"},
      "nodeSelector": {"kubernetes.io/os": "linux", "node-role": "infra"},
      "tolerations": [{"key": "infra", "operator": "Exists", "effect": "NoSchedule"}],
      "affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
          {"weight": 100, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname",
                                              "labelSelector": {"matchLabels": {"app": "istiod"}}}}]}},
      "podAnnotations": {"example.com/owner": "platform"}, "podLabels": {"team": "mesh"},
      "deploymentLabels": {"tier": "control"}, "deploymentAnnotations": {"note": "x"},
      "serviceAnnotations": {"service.beta.kubernetes.io/internal": "true"},
      "serviceAccountAnnotations": {"iam.example.com/role": "istiod"},
      "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
                                     "whenUnsatisfiable": "ScheduleAnyway",
                                     "labelSelector": {"matchLabels": {"app": "istiod"}}}],
      "global": {"priorityClassName": "system-cluster-critical"},
      "traceSampling": 2.5, "keepaliveMaxServerConnectionAge": "1h"}, []),
    ("istiod/logging", "istiod", "istiod", "istio-system",
     {"global": {"logging": {"level": "default:debug,ads:info"}, "logAsJson": True,
                 "proxy": {"logLevel": "debug", "componentLogLevel": "misc:info"}}}, []),
    ("istiod/injector", "istiod", "istiod", "istio-system",
     {"sidecarInjectorWebhook": {"enableNamespacesByDefault": True, "reinvocationPolicy": "IfNeeded",
                                 "neverInjectSelector": [{"matchExpressions": [{"key": "openshift.io/build.name", "operator": "Exists"}]}],
                                 "injectedAnnotations": {"example.com/injected": "yes"},
                                 "templates": {"custom": "metadata:\n  labels:\n    custom: \"true\"\n"},
                                 "defaultTemplates": ["sidecar", "custom"]},
      "global": {"proxy": {"holdApplicationUntilProxyStarts": True, "privileged": True,
                           "includeIPRanges": "10.0.0.0/8", "excludeOutboundPorts": "3306"}}}, []),
    ("istiod/no-telemetry", "istiod", "istiod", "istio-system",
     {"telemetry": {"enabled": False}, "global": {"istiod": {"enableAnalysis": True}, "configValidation": False}}, []),
    ("istiod/dual-stack", "istiod", "istiod", "istio-system",
     {"ipFamilyPolicy": "PreferDualStack", "ipFamilies": ["IPv6", "IPv4"], "trafficDistribution": "PreferClose"}, []),
    ("istiod/cni", "istiod", "istiod", "istio-system",
     {"cni": {"enabled": True}, "taint": {"enabled": True, "namespace": "kube-system"}}, []),
    ("istiod/volumes", "istiod", "istiod", "istio-system",
     {"volumes": [{"name": "extra", "configMap": {"name": "extra"}}],
      "volumeMounts": [{"name": "extra", "mountPath": "/etc/extra"}],
      "initContainers": [{"name": "wait", "image": "busybox", "command": ["sh", "-c", "true"]}],
      "extraContainerArgs": ["--log_output_level=default:info"], "seccompProfile": {"type": "RuntimeDefault"},
      "jwksResolverExtraRootCA": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"}, []),
    ("istiod/mesh-networks", "istiod", "istiod", "istio-system",
     {"global": {"meshNetworks": {"network1": {"endpoints": [{"fromRegistry": "cluster1"}],
                                               "gateways": [{"address": "192.0.2.1", "port": 15443}]}},
                 "caAddress": "ca.example.com:15012", "pilotCertProvider": "istiod", "mountMtlsCerts": True}}, []),
    ("istiod/gateway-classes", "istiod", "istiod", "istio-system",
     {"gatewayClasses": {"istio": {"service": {"spec": {"type": "ClusterIP"}}}},
      "gateways": {"securityContext": {"runAsUser": 1337}}}, []),
    ("istiod/ambient", "istiod", "istiod", "istio-system", {"profile": "ambient"}, []),
    ("istiod/demo", "istiod", "istiod", "istio-system", {"profile": "demo"}, []),
    ("istiod/preview", "istiod", "istiod", "istio-system", {"profile": "preview"}, []),
    ("istiod/stable", "istiod", "istiod", "istio-system", {"profile": "stable"}, []),
    ("istiod/compat-1.25", "istiod", "istiod", "istio-system", {"compatibilityVersion": "1.25"}, []),
    ("istiod/compat-1.28", "istiod", "istiod", "istio-system", {"compatibilityVersion": "1.28"}, PRIMARY),
    ("istiod/openshift", "istiod", "istiod", "istio-system", {"global": {"platform": "openshift"}}, []),
    ("istiod/gke", "istiod", "istiod", "istio-system", {"platform": "gke"}, []),
    ("istiod/no-configmap", "istiod", "istiod", "istio-system", {"configMap": False, "global": {"omitSidecarInjectorConfigMap": True}}, []),
    ("istiod/tricky-scalars", "istiod", "istiod", "istio-system",
     {"meshConfig": {"defaultConfig": {"concurrency": 0, "terminationDrainDuration": "5s",
                                       "proxyStatsMatcher": {"inclusionRegexps": [".*outlier_detection.*", "^cluster\\..*"]},
                                       "proxyMetadata": {"BIG": 1000000, "SMALL": 0.1, "YES": "yes", "OCTAL": "012", "STAR": "*",
                                                         "COLON": "a: b", "LONG": "word " * 30, "MULTI": "line one\nline two\n",
                                                         "UNICODE": "café ☕", "EMPTY": "", "TILDE": "~", "NULLISH": "null"}},
                     "rootNamespace": "istio-system", "discoverySelectors": [{"matchLabels": {"mesh": "yes"}}],
                     "localityLbSetting": {"enabled": True, "failover": [{"from": "us-east", "to": "us-west"}]}},
      "env": {"SCALE": 1000000, "RATIO": 0.75, "FLAG": True},
      "podAnnotations": {"long": "x" * 100, "quote": "it's \"quoted\""}}, []),
    # Numbers and booleans by --set: int64 here, float64 on the oracle's side (JSON);
    # equal output means the charts treat both alike.
    ("istiod/set-numbers", "istiod", "istiod", "istio-system", {},
     ["autoscaleEnabled=false", "replicaCount=3", "pdb.minAvailable=2", "global.proxy.concurrency=4", "traceSampling=5",
      "meshConfig.defaultConfig.proxyMetadata.X=1", "global.logAsJson=true"]),
    ("istiod/set-autoscale", "istiod", "istiod", "istio-system", {}, ["autoscaleMin=2", "autoscaleMax=7", "cpu.targetAverageUtilization=65"]),
    ("istiod/err-profile", "istiod", "istiod", "istio-system", {"profile": "nope"}, []),
    ("istiod/err-defaults", "istiod", "istiod", "istio-system", {"defaults": {"pilot": {}}}, []),
    ("istiod/err-compat", "istiod", "istiod", "istio-system", {"compatibilityVersion": "1.2"}, []),
    # istiod, remote profile
    ("istiod-remote/ipv4", "istiod", "istiod", "istio-system", {}, remote("192.0.2.10")),
    ("istiod-remote/ipv6", "istiod", "istiod", "istio-system", {}, remote("2001:db8::10")),
    ("istiod-remote/hostname", "istiod", "istiod", "istio-system", {}, remote("istiod.example.com")),
    ("istiod-remote/revision", "istiod", "istiod-canary", "istio-system", {"revision": "canary"}, remote("192.0.2.10")),
    ("istiod-remote/injection-url", "istiod", "istiod", "istio-system",
     {"profile": "remote", "istiodRemote": {"injectionURL": "https://istiod.example.com:15017/inject/cluster/c2/net/n1",
                                            "injectionCABundle": "dGVzdC1jYQ=="},
      "global": {"remotePilotAddress": "istiod.example.com", "configCluster": False, "multiCluster": {"clusterName": "c2"}}}, []),
    ("istiod-remote/local-injector", "istiod", "istiod", "istio-system",
     {"istiodRemote": {"enabledLocalInjectorIstiod": True}}, remote("192.0.2.10")),
    ("istiod-remote/bare", "istiod", "istiod", "istio-system", {"profile": "remote"}, []),
    ("istiod-remote/meshconfig", "istiod", "istiod", "istio-system", {"meshConfig": MESH_CONFIG}, remote("192.0.2.10")),
    # gateway
    ("gateway/default", "gateway", "istio-ingressgateway", "istio-system", {}, []),
    ("gateway/eastwest", "gateway", "istio-eastwestgateway", "istio-system", {},
     ["name=istio-eastwestgateway", "networkGateway=network1"]),
    ("gateway/eastwest-values", "gateway", "istio-eastwestgateway", "istio-system",
     {"name": "istio-eastwestgateway", "networkGateway": "network1",
      "labels": {"topology.istio.io/network": "network1"}}, []),
    ("gateway/eastwest-ports", "gateway", "istio-eastwestgateway", "istio-system",
     {"networkGateway": "network1",
      "networkGatewayPorts": {"status-port": {"port": 15021, "targetPort": 15021}, "tls": {"port": 443, "targetPort": 15443},
                              "tls-istiod": {"port": 15012, "targetPort": 15012}, "tls-webhook": {"port": 15017, "targetPort": 15017}}}, []),
    ("gateway/labels", "gateway", "istio-ingress", "istio-ingress",
     {"labels": {"app.kubernetes.io/part-of": "edge", "team": "web", "istio.io/dataplane-mode": None},
      "annotations": {"example.com/owner": "web", "example.com/port": 8080}}, []),
    ("gateway/ports", "gateway", "istio-ingress", "istio-ingress",
     {"service": {"type": "NodePort", "externalTrafficPolicy": "Local",
                  "ports": [{"name": "status-port", "port": 15021, "protocol": "TCP", "targetPort": 15021},
                            {"name": "http2", "port": 80, "protocol": "TCP", "targetPort": 8080, "nodePort": 30080},
                            {"name": "https", "port": 443, "protocol": "TCP", "targetPort": 8443, "nodePort": 30443},
                            {"name": "tcp-db", "port": 5432, "targetPort": 5432}]}}, []),
    ("gateway/loadbalancer", "gateway", "istio-ingress", "istio-ingress",
     {"service": {"loadBalancerIP": "203.0.113.7", "loadBalancerSourceRanges": ["10.0.0.0/8", "192.168.0.0/16"],
                  "annotations": {"service.beta.kubernetes.io/aws-load-balancer-type": "nlb"},
                  "externalIPs": ["198.51.100.1"], "ipFamilyPolicy": "SingleStack", "ipFamilies": ["IPv4"],
                  "allocateLoadBalancerNodePorts": False, "loadBalancerClass": "service.k8s.aws/nlb",
                  "selectorLabels": {"istio.io/rev": "canary"}, "clusterIP": ""}}, []),
    ("gateway/clusterip", "gateway", "istio-ingress", "istio-ingress", {"service": {"type": "ClusterIP", "clusterIP": "10.96.0.50"}}, []),
    ("gateway/no-service", "gateway", "istio-ingress", "istio-ingress", {"service": {"type": "None"}}, []),
    ("gateway/replicas", "gateway", "istio-ingress", "istio-ingress",
     {"autoscaling": {"enabled": False}, "replicaCount": 3, "podDisruptionBudget": {"minAvailable": 2}}, []),
    ("gateway/autoscale", "gateway", "istio-ingress", "istio-ingress",
     {"autoscaling": {"minReplicas": 2, "maxReplicas": 20, "targetCPUUtilizationPercentage": 60,
                      "targetMemoryUtilizationPercentage": 70,
                      "autoscaleBehavior": {"scaleUp": {"stabilizationWindowSeconds": 0}}},
      "podDisruptionBudget": {"maxUnavailable": 1, "unhealthyPodEvictionPolicy": "IfHealthyBudget"}}, []),
    ("gateway/resources", "gateway", "istio-ingress", "istio-ingress", {"resources": RESOURCES}, []),
    ("gateway/no-resources", "gateway", "istio-ingress", "istio-ingress", {"resources": None}, []),
    ("gateway/revision", "gateway", "istio-ingress", "istio-ingress", {"revision": "canary"}, []),
    ("gateway/daemonset", "gateway", "istio-ingress", "istio-ingress", {"kind": "DaemonSet"}, []),
    ("gateway/service-account", "gateway", "istio-ingress", "istio-ingress",
     {"serviceAccount": {"create": False, "name": "edge"}, "rbac": {"enabled": False}}, []),
    ("gateway/pod", "gateway", "istio-ingress", "istio-ingress",
     {"env": {"ISTIO_META_ROUTER_MODE": "standard", "NUM": "7"},
      "envVarFrom": [{"name": "SECRET", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}],
      "podAnnotations": {"sidecar.istio.io/inject": "true", "example.com/x": "y"},
      "securityContext": {"runAsUser": 1337, "runAsGroup": 1337}, "containerSecurityContext": {"readOnlyRootFilesystem": True},
      "nodeSelector": {"kubernetes.io/os": "linux"}, "tolerations": [{"key": "edge", "operator": "Exists"}],
      "strategy": {"rollingUpdate": {"maxSurge": "100%", "maxUnavailable": "25%"}}, "minReadySeconds": 5,
      "terminationGracePeriodSeconds": 60, "priorityClassName": "high", "imagePullPolicy": "IfNotPresent",
      "imagePullSecrets": [{"name": "regcred"}], "readinessProbe": {"periodSeconds": 5},
      "lifecycle": {"preStop": {"exec": {"command": ["sleep", "5"]}}},
      "volumes": [{"name": "certs", "secret": {"secretName": "edge-certs"}}],
      "volumeMounts": [{"name": "certs", "mountPath": "/etc/certs"}],
      "dnsPolicy": "ClusterFirst", "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule"}]}, []),
    ("gateway/network-policy", "gateway", "istio-ingress", "istio-ingress", {"global": {"networkPolicy": {"enabled": True}}}, []),
    ("gateway/ambient", "gateway", "istio-ingress", "istio-ingress", {"profile": "ambient"}, []),
    ("gateway/openshift", "gateway", "istio-ingress", "istio-ingress", {"platform": "openshift"}, []),
    ("gateway/set-numbers", "gateway", "istio-ingress", "istio-ingress", {},
     ["autoscaling.enabled=false", "replicaCount=2", "podDisruptionBudget.minAvailable=1", "terminationGracePeriodSeconds=45",
      "service.ports[0].name=http", "service.ports[0].port=8080", "service.ports[0].targetPort=8080", "labels.team=web"]),
    ("gateway/err-kind", "gateway", "istio-ingress", "istio-ingress", {"kind": "StatefulSet"}, []),
    ("gateway/err-replicas", "gateway", "istio-ingress", "istio-ingress", {"replicaCount": "three"}, []),
    ("gateway/err-unknown-key", "gateway", "istio-ingress", "istio-ingress", {"replicas": 2}, []),
    ("gateway/err-annotation", "gateway", "istio-ingress", "istio-ingress", {"annotations": {"a": True}}, []),
]

# The value shapes Istio's own Helm integration tests (tests/integration/helm)
# install every chart with: hub/tag/variant/revision/platform overrides, the
# ambient, stable and revisioned profiles, native nftables, istiod in another
# namespace, and a numeric namespace.
def integration(label, values, namespace="istio-system", charts=("base", "istiod", "gateway", "cni", "ztunnel")):
    releases = {"base": "istio-base", "istiod": "istiod", "gateway": "istio-ingress", "cni": "istio-cni", "ztunnel": "ztunnel"}
    return [(f"integration/{label}/{chart}", chart, releases[chart], namespace, values, [])
            for chart in charts if os.path.isfile(os.path.join(CHARTS[chart], "Chart.yaml"))]

HUB = {"hub": "registry.example.com/istio-testing", "tag": "1.29-dev", "variant": "distroless", "platform": ""}
MATRIX += (
    integration("default", {"global": HUB, "revision": ""})
    + integration("revision", {"global": HUB, "revision": "testrev"})
    + integration("ambient", {"global": HUB, "revision": "", "profile": "ambient"})
    + integration("ambient-namespaces", {"global": {"istioNamespace": "istiod"}, "profile": "ambient",
                                         "pilot": {"trustedZtunnelNamespace": "ztunnel"}}, namespace="istiod")
    + integration("stable", {"profile": "stable"})
    + integration("stable-revision", {"profile": "stable", "revision": "1-x"})
    + integration("nftables", {"global": {"nativeNftables": True}})
    + integration("openshift", {"global": dict(HUB, platform="openshift"), "platform": "openshift", "revision": ""})
    + integration("numeric-namespace", {"global": {"istioNamespace": "123456"},
                                        "podAnnotations": {"proxy.istio.io/config": '{"discoveryAddress":"istiod.123456.svc:15012"}'}},
                  namespace="123456", charts=("base", "istiod", "gateway"))
)

# ---------------------------------------------------------------------------
configs = {}

def helm_template(chart, release, namespace, values):
    """`helm template RELEASE CHART -n NAMESPACE`: (True, text) or (False, error)."""
    config = configs.get(namespace)
    if config is None:
        config = configs[namespace] = helm.Config(namespace=namespace, storage_driver="memory")
    try:
        release = config.install(chart, release, values, dry_run="client", namespace=namespace)
    except Exception as error:
        return False, str(error)
    return True, release.get("manifest", "").strip() + "\n"

def mesh_template(chart, release, namespace, values, sets, upgrade=False):
    """`kubectl-mesh template`: (True, text) or (False, error message without `error: ` and hint)."""
    path = os.path.join(work, "values.json")
    with open(path, "w") as f:
        json.dump(values, f)
    args = [MESH, "template", chart, "--name", release, "-n", namespace, "-f", path]
    for s in sets:
        args += ["--set", s]
    if upgrade:
        args.append("--is-upgrade")
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode == 0:
        return True, run.stdout
    lines = run.stderr.split("\n")
    message = [l for l in lines if not l.startswith("hint: ")]
    text = "\n".join(message).strip()
    return False, text[len("error: "):] if text.startswith("error: ") else text

def merged_sets(values, sets):
    """The values the --set list gives on top of `values` (strings and booleans only)."""
    if not sets:
        return values
    parsed = helm.parse_set_string(",".join(sets))
    def merge(dst, src):
        for k, v in src.items():
            if isinstance(v, dict) and isinstance(dst.get(k), dict):
                merge(dst[k], v)
            else:
                dst[k] = v
        return dst
    return merge(json.loads(json.dumps(values)), parsed)

def show_diff(expected, actual):
    diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "helm", "kubectl-mesh", lineterm="", n=1)
    for line in list(diff)[:30]:
        print("    " + line)

failures = []
def report(label, ok, detail):
    if not ok:
        failures.append(label)
    if not ok or VERBOSE:
        print(("ok   " if ok else "FAIL ") + label + (f" ({detail})" if detail else ""))

ONLY = os.environ.get("ONLY")
if ONLY:
    MATRIX = [m for m in MATRIX if ONLY in m[0]]
print(f"== matrix: {len(MATRIX)} value sets, byte-identical output or error")
counts = {}
for label, chart_key, release, namespace, values, sets in MATRIX:
    chart = CHARTS[chart_key]
    hok, htext = helm_template(chart, release, namespace, merged_sets(values, sets))
    mok, mtext = mesh_template(chart, release, namespace, values, sets)
    group = label.split("/")[0]
    counts.setdefault(group, [0, 0])
    counts[group][0] += 1
    if hok and mok and htext == mtext:
        counts[group][1] += 1
        report(label, True, f"{len(htext)} bytes identical")
    elif not hok and not mok and htext.rstrip("\n") == mtext.rstrip("\n"):
        counts[group][1] += 1
        report(label, True, "same error: " + htext.split("\n")[0][:100])
    else:
        report(label, False, "differs")
        if hok and mok:
            show_diff(htext, mtext)
        else:
            print("    helm:         " + ("renders" if hok else htext.replace("\n", "\n                  ")))
            print("    kubectl-mesh: " + ("renders" if mok else mtext.replace("\n", "\n                  ")))
for group, (total, same) in counts.items():
    print(f"   {group:14} {same}/{total} identical")

# ---------------------------------------------------------------------------
SEPARATOR = re.compile(r"(?:^|\s*\n)---\s*")

def documents(text):
    return [d for d in SEPARATOR.split(text.lstrip()) if d.strip()]

def objects(texts):
    """Canonical JSON of every non-empty object in the documents of `texts`."""
    found = []
    for text in texts:
        for document in documents(text):
            value = helm.values_from_yaml(document)
            if value:
                found.append(json.dumps(value, sort_keys=True))
    return sorted(found)

def describe(canonical):
    o = json.loads(canonical)
    m = o.get("metadata") or {}
    return f"{o.get('kind')}/{m.get('namespace', '')}/{m.get('name')}"

def istio_cases(repo):
    """Istio's TestRender table: (desc, release, namespace, chart dir, is upgrade)."""
    source = open(os.path.join(repo, "operator", "pkg", "helm", "helm_test.go")).read()
    body = source[source.index("func TestRender("):]
    cases = []
    for block in re.findall(r"\{\s*\n(\s*desc:.*?)\n\s*\},", body, re.S):
        fields = dict(re.findall(r"(\w+):\s*(\"[^\"]*\"|true|false)", block))
        cases.append((json.loads(fields["desc"]), json.loads(fields["releaseName"]), json.loads(fields["namespace"]),
                      json.loads(fields["chartName"]), fields.get("isUpgrade") == "true"))
    return cases

if repo and os.path.isfile(os.path.join(repo, "operator", "pkg", "helm", "helm_test.go")):
    cases = [c for c in istio_cases(repo) if not ONLY or ONLY in "istio/" + c[0]]
    print(f"== Istio's own Helm rendering cases (operator/pkg/helm): {len(cases)}, equal objects (and bytes when not an upgrade)")
    same = 0
    for desc, release, namespace, chart_name, upgrade in cases:
        chart = os.path.join(charts, chart_name)
        with open(os.path.join(repo, "operator", "pkg", "helm", "testdata", "input", desc + ".yaml")) as f:
            spec = helm.values_from_yaml(f.read()).get("spec") or {}
        values = spec.get("values") or {}
        label = f"istio/{desc}" + (" (upgrade)" if upgrade else "")
        try:
            rendered = helm.Chart.load(chart).render(values, name=release, namespace=namespace,
                                                     is_install=not upgrade, is_upgrade=upgrade)
            hok = True
        except Exception as error:
            hok, rendered = False, str(error)
        mok, mtext = mesh_template(chart, release, namespace, values, [], upgrade)
        if not hok or not mok:
            report(label, False, "render failed: helm: " + ("ok" if hok else rendered) + "; kubectl-mesh: " + ("ok" if mok else mtext))
            continue
        theirs = objects(text for name, text in sorted(rendered.items()) if not name.endswith("NOTES.txt"))
        ours = objects([mtext])
        if theirs != ours:
            report(label, False, f"objects differ ({len(theirs)} from helm, {len(ours)} from kubectl-mesh)")
            for o in sorted(set(theirs) ^ set(ours))[:6]:
                print("    " + ("only helm:         " if o in theirs else "only kubectl-mesh: ") + describe(o))
            continue
        detail = f"{len(ours)} objects equal"
        golden = os.path.join(repo, "operator", "pkg", "helm", "testdata", "output", desc + ".golden.yaml")
        if os.path.isfile(golden):
            with open(golden) as f:
                expected = objects([f.read()])
            missing = [o for o in expected if o not in ours]
            if missing:
                report(label, False, f"{len(missing)} object(s) of Istio's golden file not rendered: "
                       + ", ".join(describe(o) for o in missing[:3]))
                continue
            detail += f", Istio's golden object{'s' if len(expected) != 1 else ''} among them"
        if not upgrade:
            hok, htext = helm_template(chart, release, namespace, values)
            if htext != mtext:
                report(label, False, detail + ", but the bytes differ")
                show_diff(htext, mtext)
                continue
            detail += ", bytes identical"
        same += 1
        report(label, True, detail)
    print(f"   istio cases    {same}/{len(cases)} equal")
else:
    print("== Istio's own Helm rendering cases: skipped (give an Istio source tree to run them)")

shutil.rmtree(work)
if failures:
    print(f"{len(failures)} case(s) differ: " + ", ".join(failures))
    sys.exit(1)
print("all cases identical to Helm v4")
PYTHON
