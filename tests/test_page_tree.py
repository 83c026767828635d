"""The page tree of the design is the only one editors can build."""

import pytest
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from pages.models import StandardPage

from .factories import (
    OPTIONAL_PAGE_FACTORIES,
    OPTIONAL_SECTIONS,
    PAGE_FACTORIES,
    SECTIONS,
    HomePageFactory,
    StandardPageFactory,
)
from .utils import build_commune

#: The tree of the design: each page type and the only parent types it may have.
EXPECTED_PARENTS = {
    HomePage: {Page},
    **{section: {HomePage} for section in SECTIONS},
    **{child: {section} for section, child in SECTIONS.items() if child is not None},
    **{section: {HomePage} for section in OPTIONAL_SECTIONS},
    **{child: {section} for section, child in OPTIONAL_SECTIONS.items()},
}
SINGLE_SECTIONS = [model for model in SECTIONS if model.max_count_per_parent == 1]

page_assertions = WagtailPageTestCase(methodName="assertCanCreateAt")


def expected_children(parent_model):
    return {child for child, parents in EXPECTED_PARENTS.items() if parent_model in parents}


def test_every_page_type_of_the_project_is_in_the_design_tree():
    creatable = {model for model in get_page_models() if model.is_creatable}
    assert creatable == set(EXPECTED_PARENTS)
    assert set(PAGE_FACTORIES) | set(OPTIONAL_PAGE_FACTORIES) == set(EXPECTED_PARENTS)


@pytest.mark.parametrize("child_model", list(EXPECTED_PARENTS), ids=lambda model: model.__name__)
def test_page_type_has_only_its_design_parents(child_model):
    page_assertions.assertAllowedParentPageTypes(child_model, EXPECTED_PARENTS[child_model])


@pytest.mark.parametrize("parent_model", [Page, *EXPECTED_PARENTS], ids=lambda model: model.__name__)
def test_page_type_accepts_only_its_design_children(parent_model):
    assert set(parent_model.creatable_subpage_models()) == expected_children(parent_model)


@pytest.mark.parametrize("child_model", list(EXPECTED_PARENTS), ids=lambda model: model.__name__)
def test_page_type_can_be_created_under_its_parent_and_nowhere_else(child_model):
    for parent_model in [Page, *EXPECTED_PARENTS]:
        if parent_model in EXPECTED_PARENTS[child_model]:
            page_assertions.assertCanCreateAt(parent_model, child_model)
        else:
            page_assertions.assertCanNotCreateAt(parent_model, child_model)


def test_leaf_pages_accept_no_children():
    for child_model in (child for child in SECTIONS.values() if child is not None):
        assert child_model.creatable_subpage_models() == []


@pytest.mark.django_db
def test_a_new_commune_home_accepts_every_section():
    home = HomePageFactory(parent=Page.get_first_root_node())
    for section_model in SECTIONS:
        assert section_model.can_create_at(home), section_model.__name__


@pytest.mark.django_db
def test_each_section_exists_once_per_commune_and_free_pages_many_times():
    tree = build_commune()
    for section_model in SINGLE_SECTIONS:
        page_assertions.assertFalse(section_model.can_create_at(tree.home), section_model.__name__)
    StandardPageFactory(parent=tree.home)
    assert StandardPage.can_create_at(tree.home)


def test_every_section_but_free_pages_is_limited_to_one_per_commune():
    assert set(SINGLE_SECTIONS) == set(SECTIONS) - {StandardPage}


@pytest.mark.django_db
def test_a_second_commune_gets_its_own_sections():
    first = build_commune(slug="tanja", hostname="tanja.localhost")
    second = build_commune(slug="tetouan", hostname="tetouan.localhost", name_ar="جماعة تطوان", name_fr="Tétouan")
    assert first.home.pk != second.home.pk
    for section_model in SINGLE_SECTIONS:
        assert section_model.objects.child_of(second.home).count() == 1
