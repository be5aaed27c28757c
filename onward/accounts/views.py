import logging
import smtplib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST

from onward.core import outbox
from onward.core.http import never_compressed, site_url

from . import signup_limits, signup_links
from .forms import (
    AccountCreationForm,
    ApiTokenForm,
    LoginForm,
    PasswordResetRequestForm,
    ProfileForm,
    SignupFinishForm,
    SignupForm,
)
from .models import ApiToken, profile_for, start_account
from .proxy import client_ip

logger = logging.getLogger(__name__)
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


def _too_many(request, template: str, context: dict):
    """Count one request from the visitor's address (sign-up and password-reset requests share
    the limit: each sends an email to the address typed in); the answer to give when it is
    over the limit, else None. Counted before the form is read, whatever it holds."""
    try:
        signup_limits.count_attempt(client_ip(request))
    except signup_limits.TooManySignups as refused:
        response = render(request, template, {**context, "refused": str(refused)}, status=429)
        response["Retry-After"] = str(
            max(1, int((refused.retry_at - timezone.now()).total_seconds()))
        )
        return response
    return None


def signup(request):
    """Accounts for others, only when the server allows it (ONWARD_ALLOW_SIGNUP) and can send
    email. The answer is the same whether or not the address has an account: see signup_links."""
    if not settings.ONWARD_ALLOW_SIGNUP:
        raise Http404("Sign-up is turned off on this server.")
    if not settings.ONWARD_SMTP_ENABLED:
        return render(request, "accounts/signup.html", {"unavailable": True}, status=503)
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        refused = _too_many(request, "accounts/signup.html", {"form": SignupForm()})
        if refused:
            return refused
        if form.is_valid():
            try:
                signup_links.send_signup_mail(form.cleaned_data["email"])
            except (smtplib.SMTPException, OSError):
                logger.exception("Could not send a sign-up email")
                context = {"form": form, "not_sent": True}
                return render(request, "accounts/signup.html", context, status=503)
            return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


def signup_sent(request):
    if not settings.ONWARD_ALLOW_SIGNUP:
        raise Http404("Sign-up is turned off on this server.")
    return render(
        request, "accounts/signup_sent.html", {"hours": settings.ONWARD_SIGNUP_LINK_HOURS}
    )


def signup_finish(request, token):
    """From the emailed link: a name and a password, and the account exists."""
    if not settings.ONWARD_ALLOW_SIGNUP:
        raise Http404("Sign-up is turned off on this server.")
    try:
        email = signup_links.email_from(token)
    except signup_links.LinkRefused as refused:
        return render(request, "accounts/signup_finish.html", {"problem": str(refused)}, status=400)
    # The address stands in for the username until the account is made, so the password
    # validators can tell a password too close to it.
    form = SignupFinishForm(User(username=email, email=email), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = signup_links.create_account(token, form)
        except signup_links.LinkRefused as refused:
            context = {"problem": str(refused)}
            return render(request, "accounts/signup_finish.html", context, status=400)
        login(request, user, backend="onward.accounts.backends.UserBackend")
        messages.success(
            request,
            f"Welcome to Onward. You log in with {email}. "
            "Start by adding an application you're working on.",
        )
        return redirect("home")
    return render(request, "accounts/signup_finish.html", {"form": form, "email": email})


def password_reset(request):
    """Ask for a reset link by email address. The same answer whether or not the address has
    an account (PasswordResetRequestForm sends one email either way), within the per-address
    limit; offered only when the server can send email."""
    if not settings.ONWARD_SMTP_ENABLED:
        return render(request, "accounts/password_reset_form.html", {"unavailable": True})
    if request.method == "POST":
        refused = _too_many(
            request, "accounts/password_reset_form.html", {"form": PasswordResetRequestForm()}
        )
        if refused:
            return refused
    view = auth_views.PasswordResetView.as_view(
        form_class=PasswordResetRequestForm,
        template_name="accounts/password_reset_form.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
        extra_email_context={
            "site": site_url(),
            "allow_signup": settings.ONWARD_ALLOW_SIGNUP,
            "signup_url": site_url(reverse("accounts:signup")),
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )
    return view(request)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
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
