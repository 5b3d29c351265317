from django import forms

from .models import Post


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["body"]
        labels = {"body": "What's new?"}
        widgets = {"body": forms.Textarea(attrs={"rows": 3, "maxlength": 500})}
