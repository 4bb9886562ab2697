action-scale = 將 { $name } 從 { $from } 擴縮到 { $to }
action-delete-pod = 刪除 Pod { $pod }
action-shell = 在 { $pod }（{ $container }）開啟 shell
