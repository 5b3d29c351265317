from django import forms

from .models import Sale


class SaleRowForm(forms.ModelForm):
    """Validates one CSV row with the model's own rules (dates, choices, numbers)."""

    class Meta:
        model = Sale
        fields = ["date", "region", "product", "quantity", "unit_price"]


class SaleFilterForm(forms.Form):
    """The list page's filters; every field may be left empty."""

    region = forms.ChoiceField(choices=[("", "All regions"), *Sale.Region.choices], required=False)
    product = forms.CharField(max_length=100, required=False, label="Product contains")
    date_from = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date.")
        return cleaned

    def filter(self, sales):
        """The sales that match the valid filters (all of them when nothing is filled in)."""
        if not self.is_valid():
            return sales.none()
        data = self.cleaned_data
        if data["region"]:
            sales = sales.filter(region=data["region"])
        if data["product"]:
            sales = sales.filter(product__icontains=data["product"])
        if data["date_from"]:
            sales = sales.filter(date__gte=data["date_from"])
        if data["date_to"]:
            sales = sales.filter(date__lte=data["date_to"])
        return sales
