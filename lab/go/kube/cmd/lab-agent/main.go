// Command lab-agent gives the lab's simulated pods what kwok alone does not:
// a log that keeps growing while the pod runs and an exec target of its own.
//
// kwok serves `kubectl logs` and `kubectl exec` from Logs and Exec objects
// (kwok.x-k8s.io/v1alpha1) that name one pod each. This agent watches pods and,
// for every incarnation (pod UID) that kwok reports running, writes a
// CRI-format log file whose lines name the pod and points a Logs object at it;
// it also describes, for each container, the sandbox an exec into it runs in
// (see sandbox.go and lab/go/kube/cmd/lab-sandbox), and keeps each
// namespace's hosts file for those sandboxes (dns.go).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
)

var (
	logsGVR = schema.GroupVersionResource{Group: "kwok.x-k8s.io", Version: "v1alpha1", Resource: "logs"}
	execGVR = schema.GroupVersionResource{Group: "kwok.x-k8s.io", Version: "v1alpha1", Resource: "execs"}
)

// Namespaces whose pods are not the lab's workloads.
var systemNamespaces = map[string]bool{"kube-system": true, "kube-public": true, "kube-node-lease": true}

const (
	logStyleAnnotation = "lab.stsdash.dev/log-style"
	// A file inside the pod (in one of its volumes) its workload appends
	// its lines to as well, as seed 003's billing app does (/var/log/app.log).
	logFileAnnotation = "lab.stsdash.dev/log-file"
)

type agent struct {
	dyn      dynamic.Interface
	client   kubernetes.Interface
	claims   corelisters.PersistentVolumeClaimLister
	volumes  corelisters.PersistentVolumeLister
	dns      *dnsTable
	stateDir string
	interval time.Duration
	execUID  int64
	// lab-sandbox, next to this program: every exec goes through it.
	sandboxBin string
	// The only host directories a hostPath or local volume may be in (beneath).
	volumeRoot string
	// Why no exec can be sandboxed (the agent is not root), when so.
	refuseAll string

	mu      sync.Mutex
	writers map[types.UID]context.CancelFunc
}

