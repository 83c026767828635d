

import clients.models
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('api', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='commune',
            field=models.ForeignKey(blank=True, help_text='The commune the token works for; required for Open311.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='commune'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='scopes',
            field=clients.models.ScopesField(default=list, help_text='What the token may be used for.', verbose_name='scopes'),
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='name',
            field=models.CharField(help_text='Who or what uses this token.', max_length=200, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='user',
            field=models.ForeignKey(blank=True, help_text='Whom the token writes and previews as; not needed for Open311 only.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='portal_api_tokens', to=settings.AUTH_USER_MODEL, verbose_name='user'),
        ),
    ]
