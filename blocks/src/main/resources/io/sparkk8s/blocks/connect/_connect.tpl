{{/* Helpers of the connect block. */}}
{{- define "connect.serviceAccountName" -}}
{{- {= v =}.serviceAccount.name | default (include "sparkk8s.fullname" (dict "context" . "component" "connect")) -}}
{{- end -}}
