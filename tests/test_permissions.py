"""Editors work in their own section of their own commune, and publication needs a moderator."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from pages.models import CouncilSessionPage, NewsIndexPage, NewsPage, TenderPage

from .factories import NewsPageFactory, UserFactory
from .utils import build_commune


@pytest.fixture(scope="module")
def communes(module_db):
    """Two communes on one deployment, each with its editorial groups and workflow."""
    first = build_commune(slug="tanja", hostname="tanja.localhost", with_groups=True)
    second = build_commune(
        slug="tetouan",
        hostname="tetouan.localhost",
        name_ar="جماعة تطوان",
        name_fr="Commune de Tétouan",
        with_groups=True,
    )
    return first, second


def member_of(group):
    user = UserFactory()
    user.groups.add(group)
    return user


@pytest.fixture
def tanja(communes):
    return communes[0]


@pytest.fixture
def tetouan(communes):
    return communes[1]


@pytest.fixture
def communication_editor(db, tanja):
    return member_of(tanja.groups["communication"])


@pytest.fixture
def council_secretary(db, tanja):
    return member_of(tanja.groups["council"])


@pytest.fixture
def moderator(db, tanja):
    return member_of(tanja.groups["moderators"])


def test_editorial_groups_are_per_commune(tanja, tetouan):
    assert set(tanja.groups) == {"communication", "council", "procurement", "moderators", "relations", "information"}
    assert {group.pk for group in tanja.groups.values()}.isdisjoint(group.pk for group in tetouan.groups.values())


def test_communication_editor_can_edit_news_and_add_to_the_news_section(communication_editor, tanja):
    assert tanja.leaves[NewsPage].permissions_for_user(communication_editor).can_edit()
    assert tanja.sections[NewsIndexPage].permissions_for_user(communication_editor).can_add_subpage()


@pytest.mark.parametrize("model", [TenderPage, CouncilSessionPage], ids=lambda model: model.__name__)
def test_communication_editor_cannot_edit_or_publish_another_sections_page(communication_editor, tanja, model):
    permissions = tanja.leaves[model].permissions_for_user(communication_editor)

    assert not permissions.can_edit()
    assert not permissions.can_publish()


def test_council_secretary_edits_sessions_but_not_news(council_secretary, tanja):
    assert tanja.leaves[CouncilSessionPage].permissions_for_user(council_secretary).can_edit()
    assert not tanja.leaves[NewsPage].permissions_for_user(council_secretary).can_edit()
    assert not tanja.leaves[TenderPage].permissions_for_user(council_secretary).can_edit()


def test_editor_cannot_publish_even_in_their_own_section(communication_editor, council_secretary, tanja):
    assert not tanja.leaves[NewsPage].permissions_for_user(communication_editor).can_publish()
    assert not tanja.leaves[CouncilSessionPage].permissions_for_user(council_secretary).can_publish()


def test_moderator_can_publish_in_every_section_of_their_commune(moderator, tanja):
    for page in tanja.pages():
        assert page.permissions_for_user(moderator).can_publish(), type(page).__name__


def test_editor_of_one_commune_has_no_rights_on_the_other(communication_editor, moderator, tetouan):
    for page in tetouan.pages():
        assert not page.permissions_for_user(communication_editor).can_edit(), type(page).__name__
        assert not page.permissions_for_user(moderator).can_publish(), type(page).__name__


def test_news_submitted_by_an_editor_waits_for_a_moderator_then_goes_live(communication_editor, moderator, tanja):
    news = NewsPageFactory(parent=tanja.sections[NewsIndexPage], live=False, title="خبر في انتظار المصادقة")
    news.save_revision(user=communication_editor)
    workflow = news.get_workflow()
    assert workflow is not None

    state = workflow.start(news, communication_editor)

    news.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert news.workflow_in_progress
    assert not news.live
    task_state = state.current_task_state
    task = task_state.task.specific
    assert "approve" not in {action[0] for action in task.get_actions(news, communication_editor)}
    assert "approve" in {action[0] for action in task.get_actions(news, moderator)}

    task.on_action(task_state, moderator, "approve")

    news.refresh_from_db()
    state.refresh_from_db()
    assert news.live
    assert state.status == WorkflowState.STATUS_APPROVED


def test_editor_submitting_through_the_admin_does_not_publish(client, communication_editor, tanja):
    news = NewsPageFactory(parent=tanja.sections[NewsIndexPage], live=False, title="خبر مقترح")
    news.save_revision(user=communication_editor)
    client.force_login(communication_editor)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[news.pk]),
        {
            "title": news.title,
            "slug": news.slug,
            "date": "2026-03-12",
            "category": "announcement",
            "intro": news.intro,
            "body-count": "0",
            "documents-count": "0",
            "action-submit": "submit",
        },
    )

    assert response.status_code == 302
    news.refresh_from_db()
    assert not news.live
    assert news.workflow_in_progress


def test_editor_cannot_open_the_other_communes_pages_in_the_admin(client, communication_editor, tetouan):
    client.force_login(communication_editor)

    assert client.get(reverse("wagtailadmin_explore", args=[tetouan.home.pk])).status_code != 200
    news = tetouan.leaves[NewsPage]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[news.pk])).status_code != 200


def test_editor_opens_their_own_section_in_the_admin(client, communication_editor, tanja):
    client.force_login(communication_editor)

    response = client.get(reverse("wagtailadmin_explore", args=[tanja.sections[NewsIndexPage].pk]))

    assert response.status_code == 200
    assert tanja.leaves[NewsPage].title in response.content.decode()


def test_admin_explorer_lists_only_the_editors_commune(client, communication_editor, tanja, tetouan):
    client.force_login(communication_editor)

    response = client.get(reverse("wagtailadmin_explore_root"), follow=True)

    content = response.content.decode()
    assert response.status_code == 200
    assert tanja.home.title in content or tanja.sections[NewsIndexPage].title in content
    assert tetouan.home.title not in content


def test_admin_page_chooser_offers_only_the_editors_commune(client, communication_editor, tanja, tetouan):
    client.force_login(communication_editor)

    browse = client.get(reverse("wagtailadmin_choose_page"), follow=True).content.decode()
    search = client.get(
        reverse("wagtailadmin_choose_page_search"), {"q": tetouan.leaves[NewsPage].title}
    ).content.decode()

    assert tetouan.home.title not in browse
    assert tetouan.leaves[NewsPage].title not in search
