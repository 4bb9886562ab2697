# Reading a lesson file (src/lesson/file.rs, text.rs, names.rs, manifest.rs, condition.rs):
# each mistake is said after FILE:LINE:.
# $field: the field as the file writes it (title, question…); $tag: the language key written.
lesson-file-unknown-language = { $field }.{ $tag }: unknown language (en, ru, zh-TW)
lesson-file-language-twice = { $field }.{ $tag }: this language is given twice
lesson-file-no-english = { $field }: a table of languages needs its English text ({ $field }.en)
lesson-file-no-such-lesson = no lesson named { $name } (stsdash lesson --list; or give a file's path)
# Why a manifest cannot be read (after "manifest PATH: ").
lesson-file-not-built-in = not among the manifests built into stsdash
lesson-file-not-recorded = not in the recording
lesson-file-has-directory = a lesson file has a directory
lesson-file-outside = outside the lesson's directory { $directory } (a lesson reads only the files next to it or below)
lesson-file-invalid-yaml = invalid YAML: { $error }
# $field: a YAML path (metadata.name).
lesson-file-document-lacks = document { $number }: no { $field }
lesson-file-document-not-mapping = document { $number }: not a mapping
lesson-file-cluster-wide = kind { $kind } is cluster-wide: a lesson makes only namespaced objects, PersistentVolumes and StorageClasses, unless its file says cluster_objects = true and you pass --allow-cluster-objects
lesson-file-no-step = { $file }: the lesson has no [[step]]
lesson-file-question-alone = a question needs an answer
lesson-file-answer-alone = an answer without a question
# $act: what the file's do = says; $known: the kinds (apply, scale…), as the file writes them.
lesson-file-unknown-act = unknown step kind "{ $act }" ({ $known })
# $field: a field of the step (manifest, replicas…).
lesson-file-takes-no = do = "{ $act }" takes no { $field }
lesson-file-needs = do = "{ $act }" needs { $field }
lesson-file-needs-two = do = "{ $act }" needs { $first } and { $second }
lesson-file-needs-key-or-kubectl = do = "{ $act }" needs key or kubectl
lesson-file-negative-replicas = replicas cannot be negative
lesson-file-object-form = object "{ $object }": KIND NAME, KIND one of pod, claim, statefulset, service
# $reason: one of the not-a messages below.
lesson-file-object-unknown = object "{ $object }" names nothing: { $reason }
lesson-file-pod-unknown = pod names nothing: { $reason }
lesson-file-until-not-string = until: a condition is a string
lesson-file-condition-unknown = condition "{ $condition }" names nothing: { $reason }
# Names the manifests do not make. $sets: the StatefulSets, or lesson-file-no-statefulsets.
lesson-file-not-a-pod = { $name } is not a pod of { $sets }
lesson-file-not-a-statefulset = { $name } is not a StatefulSet of { $sets }
lesson-file-no-statefulsets = this lesson's manifests (they make no StatefulSet)
lesson-file-no-claim = no claim { $name } is made by this lesson's manifests (claims: { $claims })
lesson-file-no-claims = no claim { $name } is made by this lesson's manifests (claims: none)
lesson-file-no-volume = no volume { $name } is made by this lesson's manifests (a dynamic volume is named by its claim: "volume of CLAIM")
lesson-file-not-a-row = { $row } is neither a pod nor a claim this lesson's manifests make
# Places (watch, answer_at). $pane: as the file writes it.
lesson-file-unknown-pane = unknown pane "{ $pane }" (header, timeline, storage, narration, logs)
lesson-file-empty-place = an empty place
lesson-file-no-rows = the { $pane } has no rows to name
lesson-file-place-form = "{ $place }": a pane and at most one row
lesson-file-logs-of-which = logs of which pod? (logs POD)
# Conditions (until). $known: the states, as the file writes them.
lesson-file-empty-condition = an empty condition
lesson-file-volume-unnamed = a volume condition names no volume
lesson-file-not-a-count = "{ $text }" is not a number of replicas
lesson-file-state-missing = a state is missing ({ $known })
lesson-file-unknown-state = unknown state "{ $state }" ({ $known })
