connection-every-watch = 所有 watch：{ $message }
connection-api-server = API 伺服器
connection-down = { $what }：{ $message }
connection-no-answer = { $seconds } 秒內沒有回應
connection-not-ready = 未就緒
connection-not-ready-checks = 未就緒：{ $checks }
