// Command lab-sandbox runs a command exec'd into a lab pod inside a sandbox of
// that pod, so a shell in it looks like one in the pod's container: Linux
// mount, UTS and PID namespaces; the hostname is the pod's name; each of the
// container's volumeMounts is at its mountPath, backed by the directory of
// the volume bound to it (so data outlives the pod and follows the ordinal);
// a private /tmp; /etc/hosts that the lab agent keeps current from the
// namespace's EndpointSlices; the container's env; and, with a TTY, a
// controlling terminal (job control).
//
// kwok (patched by lab/build, see lab/go/kwok/exec-in-sandbox.go.txt) runs
// `lab-sandbox -- CMD...` as root for every exec into a lab pod, with
// LAB_SANDBOX set to the sandbox description the agent wrote
// (sandbox-CONTAINER.json). The root file system is the host's under a
// copy-on-write overlay (what is written outside the volumes and /tmp is
// gone with the exec); the lab's own state is hidden; the command runs as
// an unprivileged user, which owns through an idmapped mount what root owns
// in the volumes. An exec that cannot be sandboxed so (not root, no
// namespaces, a volume from outside the lab's roots) is refused with a
// message on its stderr and status 126: nothing runs unsandboxed.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"

	"stsdash.lab/kube/internal/sandbox"
)

const (
	stageEnv = "LAB_SANDBOX_STAGE"
	// The directory the second stage builds the root in, made (and removed) by the first.
	baseEnv = "LAB_SANDBOX_BASE"
	// The fd of the user namespace the volumes are idmapped with, made by the first stage.
	usernsEnv = "LAB_SANDBOX_USERNS"
)

func main() {
	if os.Getenv(stageEnv) == "hold" {
		// Holds a user namespace open until the sandbox has its fd (idmapUserns).
		_, _ = os.Stdin.Read(make([]byte, 1))
		return
	}
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fail(errors.New("usage: lab-sandbox -- COMMAND [ARG...]"))
	}
	sb, err := load(os.Getenv("LAB_SANDBOX"))
	if err != nil {
		fail(err)
	}
	if os.Getenv(stageEnv) == "" {
		if sb.Refused != "" {
			refuse(sb.Refused)
		}
		if uid := os.Geteuid(); uid != 0 {
			refuse(fmt.Sprintf("lab-sandbox runs as uid %d, not root, so it cannot sandbox an exec "+
				"(namespaces and idmapped mounts need root); start the lab as root to exec into its pods", uid))
		}
		code := enter(sb, args)
		os.Exit(code)
	}
	os.Exit(initInside(sb, args))
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "lab-sandbox: %v\n", err)
	os.Exit(126)
}

// refuse ends an exec that cannot be sandboxed, before anything runs.
func refuse(why string) {
	fmt.Fprintf(os.Stderr, "lab-sandbox: exec refused: %s\n", why)
	os.Exit(126)
}

func load(path string) (*sandbox.Sandbox, error) {
	if path == "" {
		return nil, errors.New("LAB_SANDBOX is not set: not an exec into a lab pod")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("the pod's sandbox is not ready yet: %w", err)
	}
	var sb sandbox.Sandbox
	if err := json.Unmarshal(data, &sb); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &sb, nil
}

// enter starts this program again in new mount, UTS and PID namespaces and
// waits for it: that second stage is the sandbox's PID 1. It dies with us
// (kwok kills us when the exec ends), and all of the sandbox with it.
func enter(sb *sandbox.Sandbox, args []string) int {
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	base, err := os.MkdirTemp("", "lab-sandbox-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(base)
	cmd := exec.Command(self, append([]string{"--"}, args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), stageEnv+"=2", baseEnv+"="+base)
	if len(sb.Mounts) > 0 {
		// Made here, where /proc is this PID namespace's (os/exec writes the maps there).
		userns, err := idmapUserns(sb.UID)
		if err != nil {
			os.RemoveAll(base)
			refuse(fmt.Sprintf("cannot map the volumes' owner to the sandbox's user (a user namespace): %v", err))
		}
		cmd.ExtraFiles = []*os.File{os.NewFile(uintptr(userns), "userns")}
		cmd.Env = append(cmd.Env, usernsEnv+"=3")
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags: syscall.CLONE_NEWNS | syscall.CLONE_NEWUTS | syscall.CLONE_NEWPID,
		Pdeathsig:  syscall.SIGKILL,
	}
	signal.Ignore(syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTSTP)
	// Pdeathsig follows the thread that started the child: keep to one.
	runtime.LockOSThread()
	if err := cmd.Start(); err != nil {
		os.RemoveAll(base)
		refuse(fmt.Sprintf("cannot make the sandbox's namespaces: %v", err))
	}
	return wait(cmd)
}

// run starts a command and returns its exit status as a shell would.
func run(cmd *exec.Cmd) int {
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "lab-sandbox: %v\n", err)
		return 127
	}
	return wait(cmd)
}

