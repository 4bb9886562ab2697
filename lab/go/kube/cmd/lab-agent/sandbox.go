package main

// The exec sandbox of a pod incarnation: for each container, what
// lab-sandbox needs to make a shell in it look like one in the container
// (sandbox-CONTAINER.json), or why an exec into it is refused.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/sys/unix"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"stsdash.lab/kube/internal/sandbox"
)

const clusterDomain = "cluster.local"

// prepareSandbox makes the directory an exec'd shell starts in and each
// container's sandbox description: its volume mounts resolved to host
// directories (a claim's bound volume, a hostPath, an emptyDir of this
// incarnation), or why an exec into it is refused.
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
	volumes, refused, err := a.volumeDirs(ctx, dir, pod)
	if err != nil {
		return nil, err
	}
	if a.refuseAll != "" {
		refused = a.refuseAll
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
			Hidden:  []string{a.stateDir},
			UID:     a.execUID,
			Roots:   []string{a.volumeRoot, dir},
			Refused: refused,
		}
		for _, m := range c.VolumeMounts {
			host, ok := volumes[m.Name]
			if !ok || sb.Refused != "" {
				continue
			}
			if m.SubPath != "" {
				if host, err = subDir(host, m.SubPath); err != nil {
					sb.Refused = fmt.Sprintf("volumeMount %s: %v", m.Name, err)
					continue
				}
			}
			sb.Mounts = append(sb.Mounts, sandbox.Mount{HostPath: host, MountPath: m.MountPath, ReadOnly: m.ReadOnly})
		}
		if sb.Refused != "" {
			sb.Mounts = nil
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
// /var/log/app.log of the log-file annotation) is on the host: the
// directory of the volume mounted over it and the path in there. Empty when
// no volume holds it.
func inVolume(pod *corev1.Pod, volumes map[string]string, path string) (string, string) {
	best, host, rel := "", "", ""
	for _, c := range pod.Spec.Containers {
		for _, m := range c.VolumeMounts {
			mount := strings.TrimSuffix(m.MountPath, "/")
			dir, ok := volumes[m.Name]
			if !ok || m.SubPath != "" || !strings.HasPrefix(path, mount+"/") || len(mount) <= len(best) {
				continue
			}
			best, host, rel = mount, dir, strings.TrimPrefix(path, mount+"/")
		}
	}
	return host, rel
}

// openInVolume opens a file in a volume's directory to append to, made if
// missing, through no symlink: what a pod leaves in its volume cannot send
// the agent's writes (as root) elsewhere, nor a FIFO hold them up.
func openInVolume(dir, rel string) (*os.File, error) {
	root, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: dir, Err: err}
	}
	defer unix.Close(root)
	path := filepath.Join(dir, rel)
	fd, err := unix.Openat2(root, rel, &unix.OpenHow{
		Flags:   unix.O_WRONLY | unix.O_APPEND | unix.O_CREAT | unix.O_NONBLOCK | unix.O_CLOEXEC,
		Mode:    0o644,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS,
	})
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	f := os.NewFile(uintptr(fd), path)
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	return f, nil
}

// refusal is why an exec into a pod cannot be sandboxed: it is refused with it.
type refusal string

func (r refusal) Error() string { return string(r) }

// volumeDirs finds the host directory of each of the pod's volumes that has
// one: a claim's bound volume (hostPath or local), a hostPath volume, an
// emptyDir (made in the incarnation's directory, so it goes with the pod).
// A volume whose directory the lab will not mount gives the reason its
// exec is refused instead; the pod runs on, with its logs.
func (a *agent) volumeDirs(ctx context.Context, dir string, pod *corev1.Pod) (map[string]string, string, error) {
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
				return nil, "", fmt.Errorf("claim %s: %w", name, err)
			}
			if claim.Spec.VolumeName == "" {
				return nil, "", fmt.Errorf("claim %s is not bound", claim.Name)
			}
			pv, err := a.volumes.Get(claim.Spec.VolumeName)
			if err != nil {
				pv, err = a.client.CoreV1().PersistentVolumes().Get(ctx, claim.Spec.VolumeName, metav1.GetOptions{})
			}
			if err != nil {
				return nil, "", fmt.Errorf("volume %s: %w", claim.Spec.VolumeName, err)
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
			// New, in the incarnation's directory: the agent's own.
			empty := filepath.Join(dir, "volumes", v.Name)
			if err := os.MkdirAll(empty, 0o755); err != nil {
				return nil, "", err
			}
			dirs[v.Name] = empty
			continue
		default:
			continue
		}
		resolved, err := a.volumeDir(host)
		var r refusal
		if errors.As(err, &r) {
			return nil, fmt.Sprintf("volume %s: %s", v.Name, r), nil
		}
		if err != nil {
			return nil, "", fmt.Errorf("volume %s: %w", v.Name, err)
		}
		dirs[v.Name] = resolved
	}
	return dirs, "", nil
}

