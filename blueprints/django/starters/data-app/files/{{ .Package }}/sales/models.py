from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models


class Sale(models.Model):
    """One line of the sales dataset: what sold, where, when, how many, at what price."""

    class Region(models.TextChoices):
        NORTH = "north", "North"
        SOUTH = "south", "South"
        EAST = "east", "East"
        WEST = "west", "West"

    date = models.DateField()
    region = models.CharField(max_length=10, choices=Region.choices)
    product = models.CharField(max_length=100)
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    unit_price = models.DecimalField(
        max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.00"))]
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "id"]
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["region", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.region} {self.product} x{self.quantity}"

    @property
    def revenue(self) -> Decimal:
        return self.unit_price * self.quantity
