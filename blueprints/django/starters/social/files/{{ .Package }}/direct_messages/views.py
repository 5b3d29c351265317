from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .forms import MessageForm
from .models import Conversation


@login_required
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    """The signed-in user's conversations, the latest first."""
    conversations = Conversation.objects.of(request.user).select_related("user_a", "user_b")
    rows = [(conversation, conversation.other(request.user)) for conversation in conversations]
    return render(request, "direct_messages/inbox.html", {"rows": rows})


@login_required
@require_POST
def start(request: HttpRequest, username: str) -> HttpResponse:
    """Open (or create) the conversation with username."""
    other = get_object_or_404(get_user_model(), username=username, is_active=True)
    if other == request.user:
        return redirect("direct_messages:inbox")
    return redirect(Conversation.between(request.user, other))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def conversation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Read and answer. Someone not in the conversation gets 404, as if it did not exist."""
    conversation = get_object_or_404(Conversation.objects.of(request.user), pk=pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        conversation.send(request.user, form.cleaned_data["body"])
        return redirect(conversation)
    context = {
        "conversation": conversation,
        "other": conversation.other(request.user),
        "chat": conversation.messages.select_related("sender"),
        "form": form,
    }
    return render(request, "direct_messages/conversation.html", context)
