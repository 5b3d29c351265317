"""The payment hook: where a payment provider plugs into the checkout.

There is no provider in this starter. To add one (Stripe Checkout, Adyen, Mollie, ...):

1. In start_payment, create the provider's payment for order.total and return a redirect to
   its hosted payment page (keep order.pk in the provider's metadata).
2. Add a view for the provider's webhook that verifies the event's signature and sets
   order.status = Order.Status.PAID (or CANCELLED, returning the stock) for that order.
"""

from django.http import HttpRequest, HttpResponse

from .models import Order


def start_payment(request: HttpRequest, order: Order) -> HttpResponse | None:
    """Called once checkout has placed `order` (status pending, stock already taken).

    Return a response to send the customer on to pay, or None to show the confirmation page:
    the order then stays pending until staff mark it paid in the admin.
    """
    return None