func main() {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the lab")
	stateDir := flag.String("state-dir", "", "directory for pod logs and sandboxes")
	// lab/up passes it; a sandbox has the pod's hostname of its own.
	_ = flag.String("shim-dir", "", "unused")
	interval := flag.Duration("interval", time.Second, "time between two log lines of a pod")
	execUID := flag.Int64("exec-uid", 65534, "user that exec'd shells run as (when the agent runs as root)")
	// kube-controller-manager's host-path provisioner makes every volume
	// under /tmp/hostpath_pv (its base is fixed); static lab volumes go there too.
	volumeRoot := flag.String("volume-root", "/tmp/hostpath_pv", "the only host directory hostPath and local volumes may be in")
	flag.Parse()
	if *kubeconfig == "" || *stateDir == "" {
		log.Fatal("lab-agent: --kubeconfig and --state-dir are required")
	}
	// Paths written for lab-sandbox have no symlink: it follows none.
	if err := os.MkdirAll(*stateDir, 0o755); err != nil {
		log.Fatalf("lab-agent: %v", err)
	}
	state, err := filepath.EvalSymlinks(*stateDir)
	if err != nil {
		log.Fatalf("lab-agent: %v", err)
	}
	if state, err = filepath.Abs(state); err != nil {
		log.Fatalf("lab-agent: %v", err)
	}
	rootParent, err := filepath.EvalSymlinks(filepath.Dir(filepath.Clean(*volumeRoot)))
	if err != nil || !filepath.IsAbs(*volumeRoot) {
		log.Fatalf("lab-agent: --volume-root %s: an absolute path in an existing directory is needed", *volumeRoot)
	}
	self, err := os.Executable()
	if err != nil {
		log.Fatalf("lab-agent: %v", err)
	}
	sandboxBin := filepath.Join(filepath.Dir(self), "lab-sandbox")
	if !isExecutable(sandboxBin) {
		log.Fatalf("lab-agent: %s is missing: without it no exec can be sandboxed", sandboxBin)
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		log.Fatalf("lab-agent: %v", err)
	}
	cfg.QPS, cfg.Burst = 200, 400
	client := kubernetes.NewForConfigOrDie(cfg)
	factory := informers.NewSharedInformerFactory(client, 0)
	services := factory.Core().V1().Services()
	slices := factory.Discovery().V1().EndpointSlices()
	a := &agent{
		dyn:        dynamic.NewForConfigOrDie(cfg),
		client:     client,
		claims:     factory.Core().V1().PersistentVolumeClaims().Lister(),
		volumes:    factory.Core().V1().PersistentVolumes().Lister(),
		dns:        newDNSTable(filepath.Join(state, "dns"), services.Lister(), slices.Lister()),
		stateDir:   state,
		interval:   *interval,
		execUID:    *execUID,
		sandboxBin: sandboxBin,
		volumeRoot: filepath.Join(rootParent, filepath.Base(*volumeRoot)),
		writers:    map[types.UID]context.CancelFunc{},
	}
	if os.Geteuid() != 0 {
		// Never the old way out, a shell on this machine as the operator.
		a.execUID = -1
		a.refuseAll = fmt.Sprintf("the lab agent runs as uid %d, not root, so it cannot sandbox an exec "+
			"(namespaces and idmapped mounts need root); start the lab as root to exec into its pods", os.Geteuid())
		log.Printf("lab-agent: %s", a.refuseAll)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	namespaceChanged := func(obj any) {
		if tomb, ok := obj.(cache.DeletedFinalStateUnknown); ok {
			obj = tomb.Obj
		}
		if o, ok := obj.(metav1.Object); ok {
			a.dns.changed(o.GetNamespace())
		}
	}
	for _, informer := range []cache.SharedIndexInformer{services.Informer(), slices.Informer()} {
		_, _ = informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
			AddFunc:    namespaceChanged,
			UpdateFunc: func(_, obj any) { namespaceChanged(obj) },
			DeleteFunc: namespaceChanged,
		})
	}
	go a.dns.run(ctx.Done())
	pods := factory.Core().V1().Pods().Informer()
	_, _ = pods.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { a.observe(ctx, obj.(*corev1.Pod)) },
		UpdateFunc: func(_, obj any) { a.observe(ctx, obj.(*corev1.Pod)) },
		DeleteFunc: func(obj any) {
			if tomb, ok := obj.(cache.DeletedFinalStateUnknown); ok {
				obj = tomb.Obj
			}
			if pod, ok := obj.(*corev1.Pod); ok {
				a.stopWriter(pod.UID)
			}
		},
	})
	factory.Start(ctx.Done())
	factory.WaitForCacheSync(ctx.Done())
	log.Printf("lab-agent: watching pods, state in %s", a.stateDir)
	<-ctx.Done()
}

// observe reacts to one pod state: start its log once running, mark its end
// once deletion is requested.
func (a *agent) observe(ctx context.Context, pod *corev1.Pod) {
	if systemNamespaces[pod.Namespace] || pod.Spec.NodeName == "" {
		return
	}
	if pod.DeletionTimestamp != nil {
		a.stopWriter(pod.UID)
		return
	}
	if !containersRunning(pod) {
		return
	}
	a.mu.Lock()
	_, running := a.writers[pod.UID]
	a.mu.Unlock()
	if running {
		return
	}
	dir := filepath.Join(a.stateDir, "pods", pod.Namespace, pod.Name, string(pod.UID))
	volumes, err := a.prepareSandbox(ctx, dir, pod)
	if err != nil {
		log.Printf("lab-agent: %s/%s: sandbox: %v", pod.Namespace, pod.Name, err)
		return
	}
	// The workload also writes its lines where the pod's app would, in its volume.
	appDir, appLog := "", ""
	if path := pod.Annotations[logFileAnnotation]; path != "" {
		appDir, appLog = inVolume(pod, volumes, path)
	}
	if err := a.applyTargets(ctx, dir, pod); err != nil {
		log.Printf("lab-agent: %s/%s: %v", pod.Namespace, pod.Name, err)
		return
	}
	wctx, cancel := context.WithCancel(ctx)
	a.mu.Lock()
	a.writers[pod.UID] = cancel
	a.mu.Unlock()
	go a.writeLogs(wctx, dir, appDir, appLog, pod)
}

