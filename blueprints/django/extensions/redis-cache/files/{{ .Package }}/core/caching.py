"""An example of a page served from the cache (Redis with REDIS_URL, else this process's memory)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_safe


@require_safe
@cache_page(60)
def cached_page(request: HttpRequest) -> HttpResponse:
    """Rendered once a minute at most: the requests in between get the copy in the cache."""
    return render(request, "core/cached.html", {"rendered_at": timezone.now()})
