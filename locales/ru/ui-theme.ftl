theme-unknown = нет темы "{ $name }" (встроенные: default, light, projector, colorblind; или укажите путь к файлу .toml)
theme-read = не удаётся прочитать тему { $file }: { $reason }
theme-invalid = тема { $file }, строка { $line }: { $reason }
theme-bad-value = тема { $file }, строка { $line }, ключ { $key }: { $reason }
theme-cycle = тема { $name } наследует сама себя
theme-unknown-colour = неизвестный цвет "{ $colour }" (имя вроде light_green, #rrggbb или 0-255)