// wait waits for a started command and returns its exit status as a shell would.
func wait(cmd *exec.Cmd) int {
	err := cmd.Wait()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		if status, ok := exit.Sys().(syscall.WaitStatus); ok && status.Signaled() {
			return 128 + int(status.Signal())
		}
		return exit.ExitCode()
	default:
		fmt.Fprintf(os.Stderr, "lab-sandbox: %v\n", err)
		return 126
	}
}

// initInside builds the pod's file system view, sets its hostname and runs
// the command in it as the unprivileged user.
func initInside(sb *sandbox.Sandbox, args []string) int {
	if err := syscall.Sethostname([]byte(sb.Hostname)); err != nil {
		refuse(fmt.Sprintf("hostname: %v", err))
	}
	if err := buildRoot(sb); err != nil {
		refuse(fmt.Sprintf("cannot build the sandbox: %v", err))
	}
	dir := sb.WorkingDir
	if dir == "" {
		dir = "/"
	}
	// The command is looked up in the pod's PATH, inside the new root.
	for _, kv := range sb.Env {
		if value, ok := strings.CutPrefix(kv, "PATH="); ok {
			os.Setenv("PATH", value)
		}
	}
	cmd := exec.Command(args[0], args[1:]...)
	if cmd.Err != nil {
		fmt.Fprintf(os.Stderr, "lab-sandbox: %s: command not found\n", args[0])
		return 127
	}
	cmd.Dir = dir
	cmd.Env = sb.Env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	attr := &syscall.SysProcAttr{
		Credential: &syscall.Credential{Uid: uint32(sb.UID), Gid: uint32(sb.UID)},
		Setsid:     true,
	}
	// A terminal becomes the command's controlling terminal: job control works.
	if isTerminal(os.Stdin) {
		attr.Setctty, attr.Ctty = true, 0
	}
	cmd.SysProcAttr = attr
	// As PID 1, signals not handled are ignored; the command gets them from its terminal.
	return run(cmd)
}

// idmapUserns opens a user namespace in which root is the sandbox's user:
// a volume mounted with it shows that user as the owner of what root owns
// there (a provisioner's directory is root's, 0750), and what the user
// writes there is root's on the host. No host directory's mode or owner is
// changed for it.
func idmapUserns(uid int64) (int, error) {
	self, err := os.Executable()
	if err != nil {
		return -1, err
	}
	cmd := exec.Command(self)
	cmd.Env = []string{stageEnv + "=hold"}
	hold, err := cmd.StdinPipe()
	if err != nil {
		return -1, err
	}
	ids := []syscall.SysProcIDMap{{ContainerID: 0, HostID: int(uid), Size: 1}}
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUSER, UidMappings: ids, GidMappings: ids}
	if err := cmd.Start(); err != nil {
		return -1, err
	}
	defer func() {
		hold.Close()
		_ = cmd.Wait()
	}()
	return unix.Open(fmt.Sprintf("/proc/%d/ns/user", cmd.Process.Pid), unix.O_RDONLY|unix.O_CLOEXEC, 0)
}

// mountVolume mounts a volume's host directory, idmapped, nosuid and
// nodev, at its mount path in the new root. The directory must be beneath
// one of the sandbox's roots and is opened through no symlink (one made in
// a volume since the agent checked it cannot lead elsewhere); the mount
// path is made and resolved inside the new root, never on the host.
func mountVolume(sb *sandbox.Sandbox, m sandbox.Mount, rootFD, userns int) error {
	inRoots := false
	for _, r := range sb.Roots {
		inRoots = inRoots || sandbox.Beneath(r, m.HostPath)
	}
	if !inRoots {
		return fmt.Errorf("%s is outside the lab's volume roots %v", m.HostPath, sb.Roots)
	}
	src, err := unix.Openat2(unix.AT_FDCWD, m.HostPath, &unix.OpenHow{
		Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_NO_SYMLINKS,
	})
	if err != nil {
		return fmt.Errorf("%s: %w", m.HostPath, err)
	}
	defer unix.Close(src)
	tree, err := unix.OpenTree(src, "", unix.OPEN_TREE_CLONE|unix.OPEN_TREE_CLOEXEC|unix.AT_EMPTY_PATH)
	if err != nil {
		return fmt.Errorf("open_tree %s: %w", m.HostPath, err)
	}
	defer unix.Close(tree)
	attr := unix.MountAttr{
		Attr_set:  unix.MOUNT_ATTR_IDMAP | unix.MOUNT_ATTR_NOSUID | unix.MOUNT_ATTR_NODEV,
		Userns_fd: uint64(userns),
	}
	if m.ReadOnly {
		attr.Attr_set |= unix.MOUNT_ATTR_RDONLY
	}
	if err := unix.MountSetattr(tree, "", unix.AT_EMPTY_PATH, &attr); err != nil {
		return fmt.Errorf("idmapped mount of %s: %w", m.HostPath, err)
	}
	target, err := sandbox.OpenDir(rootFD, m.MountPath, unix.RESOLVE_IN_ROOT)
	if err != nil {
		return err
	}
	defer unix.Close(target)
	return unix.MoveMount(tree, "", target, "", unix.MOVE_MOUNT_F_EMPTY_PATH|unix.MOVE_MOUNT_T_EMPTY_PATH)
}

