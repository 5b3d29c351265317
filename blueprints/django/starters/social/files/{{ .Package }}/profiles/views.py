from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .forms import ProfileForm
from .models import Follow, Profile


@require_safe
def profile_list(request: HttpRequest) -> HttpResponse:
    """Everyone, to find people to follow; 30 a page."""
    profiles = Profile.objects.select_related("user").filter(user__is_active=True)
    page = Paginator(profiles, 30).get_page(request.GET.get("page"))
    following = set()
    if request.user.is_authenticated:
        following = set(request.user.following.values_list("followed_id", flat=True))
    return render(request, "profiles/profile_list.html", {"page": page, "following": following})


@require_safe
def profile_detail(request: HttpRequest, username: str) -> HttpResponse:
    person = get_object_or_404(get_user_model(), username=username, is_active=True)
    posts = Paginator(person.social_posts.all(), 20).get_page(request.GET.get("page"))
    context = {
        "person": person,
        "profile": Profile.of(person),
        "posts": posts,
        "followers": person.followers.count(),
        "following": person.following.count(),
        "is_following": request.user.is_authenticated
        and Follow.objects.filter(follower=request.user, followed=person).exists(),
    }
    return render(request, "profiles/profile_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = Profile.of(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect(profile)
    return render(request, "profiles/profile_edit.html", {"form": form})


@login_required
@require_POST
def follow(request: HttpRequest, username: str) -> HttpResponse:
    person = get_object_or_404(get_user_model(), username=username, is_active=True)
    if person == request.user:
        messages.error(request, "You cannot follow yourself.")
    else:
        Follow.objects.get_or_create(follower=request.user, followed=person)
        messages.success(request, f"You follow {person.get_username()}.")
    return redirect("profiles:detail", person.get_username())


@login_required
@require_POST
def unfollow(request: HttpRequest, username: str) -> HttpResponse:
    person = get_object_or_404(get_user_model(), username=username)
    Follow.objects.filter(follower=request.user, followed=person).delete()
    messages.success(request, f"You no longer follow {person.get_username()}.")
    return redirect("profiles:detail", person.get_username())
