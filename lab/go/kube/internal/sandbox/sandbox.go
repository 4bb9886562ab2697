// Package sandbox is what the lab agent writes and lab-sandbox reads: how
// an exec into one container of one pod incarnation is to look.
package sandbox

import "path/filepath"

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
