from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and container checks: answers without touching the database."""
    return JsonResponse({"status": "ok"})
