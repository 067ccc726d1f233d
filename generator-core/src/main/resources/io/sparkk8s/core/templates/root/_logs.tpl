{{/*
Log shipping (issue 17): a fluent-bit sidecar beside every Spark process, fed by a rolling log file that log4j2
writes on a shared emptyDir. A sidecar cannot read another container's stdout (the kubelet keeps it under
/var/log/pods on the node), so Spark writes each line twice: to stderr as before (kubectl logs) and to the file
the sidecar tails. Reads only global.logShipping.* (and global.s3.* for the s3 output), so the subcharts of the
umbrella, which see global, render the same sidecar as the toggle chart.
*/}}

{{/* Where Spark's log file and the sidecar's buffer live, in every container that mounts the shared emptyDir. */}}
{{- define "sparkk8s.logDir" -}}/opt/spark-k8s/logs{{- end -}}

{{/* log4j2 properties lines that add a size-limited rolling file appender (logShipping.fileSize, 2 rolled files
     kept) to the root logger, for the sidecar to tail: (dict "context" $ "json" <bool: Spark 4's JSON layout, else
     Spark's pattern layout>). Empty while global.logShipping.enabled is off. Appended to the release's
     log4j2.properties (sparkk8s.log4j2Properties), which the driver also ships to its executors. */}}
{{- define "sparkk8s.logFileAppender" -}}
{{- $s := .context.Values.global.logShipping -}}
{{- if $s.enabled }}
# global.logShipping: the same lines, to a rolling file on the emptyDir the log shipper sidecar tails
rootLogger.appenderRef.file.ref = file
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = {{ include "sparkk8s.logDir" . }}/spark.log
appender.file.filePattern = {{ include "sparkk8s.logDir" . }}/spark.log.%i
{{- if .json }}
appender.file.layout.type = JsonTemplateLayout
appender.file.layout.eventTemplateUri = classpath:org/apache/spark/SparkLayout.json
{{- else }}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
{{- end }}
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = {{ $s.fileSize }}B
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 2
{{- end }}
{{- end -}}

{{/* The log shipper as a native sidecar, one entry of a pod's initContainers: an init container with
     restartPolicy: Always starts before the pod's containers, runs beside them and does not keep a Job's pod from
     completing (Kubernetes 1.29+, SidecarContainers). Restricted like every container of the chart; it runs as the
     pod's user and only writes to the shared emptyDir. (dict "context" $ "component" <the pod's component, a label
     of every shipped line>). Empty while global.logShipping.enabled is off. */}}
{{- define "sparkk8s.logShipperSidecar" -}}
{{- $root := .context -}}
{{- $s := $root.Values.global.logShipping -}}
{{- if $s.enabled -}}
- name: log-shipper
  image: {{ include "sparkk8s.image" (dict "context" $root "image" $s.image) }}
  imagePullPolicy: {{ include "sparkk8s.pullPolicy" (dict "context" $root "image" $s.image) }}
  restartPolicy: Always
  command: ["/fluent-bit/bin/fluent-bit"]
  args: ["-c", "/fluent-bit/etc/spark-k8s/fluent-bit.conf"]
  env:
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: POD_NAMESPACE
      valueFrom:
        fieldRef:
          fieldPath: metadata.namespace
    - name: SPARK_K8S_COMPONENT
      value: {{ .component | quote }}
    {{- if eq $s.output "s3" }}
    {{- include "sparkk8s.s3Env" $root | nindent 4 }}
    {{- end }}
  resources:
    {{- include "sparkk8s.resources" $s.resources | nindent 4 }}
  securityContext:
    {{- include "sparkk8s.containerSecurityContext" (dict "context" $root "overrides" dict) | nindent 4 }}
  volumeMounts:
    - name: spark-logs
      mountPath: {{ include "sparkk8s.logDir" . }}
    - name: log-shipper
      mountPath: /fluent-bit/etc/spark-k8s
      readOnly: true
{{- end -}}
{{- end -}}

{{/* The Spark container's mount of the shared log folder, one entry of its volumeMounts: (dict "context" $).
     Empty while global.logShipping.enabled is off. */}}
{{- define "sparkk8s.logShipperMount" -}}
{{- if .context.Values.global.logShipping.enabled -}}
- name: spark-logs
  mountPath: {{ include "sparkk8s.logDir" . }}
{{- end -}}
{{- end -}}

