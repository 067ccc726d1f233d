{{/* Helpers of the airflow block. */}}

{{/* The environment of every Airflow container: (list $ <extra computed entries>). Keys come from the Secret;
     the database password only as DB_PASSWORD, turned into the connection string by "airflow.start". */}}
{{- define "airflow.env" -}}
{{- $root := index . 0 -}}
{{- $auth := $root{= v =}.auth.existingSecret | default (include "sparkk8s.fullname" (dict "context" $root "component" "airflow")) -}}
{{- $dbSecret := $root{= v =}.database.existingSecret | default (include "sparkk8s.fullname" (dict "context" $root "component" "postgresql")) -}}
{{- $master := $root{= v =}.connections.spark.master -}}
{{- $sparkExtra := dict "deploy-mode" $root{= v =}.connections.spark.deployMode -}}
{{- $submitConf := list -}}
{{- if hasPrefix "k8s://" $master -}}
{{- $_ := set $sparkExtra "namespace" $root.Release.Namespace -}}
{{- /* SparkSubmitHook reads only deploy-mode, namespace, queue, spark-binary, principal and keytab from the
       extras; these keys are for DAG authors, spark-submit gets them from $SPARK_CONF_DIR/spark-defaults.conf. */ -}}
{{- range $line := include "airflow.sparkSubmitConf" $root | splitList "\n" -}}
{{- $kv := splitn "=" 2 $line -}}
{{- $_ := set $sparkExtra $kv._0 $kv._1 -}}
{{- end -}}
{{- $submitConf = list (dict "name" "SPARK_CONF_DIR" "value" "/opt/spark-k8s/spark-conf") -}}
{{- end -}}
{{- $connect := dict "conn_type" "spark_connect" "host" ($root{= v =}.connections.sparkConnect.host | default (printf "sc://%s" (include "sparkk8s.fullname" (dict "context" $root "component" "connect")))) "port" $root{= v =}.connections.sparkConnect.port -}}
{{- $computed := list -}}
{% if line.id == "4.1" and (blocks contains "connect") %}{{- /* only on spark-4.1 */}}
{{- if include "airflow.connectAuth" $root -}}
{{- /* SparkConnectHook turns the connection's password into ;token= and extra use_ssl into ;use_ssl=; the
       token env comes first, so Kubernetes expands $(SPARK_CONNECT_AUTHENTICATE_TOKEN) in the JSON below. */ -}}
{{- $computed = concat $computed (include "sparkk8s.connectClientEnv" (dict "context" $root "connect" $root.Values.connect) | fromYamlArray) -}}
{{- $_ := set $connect "password" "$(SPARK_CONNECT_AUTHENTICATE_TOKEN)" -}}
{{- $_ := set $connect "extra" (dict "use_ssl" true) -}}
{{- end -}}
{{- /* end: only on spark-4.1 */}}
{% endif %}{{- $computed = append $computed (dict "name" "AIRFLOW_HOME" "value" "/opt/airflow") -}}
{{- $computed = append $computed (dict "name" "AIRFLOW__CORE__EXECUTOR" "value" "LocalExecutor") -}}
{{- $computed = append $computed (dict "name" "AIRFLOW__CORE__LOAD_EXAMPLES" "value" "False") -}}
{{- $computed = append $computed (dict "name" "AIRFLOW__CORE__DAGS_FOLDER" "value" "/opt/airflow/dags") -}}
{{- $computed = append $computed (dict "name" "AIRFLOW__CORE__EXECUTION_API_SERVER_URL" "value" (printf "http://%s:8080/execution/" (include "sparkk8s.fullname" (dict "context" $root "component" "airflow")))) -}}
{{- $computed = append $computed (dict "name" "AIRFLOW__CORE__HOSTNAME_CALLABLE" "value" "airflow.utils.net.get_host_ip_address") -}}
{{- $computed = append $computed (dict "name" "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS" "value" (printf "%s:admin" $root{= v =}.auth.adminUser)) -}}
{{- $computed = append $computed (dict "name" "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE" "value" "/opt/airflow/simple_auth_manager_passwords.json") -}}
{{- $computed = append $computed (dict "name" "AIRFLOW__CORE__FERNET_KEY" "valueFrom" (dict "secretKeyRef" (dict "name" $auth "key" "fernet-key"))) -}}
{{- $computed = append $computed (dict "name" "AIRFLOW__API__SECRET_KEY" "valueFrom" (dict "secretKeyRef" (dict "name" $auth "key" "api-secret-key"))) -}}
{{- $computed = append $computed (dict "name" "AIRFLOW__API_AUTH__JWT_SECRET" "valueFrom" (dict "secretKeyRef" (dict "name" $auth "key" "jwt-secret"))) -}}
{{- $computed = append $computed (dict "name" "DB_HOST" "value" ($root{= v =}.database.host | default (printf "%s:5432" (include "sparkk8s.fullname" (dict "context" $root "component" "postgresql"))))) -}}
{{- $computed = append $computed (dict "name" "DB_NAME" "value" $root{= v =}.database.name) -}}
{{- $computed = append $computed (dict "name" "DB_USER" "value" $root{= v =}.database.user) -}}
{{- $computed = append $computed (dict "name" "DB_PASSWORD" "valueFrom" (dict "secretKeyRef" (dict "name" $dbSecret "key" ($root{= v =}.database.passwordKey | default "airflow-password")))) -}}
{{- $computed = append $computed (dict "name" "AIRFLOW_CONN_SPARK_CONNECT_DEFAULT" "value" (toJson $connect)) -}}
{{- /* spark_default and MLFLOW_TRACKING_URI of the release's own standalone master and MLflow come from the
       root's app-wiring ConfigMap, only while those blocks are enabled ("airflow.envFrom"); set here they win */}}
{{- if $master -}}
{{- $computed = append $computed (dict "name" "AIRFLOW_CONN_SPARK_DEFAULT" "value" (toJson (dict "conn_type" "spark" "host" $master "extra" $sparkExtra))) -}}
{{- end -}}
{{- with $root{= v =}.mlflowTrackingUri -}}
{{- $computed = append $computed (dict "name" "MLFLOW_TRACKING_URI" "value" .) -}}
{{- end -}}
{{- $computed = concat $computed $submitConf -}}
{{- $computed = concat $computed (index . 1) -}}
{{- include "sparkk8s.mergeEnv" (dict "computed" $computed "extra" $root{= v =}.extraEnv) -}}
{{- end -}}

