from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from onward.core import outbox
from onward.core.http import never_compressed

from . import signup_limits
from .forms import AccountCreationForm, ApiTokenForm, ProfileForm
from .models import ApiToken, profile_for, start_account
from .proxy import client_ip

User = get_user_model()


def _start_account(request, form):
    with transaction.atomic():
        user = form.save()
        start_account(user)
    login(request, user, backend="onward.accounts.backends.UserBackend")
    return user


def setup(request):
    """First visit on a new installation: create the first account. Never a default password."""
    if User.objects.exists():
        return redirect("accounts:login")
    form = AccountCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # Checked again inside the transaction, with the user table locked against other
            # writers: two first visits cannot both become owner. (On SQLite the IMMEDIATE
            # transaction already serialises writers; a row lock would not do on an empty table.)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(f"LOCK TABLE {User._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
            if User.objects.exists():
                return redirect("accounts:login")
            user = _start_account(request, form)
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        messages.success(
            request, "Welcome to Onward. Start by adding an application you're working on."
        )
        return redirect("home")
    return render(request, "accounts/setup.html", {"form": form})


def signup(request):
    """Accounts for others, only when the server allows it (ONWARD_ALLOW_SIGNUP)."""
    if not settings.ONWARD_ALLOW_SIGNUP:
        raise Http404("Sign-up is turned off on this server.")
    form = AccountCreationForm(request.POST or None)
    if request.method == "POST":
        # Counted before the form is read: a taken name is only learnt within the limit.
        try:
            signup_limits.count_attempt(client_ip(request))
        except signup_limits.TooManySignups as refused:
            # A fresh form: showing the posted one's errors would say whether the name is taken.
            context = {"form": AccountCreationForm(), "refused": str(refused)}
            response = render(request, "accounts/signup.html", context, status=429)
            response["Retry-After"] = str(
                max(1, int((refused.retry_at - timezone.now()).total_seconds()))
            )
            return response
        if form.is_valid():
            _start_account(request, form)
            return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def dispatch(self, request, *args, **kwargs):
        if not User.objects.exists():
            return redirect("accounts:setup")
        return super().dispatch(request, *args, **kwargs)


@login_required
def account_settings(request):
    profile = profile_for(request.user)
    form = ProfileForm(request.POST or None, instance=profile, prefix="profile")
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Settings saved.")
        return redirect("accounts:settings")
    tokens = ApiToken.objects.for_user(request.user)
    return render(
        request,
        "accounts/settings.html",
        {"form": form, "tokens": tokens, "token_form": ApiTokenForm()},
    )


@login_required
@require_POST
@never_compressed  # it shows the new token
def token_create(request):
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the token a name and choose when it expires.")
        return redirect("accounts:settings")
    token, raw = ApiToken.issue(
        request.user, form.cleaned_data["name"], days=form.cleaned_data["days"]
    )
    tokens = ApiToken.objects.for_user(request.user)
    return render(
        request,
        "accounts/settings.html",
        {
            "form": ProfileForm(instance=profile_for(request.user), prefix="profile"),
            "tokens": tokens,
            "token_form": ApiTokenForm(),
            "new_token": raw,
        },
    )


@login_required
@require_POST
def token_delete(request, token_id):
    token = get_object_or_404(ApiToken.objects.for_user(request.user), pk=token_id)
    token.delete()
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("accounts:settings")


@login_required
def sent_mail(request):
    """The mail Onward sent for the user: when, to whom, the subject (bodies are not kept)."""
    entries = outbox.SentMail.objects.for_user(request.user)
    page = Paginator(entries, settings.ONWARD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/sent_mail.html",
        {
            "page": page,
            "allowances": outbox.allowances(request.user),
            "smtp_enabled": settings.ONWARD_SMTP_ENABLED,
        },
    )
