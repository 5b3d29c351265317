from django.urls import path

from . import views

app_name = "orders"
urlpatterns = [
    path("", views.cart_detail, name="cart"),
    path("add/<int:product_id>/", views.cart_add, name="cart_add"),
    path("remove/<int:product_id>/", views.cart_remove, name="cart_remove"),
    path("checkout/", views.checkout, name="checkout"),
    path("checkout/done/", views.checkout_done, name="done"),
]
