"""Checkout: turning a cart into an order, all or nothing."""

from decimal import Decimal

from django.db import transaction

from ..catalog.models import Product
from .models import Order, OrderItem


class OutOfStock(Exception):
    """Some lines ask for more than is in stock. Nothing was written."""

    def __init__(self, shortages: list[tuple[str, int, int]]):
        # (product name, quantity wanted, quantity in stock) for each line that is short.
        self.shortages = shortages
        super().__init__(
            "; ".join(
                f"{name}: {wanted} wanted, {available} in stock"
                for name, wanted, available in shortages
            )
        )


def place_order(*, quantities: dict[int, int], full_name: str, email: str, user=None) -> Order:
    """Create an order for {product id: quantity} and take the quantities off the stock.

    One transaction: the products' rows are locked (select_for_update, in id order so two
    checkouts cannot deadlock) until it commits, so a concurrent checkout waits and then sees
    the lower stock. If any line is short the whole order is refused with OutOfStock.
    """
    if not quantities:
        raise ValueError("the cart is empty")
    with transaction.atomic():
        products = list(
            Product.objects.select_for_update().filter(pk__in=quantities).order_by("pk")
        )
        found = {product.pk: product for product in products}
        shortages = []
        for product_id, wanted in sorted(quantities.items()):
            product = found.get(product_id)
            if product is None or not product.is_active:
                name = product.name if product else f"Product {product_id}"
                shortages.append((name, wanted, 0))
            elif product.stock < wanted:
                shortages.append((product.name, wanted, product.stock))
        if shortages:
            raise OutOfStock(shortages)

        order = Order.objects.create(
            user=user if user is not None and user.is_authenticated else None,
            full_name=full_name,
            email=email,
            total=sum(
                (product.price * quantities[product.pk] for product in products), Decimal("0.00")
            ),
        )
        OrderItem.objects.bulk_create(
            OrderItem(
                order=order, product=product, price=product.price, quantity=quantities[product.pk]
            )
            for product in products
        )
        for product in products:
            product.stock -= quantities[product.pk]
        Product.objects.bulk_update(products, ["stock"])
    return order
