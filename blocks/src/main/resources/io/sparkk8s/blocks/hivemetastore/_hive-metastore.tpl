{{/* Helpers of the hive-metastore block. */}}

{{/* Text escaped for an XML element. */}}
{{- define "hive-metastore.xml" -}}
{{- . | toString | replace "&" "&amp;" | replace "<" "&lt;" | replace ">" "&gt;" -}}
{{- end -}}

{{/* The metastore database: the external JDBC URL, else the postgresql block's database "hive". */}}
{{- define "hive-metastore.jdbcUrl" -}}
{{- {= v =}.database.jdbcUrl | default (printf "jdbc:postgresql://%s:5432/hive" (include "sparkk8s.fullname" (dict "context" . "component" "postgresql"))) -}}
{{- end -}}

{{/* Init container that copies the PostgreSQL JDBC driver into the jdbc volume. */}}
{{- define "hive-metastore.jdbcDriverInit" -}}
- name: jdbc-driver
  image: {{ include "sparkk8s.image" (dict "context" . "image" {= v =}.jdbcDriverImage) }}
  imagePullPolicy: {{ include "sparkk8s.pullPolicy" (dict "context" . "image" {= v =}.jdbcDriverImage) }}
  command: ["/bin/sh", "-ec"]
  args:
    - |
      jar=$(find /flyway -name 'postgresql-*.jar' | sort | tail -n 1)
      test -n "$jar" || { echo "no postgresql-*.jar under /flyway in this image" >&2; exit 1; }
      cp "$jar" /jdbc/postgresql.jar
  securityContext:
    {{- include "sparkk8s.containerSecurityContext" (dict "context" . "overrides" dict) | nindent 4 }}
  resources:
    requests:
      cpu: 50m
      memory: 64Mi
    limits:
      memory: 128Mi
  volumeMounts:
    - name: jdbc
      mountPath: /jdbc
{{- end -}}

{{/* Environment of every metastore container: heap, S3 jars and credentials, the database password. */}}
{{- define "hive-metastore.env" -}}
{{- $computed := list -}}
{{- $computed = append $computed (dict "name" "HADOOP_CLIENT_OPTS" "value" (printf "-Xmx%s" {= v =}.heapSize)) -}}
{{- $computed = append $computed (dict "name" "HADOOP_CLASSPATH" "value" "/opt/hadoop/share/hadoop/tools/lib/*") -}}
{{- $computed = append $computed (dict "name" "HIVE_CONF_DIR" "value" "/opt/spark-k8s/conf") -}}
{{- $secret := {= v =}.database.existingSecret | default (include "sparkk8s.fullname" (dict "context" . "component" "postgresql")) -}}
{{- $key := {= v =}.database.passwordKey | default "hive-password" -}}
{{- $computed = append $computed (dict "name" "HIVE_DB_PASSWORD" "valueFrom" (dict "secretKeyRef" (dict "name" $secret "key" $key))) -}}
{{- $computed = concat $computed (include "sparkk8s.s3Env" . | fromYamlArray) -}}
{{- include "sparkk8s.mergeEnv" (dict "computed" $computed "extra" {= v =}.extraEnv) -}}
{{- end -}}

{{/* Volume mounts of every metastore container. */}}
{{- define "hive-metastore.volumeMounts" -}}
- name: conf
  mountPath: /opt/spark-k8s/conf
  readOnly: true
- name: jdbc
  mountPath: /opt/hive/lib/postgresql.jar
  subPath: postgresql.jar
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- with {= v =}.extraVolumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Volumes of every metastore pod. */}}
{{- define "hive-metastore.volumes" -}}
- name: conf
  configMap:
    name: {{ include "sparkk8s.fullname" (dict "context" . "component" "hive-metastore") }}
- name: jdbc
  emptyDir: {}
- name: tmp
  emptyDir: {}
{{- with {= v =}.extraVolumes }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The spec of the schema Job (after "spec:"); its hash names the Job. */}}
{{- define "hive-metastore.schemaJobSpec" }}
  backoffLimit: 20
  template:
    metadata:
      labels:
        {{- include "sparkk8s.labels" (dict "context" . "name" "hive-metastore" "component" "schema") | nindent 8 }}
    spec:
      restartPolicy: OnFailure
      automountServiceAccountToken: false
      enableServiceLinks: false
      securityContext:
        {{- include "sparkk8s.podSecurityContext" (dict "context" . "uid" 1000 "gid" 1000 "overrides" {= v =}.podSecurityContext) | nindent 8 }}
{% include "common/pod-scheduling.peb" %}      initContainers:
        {{- include "hive-metastore.jdbcDriverInit" . | nindent 8 }}
      containers:
        - name: schema
          image: {{ include "sparkk8s.image" (dict "context" . "image" {= v =}.image) }}
          imagePullPolicy: {{ include "sparkk8s.pullPolicy" (dict "context" . "image" {= v =}.image) }}
          command: ["/opt/hive/bin/schematool", "-dbType", "postgres", "-initOrUpgradeSchema"]
          env:
            {{- include "hive-metastore.env" . | nindent 12 }}
          resources:
            {{- include "sparkk8s.resources" {= v =}.resources | nindent 12 }}
          securityContext:
            {{- include "sparkk8s.containerSecurityContext" (dict "context" . "overrides" {= v =}.securityContext) | nindent 12 }}
          volumeMounts:
            {{- include "hive-metastore.volumeMounts" . | nindent 12 }}
      volumes:
        {{- include "hive-metastore.volumes" . | nindent 8 }}
{{- end -}}

{{/* The schema Job's name, which changes with its spec. */}}
{{- define "hive-metastore.schemaJobName" -}}
{{- include "sparkk8s.jobName" (dict "context" . "component" "hive-metastore-schema" "spec" (include "hive-metastore.schemaJobSpec" .)) -}}
{{- end -}}
