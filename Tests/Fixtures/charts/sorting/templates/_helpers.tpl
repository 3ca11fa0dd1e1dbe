{{- define "sorting.name" -}}{{ .Chart.Name }}-{{ .Release.Name }}{{- end }}
