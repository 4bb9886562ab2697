lesson-file-unknown-language = { $field }.{ $tag }: неизвестный язык (en, ru, zh-TW)
lesson-file-language-twice = { $field }.{ $tag }: этот язык указан дважды
lesson-file-no-english = { $field }: в таблице языков нужен английский текст ({ $field }.en)
