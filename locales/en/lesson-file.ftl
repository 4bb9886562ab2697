# Reading a lesson file (src/lesson/file.rs, text.rs, names.rs, manifest.rs, condition.rs):
# each mistake is said after FILE:LINE:.
# $field: the field as the file writes it (title, question…); $tag: the language key written.
lesson-file-unknown-language = { $field }.{ $tag }: unknown language (en, ru, zh-TW)
lesson-file-language-twice = { $field }.{ $tag }: this language is given twice
lesson-file-no-english = { $field }: a table of languages needs its English text ({ $field }.en)
