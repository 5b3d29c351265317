from django.core.paginator import Paginator
from django.db.models import DecimalField, ExpressionWrapper, F, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .forms import SaleFilterForm
from .models import Sale

PAGE_SIZE = 25
REVENUE = ExpressionWrapper(
    F("quantity") * F("unit_price"), output_field=DecimalField(max_digits=14, decimal_places=2)
)


@require_safe
def sale_list(request: HttpRequest) -> HttpResponse:
    """The sales matching ?region=, ?product=, ?date_from= and ?date_to=, 25 a page, with totals."""
    form = SaleFilterForm(request.GET or None)
    sales = form.filter(Sale.objects.all()) if form.is_bound else Sale.objects.all()
    totals = sales.aggregate(units=Sum("quantity"), revenue=Sum(REVENUE))
    page = Paginator(sales, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "sales": page.object_list,
        "count": page.paginator.count,
        "totals": totals,
        "query": query.urlencode(),
    }
    return render(request, "sales/sale_list.html", context)
