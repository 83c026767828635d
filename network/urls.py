from django.urls import path

from .views import receive_push

urlpatterns = [
    path("push/<uuid:key>/", receive_push, name="network_push"),
]
