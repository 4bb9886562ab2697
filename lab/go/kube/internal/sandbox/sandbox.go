// Package sandbox is what the lab agent writes and lab-sandbox reads: how
// an exec into one container of one pod incarnation is to look.
package sandbox

import (
	"errors"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// Sandbox describes one container's sandbox (sandbox-CONTAINER.json).
type Sandbox struct {
	Hostname   string   `json:"hostname"`
	WorkingDir string   `json:"workingDir,omitempty"`
	Env        []string `json:"env,omitempty"`
	Mounts     []Mount  `json:"mounts,omitempty"`
	// DNSDir holds the namespace's hosts file, kept current by the agent.
	DNSDir string `json:"dnsDir"`
	// Search is the resolv.conf search list (NS.svc.cluster.local ...).
	Search []string `json:"search"`
	// Hidden are host directories the sandbox must not see (the lab's state).
	Hidden []string `json:"hidden,omitempty"`
	// UID is the user the command runs as.
	UID int64 `json:"uid"`
	// Roots are the only host directories a mount may come from (beneath
	// them): the lab's volume root and the incarnation's own directory.
	Roots []string `json:"roots,omitempty"`
	// Refused, when set, says why this exec cannot be sandboxed: it is
	// refused with that message, nothing is run.
	Refused string `json:"refused,omitempty"`
}

// Mount is one volumeMount: the host directory of its volume at its mountPath.
type Mount struct {
	HostPath  string `json:"hostPath"`
	MountPath string `json:"mountPath"`
	ReadOnly  bool   `json:"readOnly,omitempty"`
}

// File is where a container's sandbox description is, in its incarnation's directory.
func File(dir, container string) string {
	return filepath.Join(dir, "sandbox-"+container+".json")
}

// Beneath says whether path is strictly inside dir, lexically: both are
// absolute, and path has no ".." element.
func Beneath(dir, path string) bool {
	if !filepath.IsAbs(dir) || !filepath.IsAbs(path) || HasDotDot(path) {
		return false
	}
	rel, err := filepath.Rel(filepath.Clean(dir), filepath.Clean(path))
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, "../")
}

// HasDotDot says whether a path has a ".." element.
func HasDotDot(path string) bool {
	for _, e := range strings.Split(path, "/") {
		if e == ".." {
			return true
		}
	}
	return false
}

// OpenDir opens (O_PATH) the directory rel under the directory open at
// root, making each missing component with mode 0755, and resolving each
// step with resolve (unix.RESOLVE_*): with RESOLVE_BENEATH or
// RESOLVE_IN_ROOT no symlink, not even one swapped in meanwhile, leads out
// of root. Each prefix is opened from root, so a symlink met is resolved as
// the flags say, never against the directory reached so far.
func OpenDir(root int, rel string, resolve uint64) (int, error) {
	rel = strings.Trim(filepath.Clean("/"+rel), "/")
	if rel == "" {
		return unix.Openat2(root, ".", &unix.OpenHow{Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: resolve})
	}
	if HasDotDot(rel) {
		return -1, errors.New("a path with '..'")
	}
	parts := strings.Split(rel, "/")
	open := func(p string) (int, error) {
		return unix.Openat2(root, p, &unix.OpenHow{Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: resolve})
	}
	for i := range parts {
		prefix := strings.Join(parts[:i+1], "/")
		fd, err := open(prefix)
		if errors.Is(err, unix.ENOENT) {
			parent, perr := open(filepath.Dir(prefix))
			if perr != nil {
				return -1, perr
			}
			err = unix.Mkdirat(parent, parts[i], 0o755)
			unix.Close(parent)
			if err != nil && !errors.Is(err, unix.EEXIST) {
				return -1, err
			}
			fd, err = open(prefix)
		}
		if err != nil {
			return -1, err
		}
		if i == len(parts)-1 {
			return fd, nil
		}
		unix.Close(fd)
	}
	return -1, errors.New("unreachable")
}
