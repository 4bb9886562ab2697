# `stsdash doctor` (src/app/doctor.rs): what a teacher pastes when something
# does not work. Labels: the values start in one column after the widest.
doctor-config = config:
doctor-cluster = cluster:
doctor-kubeconfig = kubeconfig:
doctor-context = context:
doctor-server = server:
doctor-proxy = proxy:
doctor-namespace = namespace:
doctor-version = version:
doctor-mode = mode:
# $path: where the config file would be.
doctor-config-none = { $path } (none: defaults)
doctor-config-no-home = none ($HOME unset)
doctor-in-cluster = none (in-cluster service account)
doctor-read-only = read-only (--read-only or read_only = true): stsdash changes nothing
doctor-read-write = read-write
# Then one line per right stsdash uses, as the API server answers for this user.
doctor-may = may:
doctor-see-statefulsets = see StatefulSets
doctor-see-pods = see pods
doctor-see-claims = see claims
doctor-see-volumes = see volumes
doctor-see-storage-classes = see storage classes
doctor-see-services = see Services
doctor-see-endpointslices = see EndpointSlices
doctor-see-revisions = see revisions
doctor-see-events = see Events
doctor-read-logs = read logs
# The keys that do it, in parentheses.
doctor-scale = scale (+ - s)
doctor-delete-pod = delete a pod (d)
doctor-open-shell = open a shell (e)
doctor-apply-lesson = apply a lesson
doctor-create-namespace = create a lesson's namespace
doctor-yes = yes
doctor-no = no
doctor-cannot-ask = cannot ask: { $error }
doctor-cluster-wide = (cluster-wide)
