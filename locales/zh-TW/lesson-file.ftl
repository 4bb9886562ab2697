lesson-file-unknown-language = { $field }.{ $tag }：不認識的語言（en、ru、zh-TW）
lesson-file-language-twice = { $field }.{ $tag }：這個語言寫了兩次
lesson-file-no-english = { $field }：語言表格需要英文（{ $field }.en）
