connection-every-watch = все watch-потоки: { $message }
connection-api-server = API-сервер
connection-down = { $what }: { $message }