// volumeDir is the host directory of a hostPath or local volume, made if
// missing. Only a directory beneath the lab's volume root is mounted (the
// host-path provisioner's, the static volumes of examples/static-pv.yaml);
// any other path, or one whose symlinks lead out of the root, is refused
// and left untouched. No existing directory is changed: a new one is made
// 0755, root's, and lab-sandbox mounts volumes idmapped so that the
// sandbox's user owns what root owns there (as a user-namespaced
// container's root does), which is how it may write in a provisioner's
// directory (0750, root's) too.
func (a *agent) volumeDir(path string) (string, error) {
	if !sandbox.Beneath(a.volumeRoot, path) {
		return "", refusal(fmt.Sprintf("host path %s is outside the lab's volume root %s", path, a.volumeRoot))
	}
	root, err := a.openVolumeRoot()
	if err != nil {
		return "", err
	}
	defer unix.Close(root)
	resolved, err := resolveExisting(filepath.Clean(path))
	if err != nil {
		return "", refusal(fmt.Sprintf("host path %s: %v", path, err))
	}
	if !sandbox.Beneath(a.volumeRoot, resolved) {
		return "", refusal(fmt.Sprintf("host path %s leads to %s, outside the lab's volume root %s", path, resolved, a.volumeRoot))
	}
	rel, err := filepath.Rel(a.volumeRoot, resolved)
	if err != nil {
		return "", err
	}
	// Made one component at a time, through no symlink: one swapped in
	// since the check above cannot lead out of the root.
	fd, err := sandbox.OpenDir(root, rel, unix.RESOLVE_BENEATH|unix.RESOLVE_NO_SYMLINKS)
	if err != nil {
		return "", refusal(fmt.Sprintf("host path %s: %v", path, err))
	}
	unix.Close(fd)
	return resolved, nil
}

// openVolumeRoot opens the lab's volume root, made if missing. It must be a
// directory of the agent's user that no other may write in: under /tmp
// anyone could have made it first. 0700 when the agent makes it: what a
// sandbox writes in a volume is root's on the host.
func (a *agent) openVolumeRoot() (int, error) {
	if err := os.Mkdir(a.volumeRoot, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return -1, err
	}
	fd, err := unix.Open(a.volumeRoot, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, refusal(fmt.Sprintf("the lab's volume root %s: %v", a.volumeRoot, err))
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return -1, err
	}
	if int(st.Uid) != os.Geteuid() || st.Mode&0o022 != 0 {
		unix.Close(fd)
		return -1, refusal(fmt.Sprintf("the lab's volume root %s is not the lab's own (owner uid %d, mode %04o)",
			a.volumeRoot, st.Uid, st.Mode&0o7777))
	}
	return fd, nil
}

// resolveExisting resolves the symlinks of the longest prefix of an
// absolute, clean path that exists; the rest is kept as it is.
func resolveExisting(path string) (string, error) {
	rest := ""
	for dir := path; ; dir = filepath.Dir(dir) {
		resolved, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(resolved, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || dir == "/" {
			return "", err
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// subDir is a volumeMount's subPath in its volume's directory, made if
// missing, through no symlink (a pod can make symlinks in its volume).
func subDir(volume, sub string) (string, error) {
	if filepath.IsAbs(sub) || sandbox.HasDotDot(sub) {
		return "", fmt.Errorf("subPath %q leaves its volume", sub)
	}
	root, err := unix.Open(volume, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return "", fmt.Errorf("subPath %q: %v", sub, err)
	}
	defer unix.Close(root)
	fd, err := sandbox.OpenDir(root, sub, unix.RESOLVE_BENEATH|unix.RESOLVE_NO_SYMLINKS)
	if err != nil {
		return "", fmt.Errorf("subPath %q: %v", sub, err)
	}
	unix.Close(fd)
	return filepath.Join(volume, filepath.Clean(sub)), nil
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

// execEnv is the environment kwok starts lab-sandbox with for a container:
// every exec goes through it, sandboxed or refused, never straight to the host.
func (a *agent) execEnv(dir string, pod *corev1.Pod, container string) []map[string]string {
	return []map[string]string{
		{"name": "LAB_SANDBOX", "value": sandbox.File(dir, container)},
		{"name": "LAB_SANDBOX_ENTER", "value": a.sandboxBin},
		{"name": "POD_NAME", "value": pod.Name},
		{"name": "POD_NAMESPACE", "value": pod.Namespace},
	}
}
