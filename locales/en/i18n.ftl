# The languages (src/i18n): a config or lesson file naming one stsdash does not speak.
lang-unknown = { $tag }: stsdash speaks en, ru and zh-TW
# A list's separator (i18n::list).
list-separator = {", "}
