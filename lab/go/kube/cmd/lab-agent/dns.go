package main

// Stable names inside the exec sandboxes: for each namespace that has one, a
// hosts file made from its Services and EndpointSlices as a cluster's DNS
// would answer (only ready endpoints; a not-ready pod's name does not
// resolve; publishNotReadyAddresses makes the controller mark them ready),
// rewritten whole whenever they change.

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	"k8s.io/apimachinery/pkg/labels"
	corelisters "k8s.io/client-go/listers/core/v1"
	discoverylisters "k8s.io/client-go/listers/discovery/v1"
)

type dnsTable struct {
	root     string
	services corelisters.ServiceLister
	slices   discoverylisters.EndpointSliceLister

	mu    sync.Mutex
	dirty map[string]bool
	known map[string]bool
}

func newDNSTable(root string, services corelisters.ServiceLister, slices discoverylisters.EndpointSliceLister) *dnsTable {
	return &dnsTable{root: root, services: services, slices: slices, dirty: map[string]bool{}, known: map[string]bool{}}
}

// dir is the directory of a namespace's hosts file, written now if it is new.
func (d *dnsTable) dir(ns string) (string, error) {
	dir := filepath.Join(d.root, ns)
	d.mu.Lock()
	known := d.known[ns]
	d.known[ns] = true
	d.mu.Unlock()
	if known {
		return dir, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, d.write(ns)
}

// changed marks a namespace's names to be written again.
func (d *dnsTable) changed(ns string) {
	d.mu.Lock()
	if d.known[ns] {
		d.dirty[ns] = true
	}
	d.mu.Unlock()
}

// run writes the changed namespaces' hosts files, at most every 100 ms.
func (d *dnsTable) run(done <-chan struct{}) {
	ticker := time.NewTicker(100 * time.Millisecond)
	defer ticker.Stop()
	for {
		select {
		case <-done:
			return
		case <-ticker.C:
			d.mu.Lock()
			dirty := d.dirty
			d.dirty = map[string]bool{}
			d.mu.Unlock()
			for ns := range dirty {
				if err := d.write(ns); err != nil {
					log.Printf("lab-agent: names of %s: %v", ns, err)
				}
			}
		}
	}
}

func (d *dnsTable) write(ns string) error {
	body, err := d.render(ns)
	if err != nil {
		return err
	}
	return writeAtomically(filepath.Join(d.root, ns, "hosts"), []byte(body))
}

// names are the forms a name takes from inside the namespace: the cluster
// domain's full name and each shorter one the search list completes.
func names(name, ns string) []string {
	full := name + "." + ns + ".svc"
	return []string{full + "." + clusterDomain, full, name + "." + ns, name}
}

// render is the namespace's hosts file: each ready endpoint of a Service
// under its hostname (a StatefulSet pod: web-0.nginx) and, for a headless
// Service, under the Service's name; a Service with a cluster IP under its
// name at that IP.
func (d *dnsTable) render(ns string) (string, error) {
	hosts := map[string][]string{}
	add := func(ip string, n []string) { hosts[ip] = append(hosts[ip], n...) }
	services, err := d.services.Services(ns).List(labels.Everything())
	if err != nil {
		return "", err
	}
	headless := map[string]bool{}
	for _, s := range services {
		switch {
		case s.Spec.ClusterIP == corev1.ClusterIPNone:
			headless[s.Name] = true
		case s.Spec.ClusterIP != "":
			add(s.Spec.ClusterIP, names(s.Name, ns))
		}
	}
	slices, err := d.slices.EndpointSlices(ns).List(labels.Everything())
	if err != nil {
		return "", err
	}
	sort.Slice(slices, func(i, j int) bool { return slices[i].Name < slices[j].Name })
	for _, slice := range slices {
		service := slice.Labels[discoveryv1.LabelServiceName]
		if service == "" {
			continue
		}
		for _, ep := range slice.Endpoints {
			// Unset means ready (the API's rule).
			if ep.Conditions.Ready != nil && !*ep.Conditions.Ready {
				continue
			}
			for _, ip := range ep.Addresses {
				if ep.Hostname != nil {
					add(ip, names(*ep.Hostname+"."+service, ns))
				}
				if headless[service] {
					add(ip, names(service, ns))
				}
			}
		}
	}
	ips := make([]string, 0, len(hosts))
	for ip := range hosts {
		ips = append(ips, ip)
	}
	sort.Strings(ips)
	var b strings.Builder
	fmt.Fprintf(&b, "# namespace %s: its Services' ready endpoints (lab agent)\n", ns)
	b.WriteString("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
	for _, ip := range ips {
		fmt.Fprintf(&b, "%s\t%s\n", ip, strings.Join(hosts[ip], " "))
	}
	return b.String(), nil
}
