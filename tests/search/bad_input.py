"""Queries that must never break the search: each gets a clean answer."""

from urllib.parse import urlencode

BAD_QUERIES = {
    "empty": "q=",
    "missing": "",
    "ten_thousand_characters": "q=" + "%D8%A8" * 10_000,
    "only_punctuation": "q=%21%21%21+%D8%9F%D8%9F+...+%E2%80%A6",
    "only_diacritics": "q=%D9%8E%D9%8F%D9%90%D9%91%D9%92%D9%8B",
    "fulltext_operators": "q=%26+%7C+%21+%3A+*+%28+%29",
    "sql_characters": "q=%27%3B+DROP+TABLE+x%3B+--+%22+%5C+%25",
    "operators_around_words": urlencode({"q": "رخصة&|!:*()'\"\\%البناء"}),
    "mixed_scripts": urlencode({"q": "رخصة permis ⵜⴰⵎⴰⵣⵉⵖⵜ ١٢٣ 123"}),
    "invalid_utf8": "q=%ff%fe",
    "nul_byte": "q=abc%00def",
    "lone_surrogate_bytes": "q=%ed%a0%80",
    "tifinagh_only": "q=%E2%B5%9C%E2%B4%B0%E2%B5%8E%E2%B4%B0%E2%B5%A3%E2%B5%89%E2%B5%96%E2%B5%9C",
}
