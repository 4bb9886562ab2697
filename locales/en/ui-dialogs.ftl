# What opens over the dashboard (src/ui/dialogs.rs): the StatefulSet picker,
# the replicas prompt, the delete question, the help.
picker-deleted = deleted
picker-replicas = { $ready } ready / { $desired } desired
picker-keys = ↑↓ j k choose · Enter show · Esc close
scale-title = Scale
scale-question = Scale { $name } from { $current } to how many replicas?
scale-replicas-label = replicas:
scale-whole-number = a whole number from 0 to { $limit }
scale-keys = Enter scale · Esc cancel
delete-title = Delete pod
delete-question = Delete pod { $pod }?
delete-uid = uid { $uid } · namespace { $namespace }
delete-recreated = The StatefulSet controller will create it again, same name, same claim.
delete-keys = y delete · n or Esc keep it
help-title = Keys · any key closes
help-title-scroll = Keys · ↑↓ j k scroll · any other key closes
# The timeline's marks, under the keys: the title, then two lines (the second under the first's marks).
help-legend-title = Timeline:
help-legend-first = + created  ✓ ready  x deletion requested  | deleted
help-legend-second = @ new IP  r revision  ! stsdash's own action
