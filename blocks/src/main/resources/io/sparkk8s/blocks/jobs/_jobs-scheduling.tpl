{{- /* Batch scheduling of one application (issue 16): jobs.apps.<name>.scheduling places the pod of a submit run (the
       client-mode driver) and the executors it asks for, with the shared sparkk8s.scheduling* helpers (_scheduling.tpl).
       Every run of an application joins one group named <release>-job-<name>: the Volcano PodGroup the chart renders
       (podgroup.yaml) and the YuniKorn application id. A CronJob's runs cannot each get a pre-rendered group, so they
       share the application's; with concurrencyPolicy Forbid (the default) they never overlap (docs/facts.md). */}}

{{- /* The group of an application's pods: the PodGroup name and YuniKorn application id, <release>-job-<name>:
       (dict "context" $ "name" <application name>). */}}
{{- define "jobs.schedulingGroup" -}}
{{- include "sparkk8s.fullname" (dict "context" .context "component" (printf "job-%s" .name)) -}}
{{- end -}}

{{- /* The memory (MiB) of one executor pod as Spark requests it: heap + overhead, where the overhead is the chart's
       spark.executor.memoryOverhead line (a tmpfs scratch size included) or else Spark's default, the larger of
       minMemoryOverhead (384m, fixed on 3.5) and 10% of the heap (BasicExecutorFeatureStep):
       (dict "executor" <the application's executor values> "key" <values path of the executor group>). */}}
{{- define "jobs.executorPodMemory" -}}
{{- $e := .executor -}}
{{- $memory := include "sparkk8s.mebibytes" $e.memory | int -}}
{{- $line := include "sparkk8s.executorMemoryOverhead" (dict "executor" $e "key" .key) | trim -}}
{{- $overhead := 0 -}}
{{- if $line -}}
{{- $overhead = include "sparkk8s.mebibytes" (trimPrefix "spark.executor.memoryOverhead=" $line) | int -}}
{{- else -}}
{{- $overhead = max (include "sparkk8s.mebibytes" ($e.minMemoryOverhead | default "384m") | int) (div (mul $memory 10) 100) -}}
{{- end -}}
{{- add $memory $overhead -}}
{{- end -}}

{{- /* YuniKorn gang scheduling of a submit run, as the driver pod's annotations (a YAML map): the pod is the
       originator of its application and names its task group (yunikorn.apache.org/task-group-name) and all task
       groups of the application (yunikorn.apache.org/task-groups, JSON: name, minMember, minResource; apache/yunikorn-k8shim
       pkg/cache GetTaskGroupsFromAnnotation), so YuniKorn reserves the driver and the executors that start with it
       (executor.instances, or dynamicAllocation.minExecutors) before it places any. minResource is what each pod
       requests: the driver container's requests, and for an executor its CPU request (or cores) and heap + overhead,
       which Spark sets as its memory request and limit. The executors name their group through Spark
       ("jobs.schedulingSparkConf"): (dict "context" $ "name" <application name> "app" <application>). */}}
{{- define "jobs.taskGroups" -}}
{{- $root := .context -}}
{{- $app := .app -}}
{{- $requests := $root{= v =}.resources.requests -}}
{{- $groups := list (dict "name" "spark-driver" "minMember" 1 "minResource" (dict "cpu" (toString $requests.cpu) "memory" (toString $requests.memory))) -}}
{{- $executors := ternary $app.dynamicAllocation.minExecutors $app.executor.instances $app.dynamicAllocation.enabled | int -}}
{{- if gt $executors 0 -}}
{{- $memory := include "jobs.executorPodMemory" (dict "executor" $app.executor "key" (printf "jobs.apps.%s.executor" .name)) -}}
{{- $cpu := $app.executor.resources.requests.cpu | default $app.executor.cores | toString -}}
{{- $groups = append $groups (dict "name" "spark-executor" "minMember" $executors "minResource" (dict "cpu" $cpu "memory" (printf "%sMi" $memory))) -}}
{{- end -}}
yunikorn.apache.org/task-group-name: spark-driver
yunikorn.apache.org/task-groups: {{ toJson $groups | quote }}
{{- end -}}

{{- /* The scheduling labels of the pod of one run, as a YAML map ("" when none):
       (dict "context" $ "name" <application name> "app" <application>). */}}
{{- define "jobs.schedulingLabels" -}}
{{- include "sparkk8s.schedulingLabels" (dict "scheduling" .app.scheduling) -}}
{{- end -}}

{{- /* The scheduling annotations of the pod of one run, as a YAML map ("" when none): the group it joins, and under
       YuniKorn its task groups ("jobs.taskGroups"): (dict "context" $ "name" <application name> "app" <application>). */}}
{{- define "jobs.schedulingAnnotations" -}}
{{- $group := include "jobs.schedulingGroup" (dict "context" .context "name" .name) -}}
{{- include "sparkk8s.schedulingAnnotations" (dict "scheduling" .app.scheduling "group" $group "appId" $group) }}
{{- if and (eq .app.runner "submit") (eq (toString .app.scheduling.scheduler) "yunikorn") }}
{{ include "jobs.taskGroups" . }}
{{- end }}
{{- end -}}

{{- /* spark-defaults.conf lines of one submit run's scheduling and scratch space ("" when none): the shared
       "sparkk8s.schedulingSparkConf" (scratch settings, the Volcano feature-step rule), and under YuniKorn the task
       group of the executors, which Spark writes on each executor pod it creates (spark.kubernetes.executor.annotation.*):
       (dict "context" $ "name" <application name> "app" <application> "line" <the Spark line>). */}}
{{- define "jobs.schedulingSparkConf" -}}
{{- $app := .app -}}
{{- $group := include "jobs.schedulingGroup" (dict "context" .context "name" .name) -}}
{{- include "sparkk8s.schedulingSparkConf" (dict "scheduling" $app.scheduling "executor" $app.executor "decommission" dict "sparkConf" $app.sparkConf "key" (printf "jobs.apps.%s" .name) "line" .line "appId" $group "driver" false) }}
{{- if and (eq (toString $app.scheduling.scheduler) "yunikorn") (gt (ternary $app.dynamicAllocation.minExecutors $app.executor.instances $app.dynamicAllocation.enabled | int) 0) }}
spark.kubernetes.executor.annotation.yunikorn.apache.org/task-group-name=spark-executor
{{- end }}
{{- end -}}

{{- /* The SparkApplication fields of one sparkApplication run's scheduling, as a YAML map merged into its spec: the
       operator creates the Volcano PodGroup or the YuniKorn task groups itself from spec.batchScheduler and
       spec.batchSchedulerOptions (kubeflow/spark-operator internal/scheduler), so the chart renders no PodGroup for
       it (two would compete, kubeflow/spark-operator#2526); priorityClassName goes on the driver and the executors
       (dict "app" <application>). */}}
{{- define "jobs.operatorScheduling" -}}
{{- $s := .app.scheduling -}}
{{- if ne (toString $s.scheduler) "default" }}
batchScheduler: {{ $s.scheduler }}
{{- $options := dict }}
{{- with $s.queue }}{{ $_ := set $options "queue" . }}{{ end }}
{{- with $s.priorityClassName }}{{ $_ := set $options "priorityClassName" . }}{{ end }}
{{- $resources := dict }}
{{- range $resource, $quantity := ($s.volcano | default dict).minResources }}{{ if $quantity }}{{ $_ := set $resources $resource (toString $quantity) }}{{ end }}{{ end }}
{{- with $resources }}{{ $_ := set $options "resources" . }}{{ end }}
{{- with $options }}
batchSchedulerOptions:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
{{- end -}}
