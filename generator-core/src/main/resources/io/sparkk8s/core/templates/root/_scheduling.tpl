
{{/* Batch scheduling (issue 16), for the pods of one Spark application: its server or driver pods and its
     executors. The helpers take the application's values groups by name: "scheduling"
     (CommonValues.batchScheduling), "executor" (CommonValues.scratchSpace under scratch, topologySpreadConstraints,
     extraVolumes, extraVolumeMounts), "decommission" (enabled, gracePeriodSeconds) and "sparkConf". The pod fields of a
     pod spec: schedulerName (volcano or yunikorn; nothing for the default scheduler) and priorityClassName:
     (dict "scheduling" <the application's scheduling values>). */}}
{{- define "sparkk8s.schedulingPodFields" -}}
{{- $s := .scheduling | default dict -}}
{{- if and $s.scheduler (ne $s.scheduler "default") }}
schedulerName: {{ $s.scheduler }}
{{- end }}
{{- with $s.priorityClassName }}
priorityClassName: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* The labels a pod needs to be placed by its batch scheduler, as a YAML map ("" when none): YuniKorn reads the
     queue from the label yunikorn.apache.org/queue (apache/yunikorn-k8shim, pkg/common/constants
     CanonicalLabelQueueName): (dict "scheduling" <the application's scheduling values>). */}}
{{- define "sparkk8s.schedulingLabels" -}}
{{- $s := .scheduling | default dict -}}
{{- if and (eq (toString $s.scheduler) "yunikorn") $s.queue }}
yunikorn.apache.org/queue: {{ $s.queue | quote }}
{{- end }}
{{- end -}}

{{/* The annotations that make a pod join its application's group, as a YAML map ("" when none): Volcano's
     scheduling.k8s.io/group-name names the PodGroup ("sparkk8s.schedulingPodGroup") and
     scheduling.volcano.sh/queue-name its queue (volcano-sh/volcano, apis scheduling/v1beta1 labels.go); YuniKorn's
     yunikorn.apache.org/app-id the application (k8shim AnnotationApplicationID), left out when appId is empty (Spark
     then sets it from its {{APP_ID}} placeholder, "sparkk8s.schedulingSparkConf"):
     (dict "scheduling" <the application's scheduling values> "group" <the PodGroup name> "appId" <the YuniKorn application id, or empty>). */}}
{{- define "sparkk8s.schedulingAnnotations" -}}
{{- $s := .scheduling | default dict -}}
{{- if eq (toString $s.scheduler) "volcano" }}
scheduling.k8s.io/group-name: {{ .group | quote }}
{{- with $s.queue }}
scheduling.volcano.sh/queue-name: {{ . | quote }}
{{- end }}
{{- else if and (eq (toString $s.scheduler) "yunikorn") .appId }}
yunikorn.apache.org/app-id: {{ .appId | quote }}
{{- end }}
{{- end -}}

{{/* The Volcano PodGroup of one Spark application (nothing unless its scheduler is volcano): the chart renders it,
     since the stock Spark 3.5 and 4.1 jars lack Spark's own VolcanoFeatureStep, and its pods join it by
     "sparkk8s.schedulingAnnotations". minMember is scheduling.volcano.minMember, or else the count of pods that start
     together (never executors a running driver asks for later: a gang waiting for them would never start):
     (dict "context" $ "scheduling" <the application's scheduling values> "name" <the block id> "component"
     <the component of the name> "minMember" <the computed count>). */}}
{{- define "sparkk8s.schedulingPodGroup" -}}
{{- $s := .scheduling | default dict -}}
{{- if eq (toString $s.scheduler) "volcano" }}
{{- $volcano := $s.volcano | default dict }}
apiVersion: scheduling.volcano.sh/v1beta1
kind: PodGroup
metadata:
  name: {{ include "sparkk8s.fullname" (dict "context" .context "component" .component) }}
  labels:
    {{- include "sparkk8s.labels" (dict "context" .context "name" .name "component" "scheduling") | nindent 4 }}
spec:
  minMember: {{ $volcano.minMember | default .minMember | int }}
  {{- with $s.queue }}
  queue: {{ . | quote }}
  {{- end }}
  {{- with $s.priorityClassName }}
  priorityClassName: {{ . | quote }}
  {{- end }}
  {{- $minResources := dict }}
  {{- range $resource, $quantity := $volcano.minResources }}
  {{- if $quantity }}{{ $_ := set $minResources $resource $quantity }}{{ end }}
  {{- end }}
  {{- with $minResources }}
  minResources:
    {{- range $resource, $quantity := . }}
    {{ $resource }}: {{ $quantity | quote }}
    {{- end }}
  {{- end }}
{{- end }}
{{- end -}}

{{/* The scheduling part of an executor pod template's spec, at the spec's indentation: scheduler, priority,
     executor.topologySpreadConstraints, and with decommission.enabled the grace period Spark's preStop hook
     (/opt/decom.sh) gets to move the executor's blocks away:
     (dict "scheduling" <the application's scheduling values> "executor" <the application's executor values> "decommission" <its decommission values>). */}}
{{- define "sparkk8s.executorPodSpec" -}}
{{- include "sparkk8s.schedulingPodFields" (dict "scheduling" .scheduling) }}
{{- with .executor.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if (.decommission | default dict).enabled }}
terminationGracePeriodSeconds: {{ .decommission.gracePeriodSeconds | int }}
{{- end }}
{{- end -}}

{{/* The executor's scratch volume and extra volumes, as YAML list entries for the pod template's volumes: a
     volume named spark-local-dir-1 is what Spark's LocalDirsFeatureStep takes as the local directory instead of
     its own size-less emptyDir; tmpfs is an emptyDir of medium Memory with the size limit, whose pages count
     against the container's memory limit ("sparkk8s.executorMemoryOverhead" adds the size); a pvc comes from
     "sparkk8s.schedulingSparkConf" instead: (dict "executor" <the application's executor values>). */}}
{{- define "sparkk8s.executorVolumes" -}}
{{- $scratch := .executor.scratch | default dict -}}
{{- if or (eq (toString $scratch.type) "tmpfs") (and (eq (toString $scratch.type) "emptyDir") $scratch.sizeLimit) }}
- name: spark-local-dir-1
  emptyDir:
    {{- if eq $scratch.type "tmpfs" }}
    medium: Memory
    {{- end }}
    sizeLimit: {{ $scratch.sizeLimit | quote }}
{{- end }}
{{- with .executor.extraVolumes }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The executor container's mounts of "sparkk8s.executorVolumes", as YAML list entries: (dict "executor" <the application's executor values>). */}}
{{- define "sparkk8s.executorVolumeMounts" -}}
{{- $scratch := .executor.scratch | default dict -}}
{{- if or (eq (toString $scratch.type) "tmpfs") (and (eq (toString $scratch.type) "emptyDir") $scratch.sizeLimit) }}
- name: spark-local-dir-1
  mountPath: /var/data/spark-local-dir-1
{{- end }}
{{- with .executor.extraVolumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Spark settings (spark-defaults.conf lines) of one application's batch scheduling, decommissioning and scratch
     space, "" when none. With yunikorn and no appId, the executors (and, with "driver" true, a driver Spark creates)
     get the application id from Spark's {{APP_ID}} placeholder, which Spark replaces in
     spark.kubernetes.{driver,executor}.annotation.* values; it is written through a Helm string so Helm leaves it
     alone. Spark's own Volcano feature step is refused on lines whose jars lack it (3.5, 4.1: built only with
     -Pvolcano): (dict "scheduling" <the application's scheduling values> "executor" <the application's executor values> "decommission" <its decommission values> "sparkConf"
     <its Spark settings> "key" <the values path of the application, for messages> "line" <the Spark line, e.g. 4.1> "appId"
     <the YuniKorn application id, or empty> "driver" <true when Spark creates the driver pod too>). */}}
{{- define "sparkk8s.schedulingSparkConf" -}}
{{- $s := .scheduling | default dict -}}
{{- if has .line (list "3.5" "4.1") }}
{{- range $setting, $value := (.sparkConf | default dict) }}
{{- if or (hasPrefix "spark.kubernetes.scheduler.volcano." $setting) (and (hasSuffix ".pod.featureSteps" $setting) (contains "VolcanoFeatureStep" (toString $value))) }}
{{- fail (printf "%s.sparkConf.%s: Spark's VolcanoFeatureStep is not in the stock Spark %s jars (it is built only with -Pvolcano), so Spark would stop at start; set %s.scheduling.scheduler=volcano instead: the chart renders the PodGroup and the pods join it [chart rule volcano-feature-step]" $.key $setting $.line $.key) }}
{{- end }}
{{- end }}
{{- end }}
{{- if and (eq (toString $s.scheduler) "yunikorn") (not .appId) }}
{{- if .driver }}
spark.kubernetes.driver.annotation.yunikorn.apache.org/app-id={{ "{{APP_ID}}" }}
{{- end }}
spark.kubernetes.executor.annotation.yunikorn.apache.org/app-id={{ "{{APP_ID}}" }}
{{- end }}
{{- if (.decommission | default dict).enabled }}
spark.decommission.enabled=true
spark.storage.decommission.enabled=true
spark.storage.decommission.shuffleBlocks.enabled=true
spark.storage.decommission.rddBlocks.enabled=true
{{- if ne .line "3.5" }}
{{- /* Spark 4 writes the executor pod's grace period itself (default 30), over the template's */}}
spark.kubernetes.executor.terminationGracePeriodSeconds={{ .decommission.gracePeriodSeconds | int }}
{{- end }}
{{- end }}
{{- $scratch := .executor.scratch | default dict -}}
{{- if eq (toString $scratch.type) "tmpfs" }}
spark.kubernetes.local.dirs.tmpfs=true
{{- else if eq (toString $scratch.type) "pvc" }}
{{- if not $scratch.sizeLimit }}
{{- fail (printf "%s.executor.scratch.type tmpfs or pvc needs a size: set %s.executor.scratch.sizeLimit, e.g. 2Gi (a tmpfs counts against the pod's memory limit; the chart adds the size to it)" .key .key) }}
{{- end }}
{{- $claim := "spark.kubernetes.executor.volumes.persistentVolumeClaim.spark-local-dir-1" }}
{{ $claim }}.options.claimName=OnDemand
{{- with $scratch.storageClass }}
{{ $claim }}.options.storageClass={{ . }}
{{- end }}
{{ $claim }}.options.sizeLimit={{ $scratch.sizeLimit }}
{{ $claim }}.mount.path=/var/data/spark-local-dir-1
{{ $claim }}.mount.readOnly=false
{{- end }}
{{- end -}}

