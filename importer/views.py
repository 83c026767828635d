"""Admin views of imports: start one (it runs in the background), watch it, stop it, resume it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import CreateView, IndexView, InspectView

from .forms import communes_of
from .models import ImportRun, Outcome, RunStatus
from .tasks import run_import_task


def runs_for(user):
    """The runs ``user`` may see: those of their communes."""
    return ImportRun.objects.filter(commune__in=communes_of(user)).select_related("commune")


class RunIndexView(IndexView):
    def get_base_queryset(self):
        return runs_for(self.request.user)


class StartImportView(CreateView):
    """Saving the form starts the import in the background and opens its progress page."""

    inspect_url_name = None

    def save_instance(self):
        run = self.form.save(commit=False)
        run.created_by = self.request.user
        if not self.request.user.is_superuser:
            run.allow_private_address = False
        run.save()
        return run

    def get_success_message(self, instance):
        return _("The import has started; this page shows how far it got.")

    def get_success_url(self):
        run_import_task.enqueue(self.object.pk)
        return reverse(self.inspect_url_name, args=[self.object.pk])


class RunInspectView(InspectView):
    """The run's counts, its status, and every item it logged with the reason."""

    template_name = "importer/run_inspect.html"
    stop_url_name = None
    resume_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(runs_for(self.request.user), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.object
        outcome = self.request.GET.get("outcome", "")
        items = run.items.select_related("page")
        if outcome in Outcome.values:
            items = items.filter(outcome=outcome)
        context.update(
            run=run,
            items=items[:500],
            outcome=outcome,
            outcomes=Outcome.choices,
            refresh=run.is_active,
            stop_url=reverse(self.stop_url_name, args=[run.pk]),
            resume_url=reverse(self.resume_url_name, args=[run.pk]),
            can_resume=run.status in (RunStatus.STOPPED, RunStatus.FAILED),
        )
        return context


def _run_for_change(request, pk):
    if not request.user.has_perm("importer.add_importrun"):
        raise PermissionDenied
    return get_object_or_404(runs_for(request.user), pk=pk)


@require_POST
def stop_view(request, pk, inspect_url_name):
    run = _run_for_change(request, pk)
    if run.is_active:
        ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.STOPPING)
        messages.success(request, _("The import stops after the item it is on."))
    return redirect(inspect_url_name, run.pk)


@require_POST
def resume_view(request, pk, inspect_url_name):
    run = _run_for_change(request, pk)
    if run.status in (RunStatus.STOPPED, RunStatus.FAILED):
        ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.PENDING)
        run_import_task.enqueue(run.pk)
        messages.success(request, _("The import goes on from where it stopped."))
    return redirect(inspect_url_name, run.pk)