func (a *agent) stopWriter(uid types.UID) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if cancel, ok := a.writers[uid]; ok {
		cancel()
		delete(a.writers, uid)
	}
}

func isExecutable(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0
}

func containersRunning(pod *corev1.Pod) bool {
	if pod.Status.Phase != corev1.PodRunning || len(pod.Status.ContainerStatuses) == 0 {
		return false
	}
	for _, cs := range pod.Status.ContainerStatuses {
		if cs.State.Running == nil {
			return false
		}
	}
	return true
}

// applyTargets points kwok's Logs and Exec objects for this pod at this incarnation.
func (a *agent) applyTargets(ctx context.Context, dir string, pod *corev1.Pod) error {
	var logs []map[string]any
	for _, c := range pod.Spec.Containers {
		logs = append(logs, map[string]any{
			"containers": []string{c.Name},
			"logsFile":   filepath.Join(dir, c.Name+".log"),
			"follow":     true,
		})
	}
	var execs []map[string]any
	for _, c := range pod.Spec.Containers {
		local := map[string]any{
			"workDir": filepath.Join(dir, "home"),
			"envs":    a.execEnv(dir, pod, c.Name),
		}
		execs = append(execs, map[string]any{"containers": []string{c.Name}, "local": local})
	}
	objects := []struct {
		gvr  schema.GroupVersionResource
		kind string
		spec map[string]any
	}{
		{logsGVR, "Logs", map[string]any{"logs": logs}},
		{execGVR, "Exec", map[string]any{"execs": execs}},
	}
	for _, o := range objects {
		body, err := json.Marshal(map[string]any{
			"apiVersion": "kwok.x-k8s.io/v1alpha1",
			"kind":       o.kind,
			"metadata":   map[string]any{"name": pod.Name, "namespace": pod.Namespace},
			"spec":       o.spec,
		})
		if err != nil {
			return err
		}
		force := true
		_, err = a.dyn.Resource(o.gvr).Namespace(pod.Namespace).Patch(ctx, pod.Name, types.ApplyPatchType, body,
			metav1.PatchOptions{FieldManager: "lab-agent", Force: &force})
		if err != nil {
			return fmt.Errorf("apply %s: %w", o.kind, err)
		}
	}
	return nil
}