{{/* The spark.executor.memoryOverhead line of an application ("" when Spark's default applies), from its executor
     values memory, memoryOverhead, memoryLimit, minMemoryOverhead and scratch: Spark sets the executor pod's memory
     limit to memory + overhead, so a tmpfs scratch size is added to the overhead; a memoryLimit below memory +
     overhead + tmpfs fails. Without an overhead, memoryLimit - memory becomes it; without either, Spark's default
     max(minMemoryOverhead, 10% of memory) plus the tmpfs size: (dict "executor" <the application's executor values> "key" <the values
     path of the executor group, e.g. connect.executor>). */}}
{{- define "sparkk8s.executorMemoryOverhead" -}}
{{- $e := .executor -}}
{{- $scratch := $e.scratch | default dict -}}
{{- $tmpfs := 0 -}}
{{- if eq (toString $scratch.type) "tmpfs" -}}
{{- if not $scratch.sizeLimit -}}
{{- fail (printf "%s.scratch.type tmpfs or pvc needs a size: set %s.scratch.sizeLimit, e.g. 2Gi (a tmpfs counts against the pod's memory limit; the chart adds the size to it)" .key .key) -}}
{{- end -}}
{{- $tmpfs = include "sparkk8s.mebibytes" $scratch.sizeLimit | int -}}
{{- end -}}
{{- $memory := include "sparkk8s.mebibytes" $e.memory | int -}}
{{- if $e.memoryOverhead -}}
{{- $overhead := include "sparkk8s.mebibytes" $e.memoryOverhead | int -}}
{{- if $e.memoryLimit -}}
{{- $limit := include "sparkk8s.mebibytes" $e.memoryLimit | int -}}
{{- if lt $limit (add $memory $overhead $tmpfs) -}}
{{- if $tmpfs -}}
{{- fail (printf "%s.memoryLimit %s is below executor.memory %s + executor.memoryOverhead %s + the tmpfs scratch size %s; raise the limit or lower memory/overhead/scratch.sizeLimit" .key $e.memoryLimit $e.memory $e.memoryOverhead $scratch.sizeLimit) -}}
{{- else -}}
{{- fail (printf "%s.memoryLimit %s is below executor.memory %s + executor.memoryOverhead %s; raise the limit or lower memory/overhead" .key $e.memoryLimit $e.memory $e.memoryOverhead) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $tmpfs -}}
spark.executor.memoryOverhead={{ add $overhead $tmpfs }}m
{{- else -}}
spark.executor.memoryOverhead={{ $e.memoryOverhead }}
{{- end -}}
{{- else if $e.memoryLimit -}}
{{- $limit := include "sparkk8s.mebibytes" $e.memoryLimit | int -}}
{{- if le $limit (add $memory $tmpfs) -}}
{{- if $tmpfs -}}
{{- fail (printf "%s.memoryLimit %s must be above %s.memory %s + the tmpfs scratch size %s (the difference becomes the memory overhead)" .key $e.memoryLimit .key $e.memory $scratch.sizeLimit) -}}
{{- else -}}
{{- fail (printf "%s.memoryLimit %s must be above %s.memory %s (the difference becomes the memory overhead)" .key $e.memoryLimit .key $e.memory) -}}
{{- end -}}
{{- end -}}
spark.executor.memoryOverhead={{ sub $limit $memory }}m
{{- else if $tmpfs -}}
{{- $minimum := include "sparkk8s.mebibytes" ($e.minMemoryOverhead | default "384m") | int -}}
spark.executor.memoryOverhead={{ add (max $minimum (div (mul $memory 10) 100)) $tmpfs }}m
{{- end -}}
{{- end -}}
