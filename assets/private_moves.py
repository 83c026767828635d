"""Moving files written before documents and attachments became private into the private storage."""

from django.core.files.storage import storages


def move_to_private(model, field_name):
    """For a data migration: move each row's file from the public storage to the private one."""
    public, private = storages["default"], storages["private"]
    for row in model.objects.exclude(**{field_name: ""}).iterator():
        name = getattr(row, field_name).name
        if private.exists(name) or not public.exists(name):
            continue
        with public.open(name) as source:
            stored = private.save(name, source)
        if stored != name:
            model.objects.filter(pk=row.pk).update(**{field_name: stored})
        public.delete(name)
