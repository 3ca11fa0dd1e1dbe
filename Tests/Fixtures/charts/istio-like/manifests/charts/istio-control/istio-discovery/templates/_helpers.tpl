{{/* True when this render is the remote profile: no istiod runs here. */}}
{{- define "istiod.remote" -}}
{{- or .Values.istiodRemote.enabled (eq .Values.profile "remote") -}}
{{- end }}

{{/* istiod, or istiod-REV. */}}
{{- define "istiod.name" -}}
istiod{{ if .Values.revision }}-{{ .Values.revision }}{{ end }}
{{- end }}

{{/* The revision label value. */}}
{{- define "istiod.rev" -}}
{{ .Values.revision | default "default" }}
{{- end }}

{{/* True when remotePilotAddress is an IPv4 or IPv6 address. */}}
{{- define "istiod.addressIsIP" -}}
{{- $a := .Values.global.remotePilotAddress -}}
{{- or (regexMatch "^[0-9]{1,3}(\\.[0-9]{1,3}){3}$" $a) (regexMatch "^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$" $a) -}}
{{- end }}

{{- define "istiod.labels" -}}
app.kubernetes.io/name: istiod
app.kubernetes.io/instance: {{ .Release.Name | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}
