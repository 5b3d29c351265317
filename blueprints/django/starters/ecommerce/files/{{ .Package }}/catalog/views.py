from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from ..orders.forms import AddToCartForm
from .models import Category, Product


class ProductListView(ListView):
    """The active products, twelve a page (?page=2)."""

    paginate_by = 12

    def get_queryset(self):
        return Product.objects.filter(is_active=True).select_related("category")


class CategoryProductListView(ProductListView):
    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class ProductDetailView(DetailView):
    queryset = Product.objects.filter(is_active=True).select_related("category")

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=AddToCartForm(), **kwargs)
