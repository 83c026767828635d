"""Index settings for the optional OpenSearch backend: the same foldings, done by its analysers.

Plain data, read by the settings when ``OPENSEARCH_URL`` is set. OpenSearch's built-in filters
cover what ``search.normalize`` does on the database: ``arabic_normalization`` (hamza forms, ى, ة,
tashkeel, tatweel), ``arabic_stem`` (the clitic prefixes and common suffixes), ``decimal_digit``
(Eastern-Arabic and Persian digits), ``elision`` and ``asciifolding`` (French), ``lowercase``.
"""

_FOLDING = ["lowercase", "decimal_digit", "arabic_normalization", "persian_normalization", "asciifolding"]

INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "french_elision": {
                    "type": "elision",
                    "articles_case": True,
                    "articles": ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
                },
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["french_elision", *_FOLDING, "arabic_stem"],
                },
                "ngram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["french_elision", *_FOLDING, "ngram"],
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["french_elision", *_FOLDING, "edgengram"],
                },
            },
        }
    }
}
