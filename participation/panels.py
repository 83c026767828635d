"""Read-only panels of the back office: what the citizen sent, and everything that happened since."""

from wagtail.admin.panels import Panel


class RecordPanel(Panel):
    """Renders ``template`` with the edited object, for facts that are shown, not edited."""

    def __init__(self, template, **kwargs):
        super().__init__(**kwargs)
        self.template = template

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["template"] = self.template
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["object"] = self.instance
            return context
