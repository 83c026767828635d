"""An empty URL map, set on API requests answered with 404.

Django's locale middleware redirects a 404 to the same path under a language prefix when that path
would resolve; under /ar/ every path reaches Wagtail's page view, so an API 404 would become a
redirect to a portal page. Pointing the request at this map tells the middleware that it would not.
"""

urlpatterns = []