{{/* The pod's volumes for the log shipper, entries of its volumes: the shared emptyDir, bounded by
     logShipping.volumeSizeLimit (the kubelet evicts a pod that writes past it), and the shipper's ConfigMap
     (<release>-log-shipper, rendered by the chart root): (dict "context" $). Empty while global.logShipping.enabled
     is off. */}}
{{- define "sparkk8s.logShipperVolumes" -}}
{{- $root := .context -}}
{{- if $root.Values.global.logShipping.enabled -}}
- name: spark-logs
  emptyDir:
    sizeLimit: {{ $root.Values.global.logShipping.volumeSizeLimit }}
- name: log-shipper
  configMap:
    name: {{ include "sparkk8s.fullname" (dict "context" $root "component" "log-shipper") }}
{{- end -}}
{{- end -}}

{{/* fluent-bit's configuration (classic format): tail Spark's log file with a filesystem buffer, parse it (Spark 4's
     JSON lines, or Spark's pattern with its multi-line stack traces), add namespace, pod, component and release,
     send it to global.logShipping.output: (dict "context" $ "json" <bool: the lines are JSON>). */}}
{{- define "sparkk8s.fluentBitConf" -}}
{{- $root := .context -}}
{{- $s := $root.Values.global.logShipping -}}
{{- $dir := include "sparkk8s.logDir" . -}}
[SERVICE]
    Flush                     5
    Log_Level                 info
    Parsers_File              /fluent-bit/etc/spark-k8s/parsers.conf
    storage.path              {{ $dir }}/.buffer
    storage.sync              normal
    storage.backlog.mem_limit 4M

[INPUT]
    Name              tail
    Tag               spark
    Path              {{ $dir }}/spark.log
    DB                {{ $dir }}/.tail.db
    Read_from_Head    On
    Refresh_Interval  5
    Rotate_Wait       30
    Mem_Buf_Limit     {{ $s.memBufLimit }}
    storage.type      filesystem
    {{- if not .json }}
    multiline.parser  spark-multiline
    {{- end }}

[FILTER]
    Name         parser
    Match        spark
    Key_Name     log
    Parser       {{ if .json }}spark-json{{ else }}spark-pattern{{ end }}
    Reserve_Data On

[FILTER]
    Name    record_modifier
    Match   spark
    Record  namespace ${POD_NAMESPACE}
    Record  pod ${POD_NAME}
    Record  component ${SPARK_K8S_COMPONENT}
    Record  release {{ $root.Release.Name }}

[OUTPUT]
    Name                     {{ $s.output }}
    Match                    spark
    Retry_Limit              no_limits
    storage.total_limit_size {{ $s.bufferLimit }}
{{- if eq $s.output "forward" }}
    Host                     {{ $s.forward.host }}
    Port                     {{ $s.forward.port }}
{{- else if eq $s.output "loki" }}
    Host                     {{ $s.loki.host }}
    Port                     {{ $s.loki.port }}
    tls                      {{ ternary "On" "Off" $s.loki.tls }}
    {{- with $s.loki.tenantId }}
    tenant_id                {{ . }}
    {{- end }}
    labels                   job=spark-k8s, release={{ $root.Release.Name }}, namespace=${POD_NAMESPACE}, component=${SPARK_K8S_COMPONENT}, pod=${POD_NAME}
    line_format              json
{{- else if eq $s.output "s3" }}
    bucket                   {{ $s.s3.bucket }}
    region                   {{ $root.Values.global.s3.region }}
    endpoint                 {{ include "sparkk8s.s3Endpoint" $root }}
    s3_key_format            /{{ $s.s3.prefix }}/${POD_NAMESPACE}/${POD_NAME}/%Y/%m/%d/%H%M%S-$UUID.gz
    compression              gzip
    use_put_object           On
    total_file_size          10M
    upload_timeout           {{ $s.s3.uploadTimeout }}
    store_dir                {{ $dir }}/.s3
    store_dir_limit_size     {{ $s.bufferLimit }}
{{- else if eq $s.output "http" }}
    Host                     {{ $s.http.host }}
    Port                     {{ $s.http.port }}
    URI                      {{ $s.http.uri }}
    Format                   json_lines
    json_date_key            shipped_at
    json_date_format         iso8601
    tls                      {{ ternary "On" "Off" $s.http.tls }}
{{- end }}
{{- end -}}

{{/* fluent-bit's parsers file: Spark 4's JSON lines; Spark's pattern layout (%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m) as
     fields time, level, logger, message; and the multi-line rule that keeps a stack trace with the line it belongs
     to (a new record starts only at a line opening with that timestamp): (dict "context" $). */}}
{{- define "sparkk8s.fluentBitParsers" -}}
[PARSER]
    Name        spark-json
    Format      json

