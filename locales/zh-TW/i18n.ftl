lang-unknown = { $tag }：stsdash 支援 en、ru 與 zh-TW
list-separator = {"、"}
