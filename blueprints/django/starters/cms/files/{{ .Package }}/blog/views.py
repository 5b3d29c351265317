from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import Category, Post


class PostListView(ListView):
    """Published posts, newest first, ten a page (?page=2)."""

    paginate_by = 10

    def get_queryset(self):
        return Post.objects.published().select_related("author", "category")


class CategoryPostListView(PostListView):
    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class PostDetailView(DetailView):
    """One post. Drafts and posts not yet due are 404 for everyone but staff (a preview)."""

    queryset = Post.objects.select_related("author", "category")

    def get_object(self, queryset=None):
        post = super().get_object(queryset)
        if not post.is_visible() and not self.request.user.is_staff:
            raise Http404("No post found matching the query")
        return post
