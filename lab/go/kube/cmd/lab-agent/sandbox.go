package main

// The exec sandbox of a pod incarnation: for each container, what
// lab-sandbox needs to make a shell in it look like one in the container
// (sandbox-CONTAINER.json), and the directory its shell starts in when the
// agent cannot make namespaces (not root).

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"stsdash.lab/kube/internal/sandbox"
)

const clusterDomain = "cluster.local"

// prepareSandbox makes the directory an exec'd shell starts in and, when
// exec runs in namespaces, each container's sandbox description: its volume
// mounts resolved to host directories (a claim's bound volume, a hostPath,
// an emptyDir of this incarnation).
// It returns the host directories of the pod's volumes, by volume name.
func (a *agent) prepareSandbox(ctx context.Context, dir string, pod *corev1.Pod) (map[string]string, error) {
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		return nil, err
	}
	if a.execUID >= 0 {
		if err := os.Chown(home, int(a.execUID), int(a.execUID)); err != nil {
			return nil, err
		}
	}
	if a.sandboxBin == "" {
		return nil, nil
	}
	volumes, err := a.volumeDirs(ctx, dir, pod)
	if err != nil {
		return nil, err
	}
	dnsDir, err := a.dns.dir(pod.Namespace)
	if err != nil {
		return nil, err
	}
	for _, c := range pod.Spec.Containers {
		sb := sandbox.Sandbox{
			Hostname:   pod.Name,
			WorkingDir: c.WorkingDir,
			Env:        containerEnv(pod, &c),
			DNSDir:     dnsDir,
			Search: []string{
				pod.Namespace + ".svc." + clusterDomain, "svc." + clusterDomain, clusterDomain,
			},
			Hidden: []string{a.stateDir},
			UID:    a.execUID,
		}
		for _, m := range c.VolumeMounts {
			host, ok := volumes[m.Name]
			if !ok {
				continue
			}
			if m.SubPath != "" {
				host = filepath.Join(host, m.SubPath)
				if err := os.MkdirAll(host, 0o777); err != nil {
					return nil, err
				}
			}
			sb.Mounts = append(sb.Mounts, sandbox.Mount{HostPath: host, MountPath: m.MountPath, ReadOnly: m.ReadOnly})
		}
		body, err := json.MarshalIndent(sb, "", "  ")
		if err != nil {
			return nil, err
		}
		if err := writeAtomically(sandbox.File(dir, c.Name), body); err != nil {
			return nil, err
		}
	}
	return volumes, nil
}

// inVolume is where a path inside the pod's containers (e.g. the
// /var/log/app.log of the log-file annotation) is on the host: under the
// directory of the volume mounted over it. Empty when no volume holds it.
func inVolume(pod *corev1.Pod, volumes map[string]string, path string) string {
	best, host := "", ""
	for _, c := range pod.Spec.Containers {
		for _, m := range c.VolumeMounts {
			mount := strings.TrimSuffix(m.MountPath, "/")
			dir, ok := volumes[m.Name]
			if !ok || m.SubPath != "" || !strings.HasPrefix(path, mount+"/") || len(mount) <= len(best) {
				continue
			}
			best, host = mount, filepath.Join(dir, strings.TrimPrefix(path, mount+"/"))
		}
	}
	return host
}

// volumeDirs finds the host directory of each of the pod's volumes that has
// one: a claim's bound volume (hostPath or local), a hostPath volume, an
// emptyDir (made in the incarnation's directory, so it goes with the pod).
// The unprivileged user of the sandbox may write in them, as a container's
// root may in its volumes.
func (a *agent) volumeDirs(ctx context.Context, dir string, pod *corev1.Pod) (map[string]string, error) {
	dirs := map[string]string{}
	for _, v := range pod.Spec.Volumes {
		var host string
		switch {
		case v.PersistentVolumeClaim != nil:
			// From the informers' caches; straight from the API when they lag.
			name := v.PersistentVolumeClaim.ClaimName
			claim, err := a.claims.PersistentVolumeClaims(pod.Namespace).Get(name)
			if err != nil || claim.Spec.VolumeName == "" {
				claim, err = a.client.CoreV1().PersistentVolumeClaims(pod.Namespace).Get(ctx, name, metav1.GetOptions{})
			}
			if err != nil {
				return nil, fmt.Errorf("claim %s: %w", name, err)
			}
			if claim.Spec.VolumeName == "" {
				return nil, fmt.Errorf("claim %s is not bound", claim.Name)
			}
			pv, err := a.volumes.Get(claim.Spec.VolumeName)
			if err != nil {
				pv, err = a.client.CoreV1().PersistentVolumes().Get(ctx, claim.Spec.VolumeName, metav1.GetOptions{})
			}
			if err != nil {
				return nil, fmt.Errorf("volume %s: %w", claim.Spec.VolumeName, err)
			}
			switch {
			case pv.Spec.HostPath != nil:
				host = pv.Spec.HostPath.Path
			case pv.Spec.Local != nil:
				host = pv.Spec.Local.Path
			default:
				continue
			}
		case v.HostPath != nil:
			host = v.HostPath.Path
		case v.EmptyDir != nil:
			host = filepath.Join(dir, "volumes", v.Name)
		default:
			continue
		}
		if err := os.MkdirAll(host, 0o777); err != nil {
			return nil, err
		}
		if err := os.Chmod(host, 0o777); err != nil {
			return nil, err
		}
		dirs[v.Name] = host
	}
	return dirs, nil
}

// containerEnv is the environment of a shell in the container: the lab's
// (PATH, HOME, a prompt naming the pod) and the container's own variables
// with a literal value (valueFrom is not resolved in the lab).
func containerEnv(pod *corev1.Pod, c *corev1.Container) []string {
	env := map[string]string{
		"PATH":          "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"HOME":          "/tmp",
		"HOSTNAME":      pod.Name,
		"POD_NAME":      pod.Name,
		"POD_NAMESPACE": pod.Namespace,
		"PS1":           pod.Name + "$ ",
		"TERM":          "xterm",
	}
	for _, e := range c.Env {
		if e.ValueFrom == nil {
			env[e.Name] = e.Value
		}
	}
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// writeAtomically replaces a file whole: a reader sees the old or the new one.
func writeAtomically(path string, body []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, body, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// execEnv is the environment kwok starts lab-sandbox with for a container.
func (a *agent) execEnv(dir string, pod *corev1.Pod, container string) []map[string]string {
	if a.sandboxBin == "" {
		// No namespaces: the host's shell in a scratch directory, as an unprivileged user.
		return []map[string]string{
			{"name": "HOSTNAME", "value": pod.Name},
			{"name": "HOME", "value": filepath.Join(dir, "home")},
			{"name": "PATH", "value": a.shimDir + ":/usr/local/bin:/usr/bin:/bin"},
			{"name": "POD_NAME", "value": pod.Name},
			{"name": "POD_NAMESPACE", "value": pod.Namespace},
			{"name": "PS1", "value": pod.Name + "$ "},
			{"name": "TERM", "value": "xterm"},
		}
	}
	return []map[string]string{
		{"name": "LAB_SANDBOX", "value": sandbox.File(dir, container)},
		{"name": "LAB_SANDBOX_ENTER", "value": a.sandboxBin},
		{"name": "POD_NAME", "value": pod.Name},
		{"name": "POD_NAMESPACE", "value": pod.Namespace},
	}
}
