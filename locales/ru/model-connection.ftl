connection-every-watch = все watch-потоки: { $message }
connection-api-server = API-сервер
connection-down = { $what }: { $message }
connection-no-answer = нет ответа за { $seconds } с
connection-not-ready = не готов
connection-not-ready-checks = не готов: { $checks }
