lang-unknown = { $tag }: stsdash говорит на en, ru и zh-TW
list-separator = {", "}
