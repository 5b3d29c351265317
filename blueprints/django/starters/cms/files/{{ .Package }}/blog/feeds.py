from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.text import Truncator

from .models import Post


class LatestPostsFeed(Feed):
    """RSS 2.0: the twenty latest published posts."""

    title = "Latest posts"
    link = reverse_lazy("blog:post_list")
    description = "The latest published posts."

    def items(self):
        return Post.objects.published().select_related("author")[:20]

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        return Truncator(item.content).words(60)

    def item_author_name(self, item: Post) -> str:
        return item.author.get_full_name() or item.author.get_username()

    def item_pubdate(self, item: Post):
        return item.published_at

    def item_updateddate(self, item: Post):
        return item.updated_at