{{/* The env source every Airflow daemon adds: the release's app-wiring ConfigMap (spark_default of the
     standalone master, MLFLOW_TRACKING_URI), present only while those blocks are enabled. */}}
{{- define "airflow.envFrom" -}}
- configMapRef:
    name: {{ include "sparkk8s.fullname" (dict "context" . "component" "app-wiring") }}
    optional: true
{{- end -}}

{{/* Shell lines that export the SQLAlchemy connection string, assembled from the Secret-backed DB_PASSWORD,
     so the password is never in a ConfigMap, an env value or the args. */}}
{{- define "airflow.dbConn" -}}
AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="$(python -c 'import os, urllib.parse as u; q = lambda k: u.quote(os.environ[k], safe=""); print("postgresql+psycopg2://%s:%s@%s/%s" % (q("DB_USER"), q("DB_PASSWORD"), os.environ["DB_HOST"], q("DB_NAME")))')"
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN
{{- end -}}

{{/* Shell lines run before every Airflow command: the connection string, then the DAGs copied out of their
     ConfigMap (whose ..data symlinks would make Airflow see every file twice). */}}
{{- define "airflow.start" -}}
{{ include "airflow.dbConn" . }}
mkdir -p /opt/airflow/dags
for f in /opt/spark-k8s/dags/*; do
  if [ -f "$f" ]; then cp -L "$f" /opt/airflow/dags/; fi
done
{{- end -}}

{{/* Init container that waits until the migration Job has brought the schema up to date. */}}
{{- define "airflow.waitForMigrations" -}}
- name: wait-for-migrations
  image: {{ include "sparkk8s.image" (dict "context" . "image" {= v =}.image) }}
  imagePullPolicy: {{ include "sparkk8s.pullPolicy" (dict "context" . "image" {= v =}.image) }}
  command: ["/bin/bash", "-ec"]
  args:
    - |
      {{- include "airflow.start" . | nindent 6 }}
      exec airflow db check-migrations --migration-wait-timeout 900
  env:
    {{- include "airflow.env" (list . list) | nindent 4 }}
  resources:
    requests:
      cpu: 100m
      memory: 384Mi
    limits:
      memory: 512Mi
  securityContext:
    {{- include "sparkk8s.containerSecurityContext" (dict "context" . "overrides" {= v =}.securityContext) | nindent 4 }}
  volumeMounts:
    {{- include "airflow.volumeMounts" . | nindent 4 }}
{{- end -}}

{{/* Volume mounts of every Airflow container. */}}
{{- define "airflow.volumeMounts" -}}
- name: home
  mountPath: /opt/airflow
