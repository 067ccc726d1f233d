{{/* Helpers of the jobs block. */}}

{{- /* The defaults of one application (jobs.apps.<name>.*), the model's defaults written out: Helm applies
       values.yaml defaults to declared keys only, not to the entries of a map the user fills in.
       JobsBlockTest checks that this equals JobsBlock.app(profile) on both lines. */}}
{{- define "jobs.appDefaults" -}}
runner: submit
type: Python
image:
  repository: ""
  tag: ""
mainApplicationFile: ""
script: ""
existingConfigMap:
  name: ""
  key: main.py
mainClass: ""
args: []
jars: []
pyFiles: []
schedule: ""
timeZone: ""
suspend: false
concurrencyPolicy: Forbid
successfulJobsHistoryLimit: 3
failedJobsHistoryLimit: 1
startingDeadlineSeconds: 0
ttlSecondsAfterFinished: 86400
activeDeadlineSeconds: 0
backoffLimit: 3
driver:
  memory: 1g
  memoryOverhead: ""
  cores: 1
executor:
  memory: 1g
  memoryOverhead: ""
  memoryLimit: ""
{% if line.id == "4.1" %}{{- /* only on spark-4.1 */}}
  minMemoryOverhead: 384m
{{- /* end: only on spark-4.1 */}}
{% endif %}  cores: 1
  resources:
    requests:
      cpu: ""
    limits:
      cpu: ""
  nodeSelector: {}
  tolerations: []
  affinity: {}
  topologySpreadConstraints: []
  extraVolumes: []
  extraVolumeMounts: []
  scratch:
    type: emptyDir
    sizeLimit: ""
    storageClass: ""
  instances: 2
scheduling:
  scheduler: default
  queue: ""
  priorityClassName: ""
  volcano:
    minMember: 0
    minResources:
      cpu: ""
      memory: ""
dynamicAllocation:
  enabled: false
  minExecutors: 0
  maxExecutors: 10
eventLog:
  enabled: false
  dir: s3a://spark-logs/events
{% if line.id == "4.1" %}{{- /* only on spark-4.1 */}}
  compress: true
{{- /* end: only on spark-4.1 */}}
{% else %}{{- /* only on spark-3.5 */}}
  compress: false
{{- /* end: only on spark-3.5 */}}
{% endif %}sparkConf: {}
{{- end -}}

