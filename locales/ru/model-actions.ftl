# Инфинитив: «stsdash не смог удалить под web-0».
action-scale = масштабировать { $name } с { $from } до { $to }
action-delete-pod = удалить под { $pod }
action-shell = открыть shell в { $pod } ({ $container })
