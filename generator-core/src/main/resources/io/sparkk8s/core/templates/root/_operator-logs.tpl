{{/*
The release's logging on the pods the kubeflow Spark Operator starts for a SparkApplication (issue 17): the operator
writes spec.driver.template and spec.executor.template to files and passes them to spark-submit as
spark.kubernetes.driver.podTemplateFile and spark.kubernetes.executor.podTemplateFile (container names
spark-kubernetes-driver and spark-kubernetes-executor), so Spark's own pod builders, not the operator's webhook,
put the log shipper sidecar, its volumes and the release's log4j2 configuration into the driver and executor pods.
The driver's and executors' $SPARK_CONF_DIR is the ConfigMap Spark builds from the operator's own conf dir, so the
JVMs are pointed at the release's log4j2.properties (the spark-wiring ConfigMap, mounted) with
-Dlog4j2.configurationFile in spark.{driver,executor}.defaultJavaOptions.
*/}}

{{/* Where the spark-wiring ConfigMap (log4j2.properties among its keys) is mounted in an operator-started pod. */}}
{{- define "sparkk8s.operatorWiringDir" -}}/opt/spark-k8s/wiring{{- end -}}

{{/* The Spark container's mount of the release's spark-wiring ConfigMap, one entry of its volumeMounts:
     (dict "context" $ "log4j2" <bool: the wiring carries log4j2.properties>). Empty without log4j2. */}}
{{- define "sparkk8s.operatorLog4j2Mount" -}}
{{- if .log4j2 -}}
- name: wiring
  mountPath: {{ include "sparkk8s.operatorWiringDir" . }}
  readOnly: true
{{- end -}}
{{- end -}}

{{/* The pod's volume of the release's spark-wiring ConfigMap (rendered by the chart root: the umbrella's for its
     subcharts), one entry of its volumes: (dict "context" $ "log4j2" <bool>). Empty without log4j2. */}}
{{- define "sparkk8s.operatorLog4j2Volume" -}}
{{- if .log4j2 -}}
- name: wiring
  configMap:
    name: {{ include "sparkk8s.fullname" (dict "context" .context "component" "spark-wiring") }}
    items:
      - key: log4j2.properties
        path: log4j2.properties
{{- end -}}
{{- end -}}

{{/* The JVM option that makes a driver or executor read the release's log4j2.properties: the system property wins
     over the log4j2.properties Spark finds in its $SPARK_CONF_DIR (the operator's). Spark's launcher puts
     spark.driver.defaultJavaOptions before spark.driver.extraJavaOptions on the driver (started in client mode
     inside its pod), and spark.executor.defaultJavaOptions is prepended to the executors' options
     (config EXECUTOR_JAVA_OPTIONS), so a user's javaOptions keep working: (dict "context" $). */}}
{{- define "sparkk8s.operatorLog4j2JavaOption" -}}
-Dlog4j2.configurationFile={{ include "sparkk8s.operatorWiringDir" . }}/log4j2.properties
{{- end -}}

{{/* The driver pod template of a SparkApplication (spec.driver.template, a PodTemplateSpec without apiVersion and
     kind): the restricted pod and container security contexts (so the pod Spark builds is restricted with or
     without the operator's webhook), the log shipper sidecar (global.logShipping, "sparkk8s.logShipperSidecar") and
     the release's log4j2.properties: (dict "context" $ "component" <the pod's component, a label of every shipped
     line> "log4j2" <bool: mount the wiring's log4j2.properties> "podSecurityContext" <the application's
     podSecurityContext values> "securityContext" <the application's securityContext values>). */}}
{{- define "sparkk8s.operatorDriverPodTemplate" -}}
{{- $root := .context -}}
spec:
  securityContext:
    {{- include "sparkk8s.podSecurityContext" (dict "context" $root "uid" 185 "gid" 185 "overrides" .podSecurityContext) | nindent 4 }}
  {{- with include "sparkk8s.logShipperSidecar" (dict "context" $root "component" .component) | trim }}
  initContainers:{{ . | nindent 4 }}
  {{- end }}
  containers:
    - name: spark-kubernetes-driver
      securityContext:
        {{- include "sparkk8s.containerSecurityContext" (dict "context" $root "overrides" .securityContext) | nindent 8 }}
      {{- $mounts := list (include "sparkk8s.logShipperMount" (dict "context" $root) | trim) (include "sparkk8s.operatorLog4j2Mount" (dict "context" $root "log4j2" .log4j2) | trim) | compact }}
      {{- with $mounts }}
      volumeMounts:
        {{- range . }}{{ . | nindent 8 }}{{ end }}
      {{- end }}
  {{- $volumes := list (include "sparkk8s.logShipperVolumes" (dict "context" $root) | trim) (include "sparkk8s.operatorLog4j2Volume" (dict "context" $root "log4j2" .log4j2) | trim) | compact }}
  {{- with $volumes }}
  volumes:
    {{- range . }}{{ . | nindent 4 }}{{ end }}
  {{- end }}
{{- end -}}