[PARSER]
    Name        spark-pattern
    Format      regex
    Regex       ^(?<time>\d{2}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}) (?<level>[A-Z]+) (?<logger>[^:\s]+): (?<message>[\s\S]*)$
    Time_Key    time
    Time_Format %y/%m/%d %H:%M:%S
    Time_Keep   On

[MULTILINE_PARSER]
    name          spark-multiline
    type          regex
    flush_timeout 1000
    rule          "start_state" "/^\d{2}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} /" "cont"
    rule          "cont"        "/^(?!\d{2}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} )/" "cont"
{{- end -}}

{{/* The log4j2.properties of a Spark subchart installed alone while global.logShipping.enabled (the umbrella's and
     the toggle chart's come from sparkk8s.log4j2Properties, which reads logging.*): Spark's default console
     lines on stderr and the sidecar's rolling file, at level info: (dict "context" $). */}}
{{- define "sparkk8s.logShippingLog4j2Properties" -}}
{{- if .context.Values.global.logShipping.enabled -}}
# global.logShipping of a subchart installed alone: Spark's default lines, also to the shipper's file
rootLogger.level = info
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
{{- include "sparkk8s.logFileAppender" (dict "context" .context "json" false) }}
{{- end -}}
{{- end -}}

{{/* The log init containers of a Spark pod, entries of its initContainers: the log shipper sidecar
     (global.logShipping), and, for a pod whose Spark process writes or cleans driver logs (a client-mode driver,
     the History Server), an init container that makes sure global.driverLogs.dir exists on S3 (Spark's
     DriverLogger refuses to sync into a missing directory; S3A sees a prefix as a directory once an object lies
     under it): (dict "context" $ "component" <the pod's component> "driverLogs" <bool>). */}}
{{- define "sparkk8s.logInitContainers" -}}
{{- $root := .context -}}
{{- with include "sparkk8s.logShipperSidecar" (dict "context" $root "component" .component) | trim }}
{{ . }}
{{- end }}
{{- $d := $root.Values.global.driverLogs -}}
{{- if and .driverLogs $d.enabled (hasPrefix "s3a://" $d.dir) }}
{{ include "sparkk8s.s3PrefixInit" (dict "context" $root "dir" $d.dir) | trim | replace "- name: ensure-s3-prefix" "- name: ensure-driver-log-prefix" }}
{{- end }}
{{- end -}}

{{/* The Spark settings of global.driverLogs and global.logLinks, in the release's wiring (every Spark process
     reads it). Driver logs: a client-mode driver (Connect, spark-submit job pods) copies its log to
     <dir>/<application id>_driver.log (DriverLogger; on S3 the object appears when the driver stops, S3A has no
     hflush), and the History Server deletes driver logs older than cleaner.maxAge
     (FsHistoryProvider.cleanDriverLogs; 4.1's also lists the directory on its front page); it does not serve their
     content. Executor log links: the same URL pattern for the driver's UI and the History Server. Empty while both
     are off: (dict "context" $). */}}
{{- define "sparkk8s.logsSparkConf" -}}
{{- $d := .context.Values.global.driverLogs -}}
{{- if $d.enabled }}
spark.driver.log.persistToDfs.enabled=true
spark.driver.log.dfsDir={{ $d.dir }}
spark.history.fs.driverlog.cleaner.enabled={{ $d.cleaner.enabled }}
spark.history.fs.driverlog.cleaner.interval={{ $d.cleaner.interval }}
spark.history.fs.driverlog.cleaner.maxAge={{ $d.cleaner.maxAge }}
{{- end }}
{{- with .context.Values.global.logLinks.executorUrl }}
spark.ui.custom.executor.log.url={{ . }}
spark.history.custom.executor.log.url={{ . }}
{{- end }}
{{- end -}}

{{/* Env entries of the executor container that report the pod's name and namespace as executor attributes
     (SPARK_EXECUTOR_ATTRIBUTE_*, read by CoarseGrainedExecutorBackend on both lines and kept in the event log), for
     the POD_NAME and NAMESPACE placeholders of global.logLinks.executorUrl: (dict "context" $). Empty while no link is
     set. */}}
{{- define "sparkk8s.executorLogAttributes" -}}
{{- if .context.Values.global.logLinks.executorUrl -}}
- name: SPARK_EXECUTOR_ATTRIBUTE_POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: SPARK_EXECUTOR_ATTRIBUTE_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
{{- end -}}
{{- end -}}
