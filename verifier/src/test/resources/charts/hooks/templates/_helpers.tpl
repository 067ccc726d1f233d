{{- define "hooks.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "hooks.resources" -}}
resources:
  requests:
    cpu: 10m
    memory: 16Mi
  limits:
    memory: 32Mi
{{- end -}}