- name: dags
  mountPath: /opt/spark-k8s/dags
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- if include "airflow.submitsToKubernetes" . }}
- name: spark-conf
  mountPath: /opt/spark-k8s/spark-conf
  readOnly: true
{{- end }}
{{- if include "airflow.connectAuth" . }}
- name: connect-ca
  mountPath: /etc/spark-k8s/connect-ca
  readOnly: true
{{- end }}
{{- with {= v =}.extraVolumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Volumes of every Airflow pod. */}}
{{- define "airflow.volumes" -}}
- name: home
  emptyDir: {}
- name: dags
  configMap:
    name: {{ {= v =}.dags.existingConfigMap | default (include "sparkk8s.fullname" (dict "context" . "component" "airflow-dags")) | quote }}
- name: tmp
  emptyDir: {}
{{- if include "airflow.submitsToKubernetes" . }}
- name: spark-conf
  configMap:
    name: {{ include "sparkk8s.fullname" (dict "context" . "component" "airflow-spark-submit") }}
{{- end }}
{% if line.id == "4.1" and (blocks contains "connect") %}{{- /* only on spark-4.1 */}}
{{- if include "airflow.connectAuth" . }}
{{ include "sparkk8s.connectCaVolume" (dict "context" . "connect" .Values.connect) }}
{{- end }}
{{- /* end: only on spark-4.1 */}}
{% endif %}{{- with {= v =}.extraVolumes }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The spec of the migration Job (after "spec:"); its hash names the Job. */}}
{{- define "airflow.migrateJobSpec" }}
  backoffLimit: 20
  template:
    metadata:
      labels:
        {{- include "sparkk8s.labels" (dict "context" . "name" "airflow" "component" "migrate") | nindent 8 }}
    spec:
      restartPolicy: OnFailure
      automountServiceAccountToken: false
      enableServiceLinks: false
      securityContext:
        {{- include "sparkk8s.podSecurityContext" (dict "context" . "uid" 50000 "gid" 50000 "overrides" {= v =}.podSecurityContext) | nindent 8 }}
{% include "common/pod-scheduling.peb" %}      containers:
        - name: migrate
          image: {{ include "sparkk8s.image" (dict "context" . "image" {= v =}.image) }}
          imagePullPolicy: {{ include "sparkk8s.pullPolicy" (dict "context" . "image" {= v =}.image) }}
          command: ["/bin/bash", "-ec"]
          args:
            - |
              {{- include "airflow.start" . | nindent 14 }}
              exec airflow db migrate
          env:
            {{- include "airflow.env" (list . list) | nindent 12 }}
          resources:
            {{- include "sparkk8s.resources" {= v =}.apiServer.resources | nindent 12 }}
          securityContext:
            {{- include "sparkk8s.containerSecurityContext" (dict "context" . "overrides" {= v =}.securityContext) | nindent 12 }}
          volumeMounts:
            {{- include "airflow.volumeMounts" . | nindent 12 }}
      volumes:
        {{- include "airflow.volumes" . | nindent 8 }}
{{- end -}}

{{/* "true" when spark_default submits to Kubernetes (a k8s:// master). */}}
{{- define "airflow.submitsToKubernetes" -}}
{{- if hasPrefix "k8s://" ({= v =}.connections.spark.master | default "") -}}true{{- end -}}
{{- end -}}

{{/* The Spark settings of spark-submit to Kubernetes (one key=value a line): namespace, image, the driver's
     ServiceAccount and the driver and executor pod templates mounted from <release>-airflow-spark-submit. */}}
{{- define "airflow.sparkSubmitConf" -}}
spark.kubernetes.namespace={{ .Release.Namespace }}
spark.kubernetes.container.image={{ include "sparkk8s.sparkImage" (dict "context" . "image" dict) }}
spark.kubernetes.container.image.pullPolicy={{ .Values.global.image.pullPolicy }}
{{- if {= v =}.rbac.create }}
spark.kubernetes.authenticate.driver.serviceAccountName={{ include "sparkk8s.fullname" (dict "context" . "component" "airflow") }}
{{- end }}
spark.kubernetes.driver.podTemplateFile=/opt/spark-k8s/spark-conf/driver-pod-template.yaml
spark.kubernetes.executor.podTemplateFile=/opt/spark-k8s/spark-conf/executor-pod-template.yaml
{{- end -}}

{{/* "true" when spark_connect_default points at the release's Connect server and that server requires a token
     (connect.auth, 4.1 line); the Airflow pods then get the token, the CA and a TLS connection. */}}
{{- define "airflow.connectAuth" -}}
{% if line.id == "4.1" and (blocks contains "connect") %}{{- /* only on spark-4.1 */}}
{{- if not {= v =}.connections.sparkConnect.host }}{{ include "sparkk8s.connectAuth" (dict "context" . "connect" .Values.connect) }}{{ end -}}
{{- /* end: only on spark-4.1 */}}
{% endif %}{{- end -}}
