from django import forms


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Message", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
