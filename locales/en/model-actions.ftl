# An action stsdash takes, as the status line says it ("scale web from 3
# to 5…") and the narration ("stsdash could not …: why")
# (src/model/event.rs): said as an order.
action-scale = scale { $name } from { $from } to { $to }
action-delete-pod = delete pod { $pod }
action-shell = shell in { $pod } ({ $container })
