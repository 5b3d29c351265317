from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from .forms import PostForm
from .models import Post


class FeedView(LoginRequiredMixin, ListView):
    """The posts of the people the signed-in user follows, newest first, 20 a page."""

    template_name = "posts/feed.html"
    context_object_name = "posts"
    paginate_by = 20

    def get_queryset(self):
        return Post.objects.feed_for(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=PostForm(), **kwargs)


@login_required
@require_POST
def create_post(request: HttpRequest) -> HttpResponse:
    form = PostForm(request.POST)
    if not form.is_valid():
        return render(request, "posts/feed.html", {"form": form, "posts": []}, status=400)
    form.instance.author = request.user
    form.save()
    messages.success(request, "Posted: your followers see it in their feed.")
    return redirect("posts:feed")
