{{- define "gateway.name" -}}
{{ .Values.name | default .Release.Name }}
{{- end }}

{{/* app: NAME and istio: NAME without its istio- prefix, as gateways are selected. */}}
{{- define "gateway.selectorLabels" -}}
app: {{ include "gateway.name" . }}
istio: {{ include "gateway.name" . | trimPrefix "istio-" }}
{{- end }}

{{- define "gateway.labels" -}}
{{ include "gateway.selectorLabels" . }}
{{- with .Values.networkGateway }}
topology.istio.io/network: {{ . | quote }}
{{- end }}
app.kubernetes.io/name: {{ include "gateway.name" . }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}
