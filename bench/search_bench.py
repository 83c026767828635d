# ruff: noqa: RUF001 - Arabic letters are the subject of this module
"""Search latency over 20,000 and 200,000 pages on PostgreSQL: search p50/p95, and suggest latency.

Not run by CI. It builds a throwaway database (``bench_search`` on the server of
``DATABASE_URL``), fills one commune with pages of the demo kind in Arabic and French, indexes
them, times searches and suggestions, prints the figures and drops the database::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/search_bench.py
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

ARABIC_TEXT = (
    "الجماعة المجلس الدورة العادية الاستثنائية مشروع تهيئة شارع حي المدينة العتيقة الطرق الإنارة العمومية"
    " النفايات المنزلية الحاويات الماء الصالح للشرب التطهير السائل الحديقة المساحات الخضراء الملعب القرب"
    " المستشفى المستوصف المكتبة المركز الثقافي السوق النموذجي الباعة المتجولين المحطة الطرقية الطاقة الشمسية"
    " رخصة البناء السكن شهادة الحياة السكنى العزوبة عقد الازدياد التصريح بالوفاة المصادقة على الإمضاء"
    " مطابقة النسخ الرسم الأراضي الحضرية طلب عروض صفقة اقتناء صيانة أشغال تجهيز الميزانية التشاركية"
    " الشكايات المواطنين الجمعيات الشراكة اتفاقية البيئة التشجير الأشجار المهرجان الثقافة الأمازيغية"
)
ARABIC_WORDS = ARABIC_TEXT.split()
FRENCH_TEXT = (
    "commune conseil session ordinaire projet aménagement boulevard quartier médina routes éclairage public"
    " déchets ménagers conteneurs eau potable assainissement jardin espaces verts stade proximité hôpital"
    " dispensaire bibliothèque centre culturel marché vendeurs gare routière énergie solaire permis construire"
    " certificat résidence acte naissance légalisation signature copie conforme appel offres marché acquisition"
    " entretien travaux équipement budget participatif plaintes citoyens associations partenariat convention"
)
FRENCH_WORDS = FRENCH_TEXT.split()
SEARCH_QUERIES = (
    "رخصه البناء",
    "الانارة العموميه",
    "طلب عروض صيانه",
    "الحديقه",
    "مستشفي القرب",
    "الماء الصالح للشرب",
    "شهاده السكني",
    "الميزانيه التشاركيه",
    "المدينه العتيقه",
    "اتفاقيه شراكه",
    "جمعيه البيئه",
    "التطهير",
    "بالمدينة",
    "طلب عروض ١٢/٢٠٢٤",
    "زرافة",
)
#: Arabic typed in Latin letters, timed apart: each word is read against the vocabulary's sounds.
LATIN_QUERIES = ("rokhsat l bina2", "chahadat sokna", "l madina l 3ati9a", "tasse7i7 l imda2", "souk", "bab lhad")
FRENCH_QUERIES = ("permis de construire", "eclairage public", "appel d'offres", "hopital proximite", "girafe")
SUGGEST_PREFIXES = ("رخ", "رخصة ال", "الان", "مستش", "طلب عر", "شهاده ا", "per", "eclai", "appel d'o", "hop")


def sentence(rng, words, count):
    return " ".join(rng.choice(words) for _ in range(count))


def build(pages, seed=5):
    """Create a commune with ``pages`` pages (80 % Arabic, 20 % French) and index them in bulk."""
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from home.communes import create_commune, ensure_locales
    from pages.models import NewsPage, ServicePage, TenderPage

    rng = random.Random(seed)
    ensure_locales()
    home = create_commune(
        slug="bench", hostname="testserver", name_ar="جماعة", name_fr="Commune", is_default_site=True
    )
    french_home = home.copy_for_translation(Locale.objects.get(language_code="fr"))
    french_home.save_revision().publish()
    french_home = Page.objects.get(pk=french_home.pk).specific
    models = (NewsPage, ServicePage, TenderPage)
    # Pages are indexed in bulk below, not one by one as they are saved; the handlers are connected
    # again afterwards, so that a process that goes on (the test run) still indexes what it saves.
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        created = _create_pages(pages, rng, home, french_home, models)
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    backend = get_search_backend()
    started = time.perf_counter()
    for model, ids in created.items():
        for start in range(0, len(ids), 500):
            backend.add_bulk(model, list(model.objects.filter(pk__in=ids[start : start + 500])))
    print(f"  indexed in {time.perf_counter() - started:.0f} s", flush=True)
    # Statistics as autovacuum would have them on a live server, so the planner sees the real sizes.
    settle()
    return home


def _create_pages(pages, rng, home, french_home, models):
    """Create ``pages`` pages under news, services and tenders sections in both languages; their ids by model."""
    from pages import enums
    from pages.models import NewsIndexPage, NewsPage, ServiceIndexPage, ServicePage, TenderIndexPage, TenderPage

    sections = {}
    for code, localized in (("ar", home), ("fr", french_home)):
        for index_model in (NewsIndexPage, ServiceIndexPage, TenderIndexPage):
            sections[code, index_model] = localized.add_child(
                instance=index_model(
                    title=f"{index_model.__name__} {code}", slug=f"{index_model.__name__.lower()}-{code}"
                )
            )
    created = {model: [] for model in models}
    started = time.perf_counter()
    for number in range(pages):
        code = "fr" if number % 5 == 4 else "ar"
        words = FRENCH_WORDS if code == "fr" else ARABIC_WORDS
        model = models[number % len(models)]
        year = 2018 + number % 8
        fields = {
            "title": sentence(rng, words, rng.randint(4, 8)),
            "slug": f"p-{number}",
            "intro": sentence(rng, words, 20),
            "body": [{"type": "paragraph", "value": f"<p>{sentence(rng, words, 120)}</p>"}],
        }
        day = datetime.date(year, 1 + number % 12, 1 + number % 28)
        # Published when their content is dated, as on a live portal: "newest first" has an order to follow.
        published = datetime.datetime.combine(day, datetime.time(9), datetime.UTC) + datetime.timedelta(seconds=number)
        fields.update(first_published_at=published, last_published_at=published)
        if model is NewsPage:
            page, parent = NewsPage(date=day, category=enums.NewsCategory.COUNCIL, **fields), NewsIndexPage
        elif model is ServicePage:
            page, parent = ServicePage(theme=enums.ServiceTheme.CIVIL_STATUS, **fields), ServiceIndexPage
        else:
            deadline = datetime.datetime.combine(day + datetime.timedelta(days=30), datetime.time(10), datetime.UTC)
            page = TenderPage(
                reference=f"{number}/{year}",
                subject=fields["title"],
                published_on=day,
                submission_deadline=deadline,
                **fields,
            )
            parent = TenderIndexPage
        created[model].append(sections[code, parent].add_child(instance=page).pk)
        if (number + 1) % 2000 == 0:
            print(f"  {number + 1} pages created ({time.perf_counter() - started:.0f} s)", flush=True)
    return created


def clone(home, target):
    """Grow the built pages to ``target`` by copying them in SQL, as many times as needed.

    Wagtail's ``add_child`` costs tens of milliseconds a page, which makes 200,000 pages a matter of
    hours; copies of the seed pages (tree rows, their type's row and their index entries) are
    written in bulk instead. The copies repeat the seed texts, so a query matches as large a share
    of the pages at every size.
    """
    import uuid

    from django.db import connection
    from modelsearch.backends.database.postgres.postgres import IndexEntry
    from wagtail.models import Page

    seeds = list(Page.objects.filter(depth=home.depth + 2).order_by("pk"))
    if not seeds:
        return
    parents = {seed.pk: seed.get_parent().pk for seed in seeds}
    sections = {pk: Page.objects.get(pk=pk) for pk in set(parents.values())}
    next_step = {pk: section.numchild + 1 for pk, section in sections.items()}
    skip = {"id", "path", "slug", "url_path", "translation_key", "latest_revision_id", "live_revision_id"}
    fields = [field for field in Page._meta.concrete_fields if field.attname not in skip]
    started = time.perf_counter()
    copy = 0
    total = len(seeds)
    while total < target:
        copy += 1
        batch = seeds[: target - total]
        new_pages = []
        for seed in batch:
            parent = sections[parents[seed.pk]]
            values = {field.attname: getattr(seed, field.attname) for field in fields}
            if seed.first_published_at is not None:
                # Copies spread over the years, as a portal's pages are: the newest pages are not
                # all copies of the same few seeds, and no copy ties with its seed.
                shift = datetime.timedelta(days=(copy * 53) % 2900, hours=copy)
                values["first_published_at"] = seed.first_published_at - shift
            step = next_step[parent.pk]
            next_step[parent.pk] += 1
            slug = f"{seed.slug}-c{copy}"
            new_pages.append(
                Page(
                    **values,
                    path=Page._get_path(parent.path, parent.depth + 1, step),
                    slug=slug,
                    url_path=f"{parent.url_path}{slug}/",
                    translation_key=uuid.uuid4(),
                )
            )
        created = Page.objects.bulk_create(new_pages, batch_size=2000)
        mapping = [(new.pk, seed.pk) for new, seed in zip(created, batch, strict=True)]
        with connection.cursor() as cursor:
            values_sql = ", ".join(["(%s, %s)"] * len(mapping))
            params = [value for pair in mapping for value in pair]
            for model in {seed.specific_class for seed in batch}:
                table = model._meta.db_table
                own_fields = model._meta.local_concrete_fields
                columns = [field.column for field in own_fields if field.column != "page_ptr_id"]
                # Table and column names come from the models, the values are parameters.
                cursor.execute(
                    f"INSERT INTO {table} (page_ptr_id, {', '.join(columns)}) "  # noqa: S608
                    f"SELECT m.new_id, {', '.join('t.' + column for column in columns)} FROM {table} t "
                    f"JOIN (VALUES {values_sql}) AS m(new_id, seed_id) ON t.page_ptr_id = m.seed_id",
                    params,
                )
            entry = IndexEntry._meta.db_table
            cursor.execute(
                f"INSERT INTO {entry} (content_type_id, object_id, title, autocomplete, body, title_norm, "  # noqa: S608
                "title_text, body_text) SELECT e.content_type_id, m.new_id::text, e.title, e.autocomplete, e.body, "
                f"e.title_norm, e.title_text, e.body_text FROM {entry} e "
                f"JOIN (VALUES {values_sql}) AS m(new_id, seed_id) ON e.object_id = m.seed_id::text",
                params,
            )
        total += len(batch)
        print(f"  {total} pages ({time.perf_counter() - started:.0f} s)", flush=True)
    for pk in sections:
        Page.objects.filter(pk=pk).update(numchild=next_step[pk] - 1)
    settle()


def settle():
    """Vacuum and analyse, as autovacuum does on a live server some time after many writes.

    Without it, autovacuum starts on the new rows during the timings and shares the two cores with
    them, and the first reads of each new row write its visibility hints.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        # Inside a transaction (the suite's smoke test) only the statistics can be renewed.
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def timed(function, repeat):
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def summary(name, durations):
    durations = sorted(durations)
    p50 = statistics.median(durations)
    p95 = durations[min(len(durations) - 1, round(0.95 * len(durations)) - 1)]
    print(f"{name:<40} n={len(durations):>4}  p50={p50:7.1f} ms  p95={p95:7.1f} ms  max={durations[-1]:7.1f} ms")


def measure(home, repeat):
    from django.core.cache import cache
    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    from search.results import commune_of, find, search_commune, suggest, suggestion_key, visible_pages

    arabic = Locale.objects.get(language_code="ar")
    french = Locale.objects.get(language_code="fr")
    cases = [(query, arabic) for query in SEARCH_QUERIES] + [(query, french) for query in FRENCH_QUERIES]
    ranked, full, two_words = [], [], []
    # The commune is known to the portal and the API from the request, and handed to the search.
    commune_id = commune_of(home)
    for query, locale in cases:
        pages = visible_pages(home, locale)
        ranked += timed(
            lambda query=query, pages=pages, locale=locale: find(
                query, pages, commune_id=commune_id, language=locale.language_code
            ),
            repeat,
        )
        durations = timed(
            lambda query=query, locale=locale: search_commune(query, root=home, locale=locale, commune_id=commune_id),
            repeat,
        )
        full += durations
        if locale == arabic and len(query.split()) == 2:
            two_words += durations
    latin = []
    for query in LATIN_QUERIES:
        latin += timed(
            lambda query=query: search_commune(query, root=home, locale=arabic, commune_id=commune_id), repeat
        )
    print()
    summary("matching and ranking (ids, ≤500)", ranked)
    summary("full search (facets, snippets, page 1)", full)
    # The issue's own figure: a two-word Arabic query.
    summary("full search, two-word Arabic queries", two_words)
    summary("full search, Latin-letter Arabic", latin)

    cold, warm = [], []
    backend = get_search_backend()
    for prefix in SUGGEST_PREFIXES:
        locale = french if prefix.isascii() else arabic

        def cold_suggest(prefix=prefix, locale=locale):
            # Only this suggestion is forgotten: the rest of the cache stays as a live portal keeps it.
            cache.delete(suggestion_key(prefix, root=home, locale=locale))
            suggest(prefix, root=home, locale=locale)

        cold += timed(cold_suggest, repeat)
        warm += timed(lambda prefix=prefix, locale=locale: suggest(prefix, root=home, locale=locale), repeat)
    summary("suggest, uncached", cold)
    summary("suggest, cached", warm)
    sample = search_commune("رخصه البناء", root=home, locale=arabic)
    print(f"\n'رخصه البناء': {sample.total} results; backend {backend.__class__.__name__}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", type=int, nargs="+", default=[20_000, 200_000], help="sizes to measure, in increasing order"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database for a closer look")
    parser.add_argument("--database", default="bench_search", help="name of the throwaway database")
    parser.add_argument("--seed-pages", type=int, default=2_000, help="pages built through Wagtail, then copied")
    parser.add_argument("--repeat", type=int, default=10, help="timings per query")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server: the benchmark is about PostgreSQL.")

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from search import retrieval

    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = args.database
    setup_test_environment()
    print("Creating the benchmark database …", flush=True)
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"Building {args.seed_pages} pages through Wagtail on {connection.vendor} …", flush=True)
        home = build(args.seed_pages)
        for size in args.pages:
            print(f"\nGrowing to {size} pages …", flush=True)
            clone(home, size)
            # Each process reads the words' statistics every few minutes; the grown index has new ones.
            retrieval._statistics["read"] = float("-inf")
            print(f"\n== {size} pages", flush=True)
            measure(home, args.repeat)
    finally:
        if not args.keep:
            teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
