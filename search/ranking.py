"""One ranking for every database: how well a page's indexed words answer the query's groups.

For each group of the query, a page earns the weight of the best alternative it holds
(``search.expansion``): 1 for the words as typed or their forms, less for a synonym, less again
for a near word. The score adds, in this order of importance:

1. ``ALL_WORDS``, when the page holds every group: all words outrank some;
2. ``IN_TITLE`` times the share of the groups found in the title: a title match outranks a body match;
3. the share of the groups found anywhere.

Equal scores are ordered by the year of the page's content, newest first (recent news before
old), then by the order the candidates came in.
"""

ALL_WORDS = 4.0
IN_TITLE = 2.0
ANYWHERE = 1.0


def _weight(group, words):
    return max((alternative.weight for alternative in group.alternatives if alternative.matches(words)), default=0.0)


def score(groups, title_words, all_words):
    """The score of a page holding ``title_words`` in its title and ``all_words`` in all."""
    counted = [group for group in groups if not group.optional] or groups
    if not counted:
        return 0.0
    anywhere = [_weight(group, all_words) for group in counted]
    in_title = [_weight(group, title_words) for group in counted]
    total = len(counted)
    every = ALL_WORDS if all(anywhere) else 0.0
    return every + IN_TITLE * sum(in_title) / total + ANYWHERE * sum(anywhere) / total


def rank(groups, hits, words, years):
    """``hits`` (``(pk, content_type_id)`` in candidate order) ordered by score, then recency."""
    position = {pk: index for index, (pk, _type) in enumerate(hits)}

    def key(hit):
        pk = hit[0]
        title_words, all_words = words.get(pk, (frozenset(), frozenset()))
        return (-score(groups, title_words, all_words), -(years.get(pk) or 0), position[pk])

    return sorted(hits, key=key)