{{- /* A values tree with defaults filled in: keys the values lack (or set to null) take the default, maps
       present in both are filled recursively, everything else is the user's (false and 0 included, which
       Sprig's merge would replace): (dict "values" <map> "defaults" <map>), as YAML. */}}
{{- define "jobs.withDefaults" -}}
{{- $out := dict -}}
{{- range $key, $default := .defaults -}}
{{- $value := index $.values $key -}}
{{- if or (not (hasKey $.values $key)) (kindIs "invalid" $value) -}}
{{- $_ := set $out $key $default -}}
{{- else if and (kindIs "map" $default) (kindIs "map" $value) $default -}}
{{- $_ := set $out $key (include "jobs.withDefaults" (dict "values" $value "defaults" $default) | fromYaml) -}}
{{- else -}}
{{- $_ := set $out $key $value -}}
{{- end -}}
{{- end -}}
{{- range $key, $value := .values -}}
{{- if not (hasKey $out $key) -}}
{{- $_ := set $out $key $value -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{- /* Every application with its defaults, by name, as YAML (read with fromYaml). */}}
{{- define "jobs.apps" -}}
{{- $defaults := include "jobs.appDefaults" . | fromYaml -}}
{{- $apps := dict -}}
{{- range $name, $entry := {= v =}.apps -}}
{{- $_ := set $apps $name (include "jobs.withDefaults" (dict "values" ($entry | default dict) "defaults" $defaults) | fromYaml) -}}
{{- end -}}
{{- toYaml $apps -}}
{{- end -}}

{{- define "jobs.serviceAccountName" -}}
{{- {= v =}.serviceAccount.name | default (include "sparkk8s.fullname" (dict "context" . "component" "jobs")) -}}
{{- end -}}

{{- /* "true" unless every application is a connect run: submit and sparkApplication runs have drivers in the
       cluster, and with no application at all the ServiceAccount serves the SparkApplications others submit
       (Airflow's SparkKubernetesOperator, preset airflow-spark-operator). */}}
{{- define "jobs.needsDriverRbac" -}}
{{- $apps := include "jobs.apps" . | fromYaml -}}
{{- if not $apps }}true{{ end -}}
{{- range $name, $app := $apps -}}
{{- if ne $app.runner "connect" }}true{{ end -}}
{{- end -}}
{{- end -}}

{{- /* The image of one application's driver and executors: its own, else jobs.image, else global.spark.image:
       (dict "context" $ "app" <application>). */}}
{{- define "jobs.image" -}}
{{- $root := .context -}}
{{- $app := .app -}}
{{- $block := $root{= v =}.image -}}
{{- $image := dict "repository" ($app.image.repository | default $block.repository) "tag" ($app.image.tag | default $block.tag) "digest" (ternary "" $block.digest (or (not (empty $app.image.repository)) (not (empty $app.image.tag)))) "pullPolicy" $block.pullPolicy -}}
{{- toYaml $image -}}
{{- end -}}

{{- /* The file a run executes: the application's own (local:// is a path in the image), else the inline script
       or the existing ConfigMap's script, mounted at /opt/spark-k8s/app. */}}
{{- define "jobs.mainFile" -}}
{{- $app := .app -}}
{{- if $app.mainApplicationFile -}}
{{- if hasPrefix "local://" $app.mainApplicationFile -}}{{ trimPrefix "local://" $app.mainApplicationFile }}{{ else }}{{ $app.mainApplicationFile }}{{ end -}}
{{- else if $app.script -}}
/opt/spark-k8s/app/main.py
{{- else -}}
/opt/spark-k8s/app/{{ $app.existingConfigMap.key }}
{{- end -}}
{{- end -}}

{{- /* The pod template of one run of a submit or connect application (restartPolicy Never, for the pod failure
       policy): (dict "context" $ "name" <application name> "app" <application>). */}}
{{- define "jobs.podTemplate" -}}
{{- $root := .context -}}
{{- $name := .name -}}
{{- $app := .app -}}
{{- $submit := eq $app.runner "submit" -}}
{{- $auth := "" -}}
metadata:
  labels:
    {{- include "sparkk8s.labels" (dict "context" $root "name" "jobs" "component" (printf "job-%s" $name)) | nindent 4 }}
    {{- with $root{= v =}.podLabels }}
    {{- include "sparkk8s.stringMap" . | nindent 4 }}
    {{- end }}
    {{- with include "jobs.schedulingLabels" . | trim }}{{ . | nindent 4 }}{{ end }}
  {{- $annotations := merge (include "jobs.schedulingAnnotations" . | fromYaml) (deepCopy ($root{= v =}.podAnnotations | default dict)) }}
  {{- if $submit }}
  {{- $annotations = merge (include "sparkk8s.scrapeAnnotations" (dict "context" $root "port" 4040 "path" "/metrics/prometheus/") | fromYaml) $annotations }}
  {{- end }}
  {{- with $annotations }}
  annotations:
    {{- include "sparkk8s.stringMap" . | nindent 4 }}
  {{- end }}
spec:
  restartPolicy: Never
  {{- with include "sparkk8s.schedulingPodFields" (dict "scheduling" $app.scheduling) | trim }}{{ . | nindent 2 }}{{ end }}
  {{- if $submit }}
  serviceAccountName: {{ include "jobs.serviceAccountName" $root | quote }}
  # The driver creates, watches and deletes its executor pods with the ServiceAccount's token.
  automountServiceAccountToken: true
  {{- else }}
  automountServiceAccountToken: false
  {{- end }}
  enableServiceLinks: false
  securityContext:
    {{- if $submit }}
    {{- include "sparkk8s.podSecurityContext" (dict "context" $root "uid" 185 "gid" 185 "overrides" $root{= v =}.podSecurityContext) | nindent 4 }}
    {{- else }}
    {{- include "sparkk8s.podSecurityContext" (dict "context" $root "uid" 1000 "gid" 100 "overrides" $root{= v =}.podSecurityContext) | nindent 4 }}
    {{- end }}
  {{- with $root.Values.global.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $root{= v =}.nodeSelector }}
  nodeSelector:
    {{- include "sparkk8s.stringMap" . | nindent 4 }}
  {{- end }}
  {{- with $root{= v =}.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $root{= v =}.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- $s3Init := and $submit $app.eventLog.enabled (hasPrefix "s3a://" $app.eventLog.dir) }}
  {{- $shipper := "" }}
  {{- if $submit }}{{ $shipper = include "sparkk8s.logInitContainers" (dict "context" $root "component" (printf "job-%s" $name) "driverLogs" true) | trim }}{{ end }}
  {{- if or $s3Init $shipper }}
  initContainers:
    {{- with $shipper }}{{ . | nindent 4 }}{{ end }}
    {{- if $s3Init }}
    {{- include "sparkk8s.s3PrefixInit" (dict "context" $root "dir" $app.eventLog.dir) | nindent 4 }}
    {{- end }}
  {{- end }}
  containers:
    {{- if $submit }}
    - name: driver
      image: {{ include "sparkk8s.sparkImage" (dict "context" $root "image" (include "jobs.image" (dict "context" $root "app" $app) | fromYaml)) }}
      imagePullPolicy: {{ include "sparkk8s.pullPolicy" (dict "context" $root "image" $root{= v =}.image) }}
      command: ["/bin/bash", "-ec"]
      args:
        - |
          {{- include "sparkk8s.assembleSparkConf" $root | nindent 10 }}
          # The pod is the client-mode driver: executors reach it at its IP and are owned by it (Spark sets the
          # driver pod, found by spark.kubernetes.driver.pod.name, as their ownerReference), so they go with it.
          set -- "$APP_FILE" "$@"
          if [ -n "$APP_CLASS" ]; then set -- --class "$APP_CLASS" "$@"; fi
          exec /opt/spark/bin/spark-submit \
            --conf "spark.driver.host=${POD_IP}" \
            --conf "spark.kubernetes.driver.pod.name=${POD_NAME}" \
            --conf "spark.kubernetes.executor.podNamePrefix={{ include "sparkk8s.fullname" (dict "context" $root "component" (printf "job-%s" $name)) | trunc 40 | trimSuffix "-" }}-${POD_NAME##*-}" \
            "$@"
        - spark-job
        {{- range $app.args }}
        - {{ . | quote }}
        {{- end }}
      ports:
        # The driver's UI, named as Spark names it on the driver pods it builds (the SparkApplication runner's):
        # monitoring.* scrapes its Prometheus paths there (the chart root's job-driver PodMonitor).
        - name: spark-ui
          containerPort: 4040
          protocol: TCP
        {{- with include "sparkk8s.jmxPort" (dict "context" $root "process" "jobs") }}{{ nindent 8 . }}{{ end }}
      env:
        {{- $computed := list }}
        {{- $computed = append $computed (dict "name" "POD_NAME" "valueFrom" (dict "fieldRef" (dict "fieldPath" "metadata.name"))) }}
        {{- $computed = append $computed (dict "name" "POD_IP" "valueFrom" (dict "fieldRef" (dict "fieldPath" "status.podIP"))) }}
        {{- $computed = append $computed (dict "name" "SPARK_CONF_DIR" "value" "/tmp/spark-conf") }}
        {{- $computed = append $computed (dict "name" "HOME" "value" "/tmp") }}
        {{- $computed = append $computed (dict "name" "APP_FILE" "value" (include "jobs.mainFile" (dict "app" $app))) }}
        {{- $computed = append $computed (dict "name" "APP_CLASS" "value" $app.mainClass) }}
        {{- $computed = concat $computed (include "sparkk8s.s3Env" $root | fromYamlArray) }}
        {{- include "sparkk8s.mergeEnv" (dict "computed" $computed "extra" $root{= v =}.extraEnv) | nindent 8 }}
      resources:
        {{- include "sparkk8s.resources" $root{= v =}.resources | nindent 8 }}
      securityContext:
        {{- include "sparkk8s.containerSecurityContext" (dict "context" $root "overrides" $root{= v =}.securityContext) | nindent 8 }}
      volumeMounts:
        - name: conf
          mountPath: /opt/spark-k8s/conf
          readOnly: true
        - name: wiring
          mountPath: /opt/spark-k8s/wiring
          readOnly: true
        - name: tmp
          mountPath: /tmp
        - name: work-dir
          mountPath: /opt/spark/work-dir
        {{- with include "sparkk8s.logShipperMount" (dict "context" $root) | trim }}{{ . | nindent 8 }}{{ end }}
        {{- with include "sparkk8s.jmxMount" (dict "context" $root "process" "jobs") }}{{ nindent 8 . }}{{ end }}
        {{- if or $app.script $app.existingConfigMap.name }}
        - name: app
          mountPath: /opt/spark-k8s/app
          readOnly: true
        {{- end }}
        {{- with $root{= v =}.extraVolumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    {{- else }}
    - name: script
      image: {{ include "sparkk8s.image" (dict "context" $root "image" $root{= v =}.connectClient.image) }}
      imagePullPolicy: {{ include "sparkk8s.pullPolicy" (dict "context" $root "image" $root{= v =}.connectClient.image) }}
      # The image's own entrypoint (docker-stacks start.sh) runs its hooks, among them 10spark-config.sh, which puts
      # the image's pyspark (the line's Spark Connect client) on PYTHONPATH, then runs the script.
      command: ["tini", "-g", "--", "start.sh", "python3", {{ include "jobs.mainFile" (dict "app" $app) | quote }}]
      args:
        {{- toYaml $app.args | nindent 8 }}
      env:
        {{- $connect := printf "sc://%s:15002" (include "sparkk8s.fullname" (dict "context" $root "component" "connect")) }}
        {{- $computed := list }}
{% if line.id == "4.1" and (blocks contains "connect") %}{{- /* only on spark-4.1: the Connect token over TLS, as Jupyter and Airflow get it */}}
        {{- $auth = include "sparkk8s.connectAuth" (dict "context" $root "connect" $root.Values.connect) }}
        {{- if $auth }}
        {{- $computed = concat $computed (include "sparkk8s.connectClientEnv" (dict "context" $root "connect" $root.Values.connect) | fromYamlArray) }}
        {{- $connect = include "sparkk8s.connectClientUrl" (dict "context" $root "connect" $root.Values.connect) }}
        {{- end }}
{{- /* end: only on spark-4.1 */}}
{% endif %}        {{- $computed = append $computed (dict "name" "HOME" "value" "/home/jovyan") }}
        {{- $computed = append $computed (dict "name" "SPARK_CONNECT_URL" "value" $connect) }}
        {{- $computed = append $computed (dict "name" "SPARK_REMOTE" "value" $connect) }}
        {{- include "sparkk8s.mergeEnv" (dict "computed" $computed "extra" $root{= v =}.extraEnv) | nindent 8 }}
      resources:
        {{- include "sparkk8s.resources" $root{= v =}.resources | nindent 8 }}
      securityContext:
        {{- include "sparkk8s.containerSecurityContext" (dict "context" $root "overrides" $root{= v =}.securityContext) | nindent 8 }}
      volumeMounts:
        - name: home
          mountPath: /home/jovyan
        - name: tmp
          mountPath: /tmp
        {{- if or $app.script $app.existingConfigMap.name }}
        - name: app
          mountPath: /opt/spark-k8s/app
          readOnly: true
        {{- end }}
{% if line.id == "4.1" and (blocks contains "connect") %}{{- /* only on spark-4.1 */}}
        {{- if $auth }}
        - name: connect-ca
          mountPath: /etc/spark-k8s/connect-ca
          readOnly: true
        {{- end }}
{{- /* end: only on spark-4.1 */}}
{% endif %}        {{- with $root{= v =}.extraVolumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    {{- end }}
  volumes:
    - name: tmp
      emptyDir: {}
    {{- if $submit }}
    - name: conf
      configMap:
        name: {{ include "sparkk8s.fullname" (dict "context" $root "component" (printf "job-%s" $name)) }}
        items:
          - key: spark-defaults.conf
            path: spark-defaults.conf
          - key: executor-pod-template.yaml
            path: executor-pod-template.yaml
    - name: wiring
      configMap:
        name: {{ include "sparkk8s.fullname" (dict "context" $root "component" "spark-wiring") }}
        optional: true
    - name: work-dir
      emptyDir: {}
    {{- with include "sparkk8s.logShipperVolumes" (dict "context" $root) | trim }}{{ . | nindent 4 }}{{ end }}
    {{- with include "sparkk8s.jmxVolume" (dict "context" $root "process" "jobs") }}{{ nindent 4 . }}{{ end }}
    {{- else }}
    - name: home
      emptyDir: {}
{% if line.id == "4.1" and (blocks contains "connect") %}{{- /* only on spark-4.1 */}}
    {{- if $auth }}
    {{- include "sparkk8s.connectCaVolume" (dict "context" $root "connect" $root.Values.connect) | nindent 4 }}
    {{- end }}
{{- /* end: only on spark-4.1 */}}
{% endif %}    {{- end }}
    {{- if $app.script }}
    - name: app
      configMap:
        name: {{ include "sparkk8s.fullname" (dict "context" $root "component" (printf "job-%s" $name)) }}
        items:
          - key: main.py
            path: main.py
    {{- else if $app.existingConfigMap.name }}
    - name: app
      configMap:
        name: {{ $app.existingConfigMap.name | quote }}
        items:
          - key: {{ $app.existingConfigMap.key | quote }}
            path: {{ $app.existingConfigMap.key | quote }}
    {{- end }}
    {{- with $root{= v =}.extraVolumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}

{{- /* The Job spec of one run: clean-up, the run-time cap, and a pod failure policy that retries a disrupted driver
       pod (eviction, preemption, drain: the DisruptionTarget condition) up to backoffLimit times but fails the run
       at once when the application itself exits non-zero:
       (dict "context" $ "name" <application name> "app" <application>). */}}
{{- define "jobs.jobSpec" -}}
{{- $app := .app -}}
ttlSecondsAfterFinished: {{ $app.ttlSecondsAfterFinished | int64 }}
{{- with $app.activeDeadlineSeconds }}
activeDeadlineSeconds: {{ . | int64 }}
{{- end }}
backoffLimit: {{ $app.backoffLimit | int64 }}
podFailurePolicy:
  rules:
    - action: Count
      onPodConditions:
        - type: DisruptionTarget
    - action: FailJob
      onExitCodes:
        containerName: {{ ternary "driver" "script" (eq $app.runner "submit") }}
        operator: NotIn
        values: [0]
template:
  {{- include "jobs.podTemplate" . | nindent 2 }}
{{- end -}}

{{- /* The entry model's rules (JobsBlock: job-source, job-main-class, job-connect-python), which the schema
       already says; checked again where the values are used, for a chart rendered without its schema:
       (dict "name" <application name> "app" <application>). */}}
{{- define "jobs.check" -}}
{{- $app := .app -}}
{{- $key := printf "jobs.apps.%s" .name -}}
{{- $sources := 0 -}}
{{- range list $app.mainApplicationFile $app.script $app.existingConfigMap.name }}{{ if . }}{{ $sources = add1 $sources }}{{ end }}{{ end -}}
{{- if ne $sources 1 -}}
{{- fail (printf "%s needs exactly one application source: mainApplicationFile (local:// or s3a://), script, or existingConfigMap.name [chart rule job-source]" $key) -}}
{{- end -}}
{{- if and (ne $app.type "Python") (not $app.mainClass) -}}
{{- fail (printf "%s.type %s needs %s.mainClass [chart rule job-main-class]" $key $app.type $key) -}}
{{- end -}}
{{- if and (eq $app.runner "connect") (or (ne $app.type "Python") (hasPrefix "s3a://" $app.mainApplicationFile)) -}}
{{- fail (printf "%s.runner connect runs a Python script from the image (local://), script or existingConfigMap: set %s.type Python and no s3a:// file [chart rule job-connect-source]" $key $key) -}}
{{- end -}}
{{- end -}}
