package io.sparkk8s.verify;

import io.sparkk8s.verify.PodSpecs.ContainerRef;
import io.sparkk8s.verify.PodSpecs.PodSpecRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Pod Security Standards controls (kubernetes.io/docs/concepts/security/pod-security-standards), as the
 * Pod Security admission controller evaluates them for the supported Kubernetes range
 * ({@link KubeVersions}): the baseline controls, and for {@link PodSecurityLevel#RESTRICTED} also the
 * restricted ones. Each violation names the control, the field, and the value to set.
 */
final class PodSecurityCheck {

    private static final Set<String> BASELINE_CAPABILITIES = Set.of(
            "AUDIT_WRITE",
            "CHOWN",
            "DAC_OVERRIDE",
            "FOWNER",
            "FSETID",
            "KILL",
            "MKNOD",
            "NET_BIND_SERVICE",
            "SETFCAP",
            "SETGID",
            "SETPCAP",
            "SETUID",
            "SYS_CHROOT");
    private static final Set<String> SAFE_SYSCTLS = Set.of(
            "kernel.shm_rmid_forced",
            "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start",
            "net.ipv4.tcp_syncookies",
            "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports",
            "net.ipv4.tcp_keepalive_time",
            "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes");
    /** container_engine_t is allowed only from Kubernetes 1.31, below the range's lowest version. */
    private static final Set<String> SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t");

    private static final Set<String> SECCOMP_TYPES = Set.of("RuntimeDefault", "Localhost");
    private static final Set<String> APPARMOR_TYPES = Set.of("RuntimeDefault", "Localhost");
    private static final List<String> RESTRICTED_VOLUMES = List.of(
            "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

    private final boolean restricted;
    private final String check;

    PodSecurityCheck(PodSecurityLevel level) {
        this.restricted = level == PodSecurityLevel.RESTRICTED;
        this.check = restricted ? Checks.PSS_RESTRICTED : Checks.PSS_BASELINE;
    }

    /** The check id findings carry. */
    String check() {
        return check;
    }

    /** The profile's name. */
    String level() {
        return restricted ? "restricted" : "baseline";
    }

    void check(PodSpecRef pod, FindingCollector findings) {
        new Evaluation(pod, findings).run();
    }

    private final class Evaluation {
        private final PodSpecRef pod;
        private final FindingCollector findings;
        private final Map<String, Object> podSecurity;
        private final String podSecurityPath;
        private final List<ContainerRef> containers;

        Evaluation(PodSpecRef pod, FindingCollector findings) {
            this.pod = pod;
            this.findings = findings;
            this.podSecurity = Tree.mapAt(pod.spec(), "securityContext");
            this.podSecurityPath = Tree.child(pod.path(), "securityContext");
            this.containers = pod.containers(true);
        }

        void run() {
            hostProcess();
            hostNamespaces();
            privileged();
            capabilities();
            volumes();
            hostPorts();
            appArmor();
            seLinux();
            procMount();
            seccomp();
            sysctls();
            if (restricted) {
                boolean windows = "windows".equals(Tree.strAt(pod.spec(), "os", "name"));
                if (!windows) {
                    privilegeEscalation();
                }
                runAsNonRoot();
                runAsUser();
            }
        }

        private void violation(String path, String control, String message) {
            String level = !restricted || BASELINE_CONTROLS.contains(control) ? "baseline" : "restricted";
            findings.add(
                    check,
                    pod.owner(),
                    path,
                    message + " (" + level + " control '" + control + "'"
                            + (pod.embedded() ? ", " + pod.describe() : "") + ")");
        }

        private Map<String, Object> security(ContainerRef c) {
            return Tree.mapAt(c.body(), "securityContext");
        }

        private String securityPath(ContainerRef c, String field) {
            return Tree.child(Tree.child(c.path(), "securityContext"), field);
        }

        private void hostProcess() {
            if (Tree.isTrue(Tree.at(podSecurity, "windowsOptions", "hostProcess"))) {
                violation(
                        Tree.child(podSecurityPath, "windowsOptions.hostProcess"),
                        "HostProcess",
                        "the pod runs as a Windows HostProcess; remove windowsOptions.hostProcess");
            }
            for (ContainerRef c : containers) {
                if (Tree.isTrue(Tree.at(security(c), "windowsOptions", "hostProcess"))) {
                    violation(
                            securityPath(c, "windowsOptions.hostProcess"),
                            "HostProcess",
                            c.describe() + " runs as a Windows HostProcess; remove windowsOptions.hostProcess");
                }
            }
        }

        private void hostNamespaces() {
            for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
                if (Tree.isTrue(pod.spec().get(field))) {
                    violation(
                            Tree.child(pod.path(), field),
                            "Host Namespaces",
                            field + " is true; remove it or set it to false");
                }
            }
        }

        private void privileged() {
            for (ContainerRef c : containers) {
                if (Tree.isTrue(security(c).get("privileged"))) {
                    violation(
                            securityPath(c, "privileged"),
                            "Privileged Containers",
                            c.describe() + " is privileged; remove securityContext.privileged or set it to false");
                }
            }
        }

        private void capabilities() {
            boolean windows = "windows".equals(Tree.strAt(pod.spec(), "os", "name"));
            for (ContainerRef c : containers) {
                Map<String, Object> caps = Tree.mapAt(security(c), "capabilities");
                List<Object> add = Tree.list(caps.get("add"));
                for (int i = 0; i < add.size(); i++) {
                    String cap = String.valueOf(add.get(i));
                    String path = Tree.index(securityPath(c, "capabilities.add"), i);
                    if (restricted && !windows && !"NET_BIND_SERVICE".equals(cap)) {
                        violation(
                                path,
                                "Capabilities",
                                c.describe() + " adds capability " + cap
                                        + "; the restricted profile allows adding only NET_BIND_SERVICE — remove it");
                    } else if (!BASELINE_CAPABILITIES.contains(cap)) {
                        violation(
                                path,
                                "Capabilities",
                                c.describe() + " adds capability " + cap
                                        + ", which the baseline profile forbids; remove it");
                    }
                }
                if (restricted && !windows) {
                    boolean dropsAll = Tree.list(caps.get("drop")).stream().anyMatch("ALL"::equals);
                    if (!dropsAll) {
                        violation(
                                securityPath(c, "capabilities.drop"),
                                "Capabilities",
                                c.describe()
                                        + " does not drop all capabilities; set securityContext.capabilities.drop: [ALL]");
                    }
                }
            }
        }

        private void volumes() {
            List<Object> volumes = Tree.listAt(pod.spec(), "volumes");
            for (int i = 0; i < volumes.size(); i++) {
                Map<String, Object> volume = Tree.map(volumes.get(i));
                String volumePath = Tree.index(Tree.child(pod.path(), "volumes"), i);
                String name = String.valueOf(volume.get("name"));
                for (String type : volume.keySet()) {
                    if ("name".equals(type)) {
                        continue;
                    }
                    if ("hostPath".equals(type)) {
                        violation(
                                Tree.child(volumePath, type),
                                "HostPath Volumes",
                                "volume '" + name
                                        + "' is a hostPath volume; use an emptyDir, configMap, secret or persistentVolumeClaim volume");
                    } else if (restricted && !RESTRICTED_VOLUMES.contains(type)) {
                        violation(
                                Tree.child(volumePath, type),
                                "Volume Types",
                                "volume '" + name + "' has type " + type + "; the restricted profile allows only "
                                        + String.join(", ", RESTRICTED_VOLUMES));
                    }
                }
            }
        }

        private void hostPorts() {
            for (ContainerRef c : containers) {
                List<Object> ports = Tree.list(c.body().get("ports"));
                for (int i = 0; i < ports.size(); i++) {
                    Object hostPort = Tree.at(ports.get(i), "hostPort");
                    if (hostPort instanceof Number n && n.longValue() != 0) {
                        violation(
                                Tree.child(Tree.index(Tree.child(c.path(), "ports"), i), "hostPort"),
                                "Host Ports",
                                c.describe() + " binds host port " + n
                                        + "; remove hostPort and reach it through a Service");
                    }
                }
            }
        }

        private void appArmor() {
            String podType = Tree.strAt(podSecurity, "appArmorProfile", "type");
            if (podType != null && !APPARMOR_TYPES.contains(podType)) {
                violation(
                        Tree.child(podSecurityPath, "appArmorProfile.type"),
                        "AppArmor",
                        "appArmorProfile.type is " + podType + "; use RuntimeDefault or Localhost, or leave it unset");
            }
            for (ContainerRef c : containers) {
                String type = Tree.strAt(security(c), "appArmorProfile", "type");
                if (type != null && !APPARMOR_TYPES.contains(type)) {
                    violation(
                            securityPath(c, "appArmorProfile.type"),
                            "AppArmor",
                            c.describe() + " sets appArmorProfile.type " + type
                                    + "; use RuntimeDefault or Localhost, or leave it unset");
                }
            }
            Tree.stringMapAt(pod.metadata(), "annotations").forEach((key, value) -> {
                if (key.startsWith(APPARMOR_ANNOTATION)
                        && !"runtime/default".equals(value)
                        && !value.startsWith("localhost/")) {
                    violation(
                            Tree.entry(Tree.child(pod.metadataPath(), "annotations"), key),
                            "AppArmor",
                            "AppArmor annotation " + key + " is " + value
                                    + "; use runtime/default or localhost/<profile>");
                }
            });
        }

        private void seLinux() {
            seLinuxOptions(
                    Tree.mapAt(podSecurity, "seLinuxOptions"),
                    Tree.child(podSecurityPath, "seLinuxOptions"),
                    "the pod");
            for (ContainerRef c : containers) {
                seLinuxOptions(
                        Tree.mapAt(security(c), "seLinuxOptions"), securityPath(c, "seLinuxOptions"), c.describe());
            }
        }

        private void seLinuxOptions(Map<String, Object> options, String path, String who) {
            Object type = options.get("type");
            if (type != null && !SELINUX_TYPES.contains(String.valueOf(type))) {
                violation(
                        Tree.child(path, "type"),
                        "SELinux",
                        who + " sets SELinux type " + type
                                + "; use container_t, container_init_t or container_kvm_t, or leave it unset"
                                + ("container_engine_t".equals(type)
                                        ? " (container_engine_t is allowed only from Kubernetes 1.31)"
                                        : ""));
            }
            for (String field : List.of("user", "role")) {
                Object value = options.get(field);
                if (value != null && !String.valueOf(value).isEmpty()) {
                    violation(
                            Tree.child(path, field),
                            "SELinux",
                            who + " sets SELinux " + field + " " + value + "; remove it");
                }
            }
        }

        private void procMount() {
            for (ContainerRef c : containers) {
                Object procMount = security(c).get("procMount");
                if (procMount != null && !"Default".equals(procMount)) {
                    violation(
                            securityPath(c, "procMount"),
                            "/proc Mount Type",
                            c.describe() + " sets procMount " + procMount + "; remove it or set Default");
                }
            }
        }

        private void seccomp() {
            boolean windows = "windows".equals(Tree.strAt(pod.spec(), "os", "name"));
            String podType = Tree.strAt(podSecurity, "seccompProfile", "type");
            boolean podValid = podType != null && SECCOMP_TYPES.contains(podType);
            if ("Unconfined".equals(podType) || restricted && !windows && podType != null && !podValid) {
                violation(
                        Tree.child(podSecurityPath, "seccompProfile.type"),
                        "Seccomp",
                        "the pod's seccompProfile.type is " + podType + "; set RuntimeDefault or Localhost");
            }
            List<ContainerRef> unset = new ArrayList<>();
            for (ContainerRef c : containers) {
                String type = Tree.strAt(security(c), "seccompProfile", "type");
                if (type == null) {
                    unset.add(c);
                } else if ("Unconfined".equals(type) || restricted && !windows && !SECCOMP_TYPES.contains(type)) {
                    violation(
                            securityPath(c, "seccompProfile.type"),
                            "Seccomp",
                            c.describe() + " sets seccompProfile.type " + type + "; set RuntimeDefault or Localhost");
                }
            }
            if (restricted && !windows && !podValid) {
                implicit(
                        unset,
                        Tree.child(podSecurityPath, "seccompProfile.type"),
                        "seccompProfile.type",
                        "Seccomp",
                        "set seccompProfile.type: RuntimeDefault");
            }
        }

        private void sysctls() {
            List<Object> sysctls = Tree.listAt(podSecurity, "sysctls");
            for (int i = 0; i < sysctls.size(); i++) {
                String name = Tree.strAt(sysctls.get(i), "name");
                if (name != null && !SAFE_SYSCTLS.contains(name)) {
                    violation(
                            Tree.child(Tree.index(Tree.child(podSecurityPath, "sysctls"), i), "name"),
                            "Sysctls",
                            "sysctl " + name + " is not in the safe set; remove it");
                }
            }
        }

        private void privilegeEscalation() {
            for (ContainerRef c : containers) {
                Object value = security(c).get("allowPrivilegeEscalation");
                if (!Boolean.FALSE.equals(value)) {
                    violation(
                            securityPath(c, "allowPrivilegeEscalation"),
                            "Privilege Escalation",
                            c.describe()
                                    + (value == null ? " does not set" : " sets")
                                    + " securityContext.allowPrivilegeEscalation"
                                    + (value == null ? "" : " to " + value) + "; set it to false");
                }
            }
        }

        private void runAsNonRoot() {
            Object podValue = podSecurity.get("runAsNonRoot");
            if (Boolean.FALSE.equals(podValue)) {
                violation(
                        Tree.child(podSecurityPath, "runAsNonRoot"),
                        "Running as Non-root",
                        "the pod sets runAsNonRoot: false; set it to true");
            }
            List<ContainerRef> unset = new ArrayList<>();
            for (ContainerRef c : containers) {
                Object value = security(c).get("runAsNonRoot");
                if (Boolean.FALSE.equals(value)) {
                    violation(
                            securityPath(c, "runAsNonRoot"),
                            "Running as Non-root",
                            c.describe() + " sets runAsNonRoot: false; set it to true");
                } else if (value == null) {
                    unset.add(c);
                }
            }
            if (!Boolean.TRUE.equals(podValue)) {
                implicit(
                        unset,
                        Tree.child(podSecurityPath, "runAsNonRoot"),
                        "runAsNonRoot",
                        "Running as Non-root",
                        "set runAsNonRoot: true");
            }
        }

        /** Reports containers that leave a field unset while the pod does not set it validly either. */
        private void implicit(List<ContainerRef> unset, String podPath, String field, String control, String fix) {
            if (unset.isEmpty()) {
                return;
            }
            if (unset.size() == containers.size()) {
                violation(
                        podPath,
                        control,
                        field + " is set neither on the pod nor on its containers; " + fix
                                + " in the pod securityContext (or on every container)");
                return;
            }
            for (ContainerRef c : unset) {
                violation(
                        securityPath(c, field),
                        control,
                        c.describe() + " does not set " + field + " and the pod securityContext does not either; " + fix
                                + " on the container or the pod");
            }
        }

        private void runAsUser() {
            if (podSecurity.get("runAsUser") instanceof Number n && n.longValue() == 0) {
                violation(
                        Tree.child(podSecurityPath, "runAsUser"),
                        "Running as Non-root user",
                        "the pod runs as user 0 (root); set a non-zero runAsUser");
            }
            for (ContainerRef c : containers) {
                if (security(c).get("runAsUser") instanceof Number n && n.longValue() == 0) {
                    violation(
                            securityPath(c, "runAsUser"),
                            "Running as Non-root user",
                            c.describe() + " runs as user 0 (root); set a non-zero runAsUser");
                }
            }
        }
    }

    private static final Set<String> BASELINE_CONTROLS = Set.of(
            "HostProcess",
            "Host Namespaces",
            "Privileged Containers",
            "HostPath Volumes",
            "Host Ports",
            "AppArmor",
            "SELinux",
            "/proc Mount Type",
            "Sysctls");
}
