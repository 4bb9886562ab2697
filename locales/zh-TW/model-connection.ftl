connection-every-watch = 所有 watch：{ $message }
connection-api-server = API 伺服器
connection-down = { $what }：{ $message }
