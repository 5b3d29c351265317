"""The shopping cart: product ids and quantities in the visitor's session, no database rows."""

from dataclasses import dataclass
from decimal import Decimal

from ..catalog.models import Product

SESSION_KEY = "cart"


@dataclass(frozen=True)
class CartLine:
    product: Product
    quantity: int

    @property
    def subtotal(self) -> Decimal:
        return self.product.price * self.quantity


class Cart:
    """The cart of one session, stored as {"<product id>": quantity} (JSON keys are strings)."""

    def __init__(self, session):
        self.session = session
        self.items: dict[str, int] = dict(session.get(SESSION_KEY, {}))
        # Names of the products lines() took out of the cart (None: deleted), in id order.
        self.dropped: list[str | None] = []

    def __len__(self) -> int:
        return sum(self.items.values())

    def quantity(self, product_id: int) -> int:
        return self.items.get(str(product_id), 0)

    def set(self, product_id: int, quantity: int) -> None:
        if quantity > 0:
            self.items[str(product_id)] = quantity
        else:
            self.items.pop(str(product_id), None)
        self._save()

    def remove(self, product_id: int) -> None:
        self.set(product_id, 0)

    def clear(self) -> None:
        self.items = {}
        self._save()

    def quantities(self) -> dict[int, int]:
        return {int(product_id): quantity for product_id, quantity in self.items.items()}

    def lines(self) -> list[CartLine]:
        """The cart's products still on sale, by name, at today's prices.

        A product deleted or taken off sale since it was added leaves the cart here, session
        included, so it cannot block the checkout of the rest; `dropped` gets its name (None for
        a deleted product, whose name is gone) for the page to tell the visitor.
        """
        quantities = self.quantities()
        products = list(Product.objects.filter(pk__in=quantities))
        on_sale = [product for product in products if product.is_active]
        gone = quantities.keys() - {product.pk for product in on_sale}
        if gone:
            found = {product.pk: product for product in products}
            for product_id in sorted(gone):
                self.dropped.append(found[product_id].name if product_id in found else None)
                self.items.pop(str(product_id))
            self._save()
        return [CartLine(product, quantities[product.pk]) for product in on_sale]

    @staticmethod
    def total(lines: list[CartLine]) -> Decimal:
        return sum((line.subtotal for line in lines), Decimal("0.00"))

    def _save(self) -> None:
        self.session[SESSION_KEY] = self.items
        self.session.modified = True