// writeLogs appends one line per container every interval until the pod
// incarnation ends, then a last line like a process that got SIGTERM. The
// flood style writes 10,000 lines a second instead, the wide style 1,000
// lines of about 1 KiB. Each line also goes to
// appLog (a file in the volume directory appDir), when there is one.
func (a *agent) writeLogs(ctx context.Context, dir, appDir, appLog string, pod *corev1.Pod) {
	var app *bufio.Writer
	if appLog != "" {
		f, err := openInVolume(appDir, appLog)
		if err != nil {
			log.Printf("lab-agent: %s/%s: %v", pod.Namespace, pod.Name, err)
		} else {
			defer f.Close()
			app = bufio.NewWriter(f)
			defer app.Flush()
		}
	}
	files := map[string]*bufio.Writer{}
	for _, c := range pod.Spec.Containers {
		f, err := os.OpenFile(filepath.Join(dir, c.Name+".log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			log.Printf("lab-agent: %s/%s: %v", pod.Namespace, pod.Name, err)
			return
		}
		defer f.Close()
		w := bufio.NewWriterSize(f, 1<<16)
		defer w.Flush()
		files[c.Name] = w
	}
	style := pod.Annotations[logStyleAnnotation]
	write := func(msg string) {
		now := time.Now().UTC().Format(time.RFC3339Nano)
		for name, w := range files {
			line := msg
			if len(files) > 1 {
				line = "[" + name + "] " + msg
			}
			writeCRI(w, now, line)
		}
		if app != nil {
			app.WriteString(msg + "\n")
		}
	}
	flush := func() {
		for _, w := range files {
			w.Flush()
		}
		if app != nil {
			app.Flush()
		}
	}
	write(fmt.Sprintf("host %s started: uid %s, node %s, ip %s", pod.Name, shortUID(pod.UID), pod.Spec.NodeName, pod.Status.PodIP))
	flush()
	interval, perTick := a.interval, 1
	switch style {
	case "flood":
		interval, perTick = 10*time.Millisecond, 100
	case "wide":
		interval, perTick = 10*time.Millisecond, 10
	}
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for n := 1; ; {
		select {
		case <-ctx.Done():
			write(fmt.Sprintf("host %s received SIGTERM, shutting down", pod.Name))
			return
		case now := <-ticker.C:
			for i := 0; i < perTick; i, n = i+1, n+1 {
				write(logLine(style, pod.Name, n, now))
			}
			flush()
		}
	}
}

// writeCRI writes one log line in the CRI format a kubelet writes (and kwok
// reads): a line longer than 16 KiB goes in partial (P) records, as a
// kubelet splits it.
func writeCRI(w *bufio.Writer, now, line string) {
	const partial = 16 * 1024
	for len(line) > partial {
		fmt.Fprintf(w, "%s stdout P %s\n", now, line[:partial])
		line = line[partial:]
	}
	fmt.Fprintf(w, "%s stdout F %s\n", now, line)
}

// Lines a hostile program writes: what a log pane must show as text and
// survive. The escape sequences would clear the screen, set the clipboard
// (OSC 52), make a link (OSC 8) or talk to the terminal (DCS) if printed raw.
var hostileLines = []string{
	"invalid utf-8 \xff\xfe here",
	"\x1b[2J\x1b[31mred on a cleared screen\x1b[0m",
	"\x1b]52;c;c3RzZGFzaA==\x07clipboard set by osc 52",
	"\x1b]8;;http://example.invalid/\x1b\\a link by osc 8\x1b]8;;\x1b\\",
	"\x1bP1$r0m\x1b\\a device control string",
	"\x1b]2;pwned\x07a window title by osc 2",
	"bells\x07\x07\x07",
	"progress 10%\rprogress 50%\rprogress 100%",
	"col1\tcol2\tcol3",
}

// logLine is one line of the simulated workload. The billing style follows
// the billing app of the StatefulSet homework: "host <pod>, client N, amount M".
func logLine(style, podName string, n int, now time.Time) string {
	switch style {
	case "billing":
		return fmt.Sprintf("%s: host %s, client %d, amount %d", now.UTC().Format("2006-01-02 15:04:05"), podName, n%7+1, (n%9+1)*100)
	case "hostile":
		if n == 10 {
			// One line of 10 MiB, then the program goes on.
			return "a 10 MiB line: " + strings.Repeat("x", 10<<20)
		}
		return fmt.Sprintf("host %s, line %d: %s", podName, n, hostileLines[n%len(hostileLines)])
	case "flood":
		return fmt.Sprintf("host %s, flood line %d", podName, n)
	case "wide":
		// 1,000 lines a second of about 1 KiB: a log pane's 1 MiB bound
		// binds before its 2,000 lines.
		return fmt.Sprintf("host %s, wide line %d: %s", podName, n, strings.Repeat("w", 1000))
	default:
		return fmt.Sprintf("host %s, request %d, GET /%s 200", podName, n, strings.Repeat("index.html", n%2))
	}
}

func shortUID(uid types.UID) string {
	s := string(uid)
	if len(s) > 8 {
		return s[:8]
	}
	return s
}
