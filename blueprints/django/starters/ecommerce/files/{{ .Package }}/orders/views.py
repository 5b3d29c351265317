from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ..catalog.models import Product
from .cart import Cart, CartLine
from .forms import AddToCartForm, CheckoutForm
from .models import Order
from .payments import start_payment
from .services import OutOfStock, place_order


def cart_lines(request: HttpRequest, cart: Cart) -> list[CartLine]:
    """The cart's lines, with a message for each product that left it (off sale or deleted)."""
    lines = cart.lines()
    for name in cart.dropped:
        messages.warning(
            request, f"{name or 'A product'} is no longer on sale and was taken out of your cart."
        )
    return lines


@require_safe
def cart_detail(request: HttpRequest) -> HttpResponse:
    lines = cart_lines(request, Cart(request.session))
    return render(request, "orders/cart.html", {"lines": lines, "total": Cart.total(lines)})


@require_POST
def cart_add(request: HttpRequest, product_id: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=product_id, is_active=True)
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a quantity from 1 to 99.")
        return redirect(product)
    cart = Cart(request.session)
    quantity = cart.quantity(product.pk) + form.cleaned_data["quantity"]
    if quantity > product.stock:
        messages.error(request, f"Only {product.stock} of {product.name} in stock.")
        return redirect(product)
    cart.set(product.pk, quantity)
    messages.success(request, f"{product.name} is in your cart.")
    return redirect("orders:cart")


@require_POST
def cart_remove(request: HttpRequest, product_id: int) -> HttpResponse:
    Cart(request.session).remove(product_id)
    return redirect("orders:cart")


@require_http_methods(["GET", "HEAD", "POST"])
def checkout(request: HttpRequest) -> HttpResponse:
    cart = Cart(request.session)
    lines = cart_lines(request, cart)
    if not lines:
        messages.info(request, "Your cart is empty.")
        return redirect("orders:cart")
    initial = {}
    if request.user.is_authenticated:
        initial = {"full_name": request.user.get_full_name(), "email": request.user.email}
    form = CheckoutForm(request.POST or None, initial=initial)
    # A product that left the cart just now changes the total: show the page again to confirm.
    if request.method == "POST" and not cart.dropped and form.is_valid():
        try:
            order = place_order(
                quantities={line.product.pk: line.quantity for line in lines},
                user=request.user,
                **form.cleaned_data,
            )
        except OutOfStock as short:
            for name, wanted, available in short.shortages:
                form.add_error(None, f"{name}: you asked for {wanted}, {available} left in stock.")
        else:
            cart.clear()
            request.session["last_order_id"] = order.pk
            return start_payment(request, order) or redirect("orders:done")
    context = {"form": form, "lines": lines, "total": Cart.total(lines)}
    return render(request, "orders/checkout.html", context)


@require_safe
def checkout_done(request: HttpRequest) -> HttpResponse:
    """The confirmation of this session's last order (an order number alone shows nothing)."""
    order_id = request.session.get("last_order_id")
    if order_id is None:
        return redirect("orders:cart")
    order = get_object_or_404(Order.objects.prefetch_related("items__product"), pk=order_id)
    return render(request, "orders/done.html", {"order": order})