func isTerminal(f *os.File) bool {
	var termios syscall.Termios
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), syscall.TCGETS, uintptr(unsafe.Pointer(&termios)))
	return errno == 0
}

// buildRoot makes the sandbox's root and moves into it: the host's root
// under an overlay (writes go to memory), then the pod's volumes, /tmp,
// /proc, /dev, the hosts file and resolv.conf, then pivot_root.
func buildRoot(sb *sandbox.Sandbox) error {
	// Nothing mounted here leaks back to the host.
	if err := syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("make / private: %w", err)
	}
	base := os.Getenv(baseEnv)
	if base == "" {
		return errors.New(baseEnv + " is not set")
	}
	if err := syscall.Mount("tmpfs", base, "tmpfs", 0, "mode=0755,size=256m"); err != nil {
		return fmt.Errorf("tmpfs: %w", err)
	}
	upper, work, root := filepath.Join(base, "upper"), filepath.Join(base, "work"), filepath.Join(base, "root")
	for _, d := range []string{upper, work, root} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return err
		}
	}
	opts := fmt.Sprintf("lowerdir=/,upperdir=%s,workdir=%s", upper, work)
	if err := syscall.Mount("overlay", root, "overlay", 0, opts); err != nil {
		return fmt.Errorf("overlay: %w", err)
	}
	in := func(p string) string { return filepath.Join(root, p) }
	for _, hidden := range sb.Hidden {
		if err := os.MkdirAll(in(hidden), 0o755); err != nil {
			return err
		}
		if err := syscall.Mount("tmpfs", in(hidden), "tmpfs", 0, "mode=0755,size=1m"); err != nil {
			return fmt.Errorf("hide %s: %w", hidden, err)
		}
	}
	if err := syscall.Mount("tmpfs", in("/tmp"), "tmpfs", 0, "mode=1777,size=256m"); err != nil {
		return fmt.Errorf("/tmp: %w", err)
	}
	if err := syscall.Mount("proc", in("/proc"), "proc", 0, ""); err != nil {
		return fmt.Errorf("/proc: %w", err)
	}
	if err := syscall.Mount("/dev", in("/dev"), "", syscall.MS_BIND|syscall.MS_REC, ""); err != nil {
		return fmt.Errorf("/dev: %w", err)
	}
	if len(sb.Mounts) > 0 {
		userns, err := strconv.Atoi(os.Getenv(usernsEnv))
		if err != nil {
			return errors.New(usernsEnv + " is not set")
		}
		// Not left open for the command.
		defer unix.Close(userns)
		rootFD, err := unix.Open(root, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			return err
		}
		defer unix.Close(rootFD)
		for _, m := range sb.Mounts {
			if err := mountVolume(sb, m, rootFD, userns); err != nil {
				return fmt.Errorf("volume at %s: %w", m.MountPath, err)
			}
		}
	}
	// Names: the namespace's hosts file (replaced whole by the agent, so the
	// directory is bound, not the file), a search list, the pod's hostname.
	dns := in("/run/lab-dns")
	if err := os.MkdirAll(dns, 0o755); err != nil {
		return err
	}
	if err := syscall.Mount(sb.DNSDir, dns, "", syscall.MS_BIND, ""); err != nil {
		return fmt.Errorf("hosts: %w", err)
	}
	_ = os.Remove(in("/etc/hosts"))
	if err := os.Symlink("/run/lab-dns/hosts", in("/etc/hosts")); err != nil {
		return err
	}
	resolv := "# lab: names come from /etc/hosts (the namespace's Services and pods)\n"
	resolv += "search"
	for _, s := range sb.Search {
		resolv += " " + s
	}
	resolv += "\nnameserver 127.0.0.1\noptions ndots:5 timeout:1 attempts:1\n"
	_ = os.Remove(in("/etc/resolv.conf"))
	if err := os.WriteFile(in("/etc/resolv.conf"), []byte(resolv), 0o644); err != nil {
		return err
	}
	_ = os.Remove(in("/etc/hostname"))
	if err := os.WriteFile(in("/etc/hostname"), []byte(sb.Hostname+"\n"), 0o644); err != nil {
		return err
	}
	// Into the new root; the old one is let go.
	old := in("/.old-root")
	if err := os.MkdirAll(old, 0o700); err != nil {
		return err
	}
	if err := syscall.PivotRoot(root, old); err != nil {
		return fmt.Errorf("pivot_root: %w", err)
	}
	if err := os.Chdir("/"); err != nil {
		return err
	}
	if err := syscall.Unmount("/.old-root", syscall.MNT_DETACH); err != nil {
		return fmt.Errorf("detach the host's root: %w", err)
	}
	return os.Remove("/.old-root")
}
