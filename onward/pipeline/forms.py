"""Forms for the pipeline screens. Each takes the user, so every choice is the user's own."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from onward.core.dates import check_not_absurd
from onward.core.forms import (
    DateInput,
    DateTimeLocalInput,
    ModelMultipleChoiceField,
    QuickCheckboxes,
    QuickSelect,
    https_urls,
)
from onward.core.naming import company_key
from onward.network.models import Contact

from .models import (
    INTERVIEW_FUTURE_DAYS,
    Application,
    ApplicationContact,
    Company,
    ContactRole,
    Interview,
    Note,
    Stage,
    StageKind,
)

# Dates before this are typing mistakes, not a job search.
SALARY_LIMIT = 1_000_000_000
RATING_CHOICES = [("", "—")] + [(str(i), str(i)) for i in range(1, 6)]


class CompanyForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = ["name", "website", "notes"]
        formfield_callback = https_urls
        help_texts = {"website": "The company's own site, e.g. https://example.com."}

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("instance", Company(user=user))
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not company_key(name):
            raise ValidationError("Give the company a name with at least one letter or digit.")
        twin = (
            Company.objects.for_user(self.user)
            .filter(name_key=company_key(name))
            .exclude(pk=self.instance.pk)
            .first()
        )
        if twin:
            raise ValidationError(f"You already have this company as “{twin.name}”.")
        return name


class ApplicationForm(forms.ModelForm):
    """The fields an application has; the stage is handled by the create and edit forms."""

    company = forms.ModelChoiceField(
        queryset=Company.objects.none(), required=False, empty_label="— choose —"
    )
    new_company = forms.CharField(
        label="…or a new company",
        max_length=200,
        required=False,
        help_text="Type a name to add a company you have not used yet.",
    )

    class Meta:
        model = Application
        fields = [
            "title",
            "company",
            "job_url",
            "location",
            "work_mode",
            "salary_min",
            "salary_max",
            "salary_currency",
            "salary_period",
            "source",
            "resume_version",
            "deadline",
            "board",
            "applied_on",
            "excitement",
            "description",
            "notes",
        ]
        formfield_callback = https_urls
        widgets = {
            "applied_on": DateInput(),
            "deadline": DateInput(),
            "excitement": forms.Select(choices=RATING_CHOICES),
            "salary_currency": forms.TextInput(attrs={"size": 3, "placeholder": "EUR"}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "excitement": "How much you want this one, 1 (meh) to 5 (dream job).",
            "resume_version": "Which résumé you sent, e.g. “backend-2024-03”.",
        }

    field_order = ["title", "company", "new_company"]

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("instance", Application(user=user))
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["company"].queryset = Company.objects.for_user(user)
        for name in ("work_mode", "source", "salary_period"):
            self.fields[name].choices = [("", "—"), *self.fields[name].choices[1:]]
        for name in ("salary_min", "salary_max"):
            self.fields[name].min_value = 0
            self.fields[name].max_value = SALARY_LIMIT
            self.fields[name].widget.attrs.update(min=0, max=SALARY_LIMIT)

    def clean_salary_currency(self):
        return self.cleaned_data["salary_currency"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        company, new_name = cleaned.get("company"), cleaned.get("new_company", "").strip()
        if company is None and new_name:
            try:
                cleaned["company"] = Company.named(self.user, new_name)
            except ValidationError as exc:
                self.add_error("new_company", exc.message_dict["company"])
        elif company is None and "company" not in self.errors:
            self.add_error("company", "Choose the company, or type a new one below.")
        return cleaned

    def _get_validation_exclusions(self):
        # clean() has checked the company, which may be new and not saved yet; the stage is
        # set by the view (a new application) or changed only by move_to() (an edit).
        return super()._get_validation_exclusions() | {"company", "stage"}

    def save(self, commit=True):
        application = super().save(commit=False)
        company = self.cleaned_data["company"]
        if company.pk is None:
            company.save()
        application.company = company
        if commit:
            if application.pk is None:
                application.save()
            else:
                # Never stage or stage_changed_at: those change only through move_to().
                application.save(update_fields=[*self._meta.fields, "updated_at"])
        return application


class ApplicationCreateForm(ApplicationForm):
    stage = forms.ModelChoiceField(
        queryset=Stage.objects.none(),
        empty_label=None,
        help_text="Where it stands now. The move is dated on the date applied, if you give one.",
    )

    field_order = ["title", "company", "new_company", "stage"]

    def start(self) -> Application:
        """Add the application through ``Application.start`` (call after is_valid())."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self._meta.fields or () if name in data}
        fields.pop("company", None)
        return Application.start(self.user, company=data["company"], stage=data["stage"], **fields)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        stages = Stage.objects.for_user(user)
        self.fields["stage"].queryset = stages
        first_active = next((s for s in stages if s.kind == StageKind.ACTIVE), None)
        self.fields["stage"].initial = first_active
        # Choosing or typing a company asks at once whether an earlier application there was
        # lost, and shows it on the form (#company-history).
        for name, other in (("company", "new_company"), ("new_company", "company")):
            self.fields[name].widget.attrs.update(
                {
                    "hx-get": reverse("pipeline:application_create"),
                    "hx-trigger": "change",
                    "hx-target": "#company-history",
                    "hx-swap": "outerHTML",
                    "hx-include": f"[name={other}]",
                }
            )


class ApplicationEditForm(ApplicationForm):
    """Editing also offers a stage change, which goes through move_to() like every move."""

    # show_hidden_initial: the form remembers the stage it showed, so a move made meanwhile
    # (the board, another tab, the API) is not undone by saving an unrelated edit.
    stage = forms.ModelChoiceField(
        queryset=Stage.objects.none(), empty_label=None, show_hidden_initial=True
    )
    when = forms.DateTimeField(
        label="Moved on",
        required=False,
        widget=DateTimeLocalInput(),
        help_text="Only when the stage changes: leave empty for now, or back-date the move.",
    )
    stage_note = forms.CharField(
        label="Note on the move", max_length=500, required=False, help_text="Optional."
    )

    field_order = ["title", "company", "new_company", "stage", "when", "stage_note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["stage"].queryset = Stage.objects.for_user(user)
        self.fields["stage"].initial = self.instance.stage_id

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when is not None:
            check_not_absurd(when)
        return when


class MoveForm(forms.Form):
    """A move from the board, the table or the application page (stage, optional date and note)."""

    stage = forms.ModelChoiceField(queryset=Stage.objects.none(), empty_label=None, label="Move to")
    when = forms.DateTimeField(
        label="Moved on",
        required=False,
        widget=DateTimeLocalInput(),
        help_text="Leave empty for now.",
    )
    note = forms.CharField(max_length=500, required=False)

    def __init__(self, *args, user, stages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = Stage.objects.for_user(user)
        if stages is not None:
            # Already fetched: rendering the choices costs no query.
            self.fields["stage"].choices = [(s.pk, s.name) for s in stages]

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when is not None:
            check_not_absurd(when)
        return when


class RedateForm(forms.Form):
    when = forms.DateTimeField(label="It happened on", widget=DateTimeLocalInput())

    def clean_when(self):
        when = self.cleaned_data["when"]
        check_not_absurd(when)
        return when


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["body"]
        labels = {"body": "Note"}
        widgets = {"body": forms.Textarea(attrs={"rows": 3, "maxlength": 10000})}

    def clean_body(self):
        body = self.cleaned_data["body"]
        if len(body) > 10000:
            raise ValidationError("Keep a note under 10,000 characters.")
        return body


class InterviewForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = [
            "round_name",
            "kind",
            "starts_at",
            "duration_minutes",
            "interviewers",
            "questions",
            "notes",
            "self_rating",
        ]
        labels = {
            "round_name": "Round",
            "duration_minutes": "Duration (minutes)",
            "self_rating": "How it went for you (1–5)",
        }
        field_classes = {"interviewers": ModelMultipleChoiceField}
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "interviewers": QuickCheckboxes(),
            "self_rating": forms.Select(choices=RATING_CHOICES),
            "questions": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "round_name": "E.g. “Hiring manager chat” or “System design”.",
            "starts_at": "In your time zone.",
            "interviewers": "People from your contacts. They are linked to the application too.",
        }

    def __init__(self, *args, user, contacts=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["interviewers"]
        field.queryset = Contact.objects.for_user(user)
        if contacts is not None:
            field.choices = [(c.pk, str(c)) for c in contacts]

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        check_not_absurd(starts_at, future_days=INTERVIEW_FUTURE_DAYS)
        return starts_at


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["name", "kind", "loss_type"]
        help_texts = {
            "kind": "Open: not applied yet. Active: in progress. Offer, won and lost end it.",
        }

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("instance", Stage(user=user))
        super().__init__(*args, **kwargs)
        self.user = user
        loss_types = self.fields["loss_type"]
        loss_types.choices = [("", "— (lost stages only)"), *loss_types.choices[1:]]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError("Give the stage a name.")
        twin = (
            Stage.objects.for_user(self.user)
            .filter(name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if twin:
            raise ValidationError("You already have a stage with that name.")
        return name


class ApplicationContactForm(forms.Form):
    """Link someone to an application: a contact you have, or a new one typed in here."""

    contact = forms.ModelChoiceField(
        queryset=Contact.objects.none(),
        required=False,
        empty_label="— choose —",
        widget=QuickSelect,  # every contact: rendered without a template per option
    )
    new_name = forms.CharField(label="…or someone new: name", max_length=200, required=False)
    new_email = forms.EmailField(label="Their email", required=False)
    new_title = forms.CharField(label="Their title", max_length=200, required=False)
    role = forms.ChoiceField(choices=ContactRole.choices)

    def __init__(self, *args, user, application, contacts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.application = application
        self.fields["contact"].queryset = Contact.objects.for_user(user)
        if contacts is not None:
            # Already fetched: rendering the choices costs no query.
            self.fields["contact"].choices = [("", "— choose —")] + [
                (c.pk, str(c)) for c in contacts
            ]

    def clean(self):
        cleaned = super().clean()
        contact, name = cleaned.get("contact"), cleaned.get("new_name", "").strip()
        if contact is None and not name and "contact" not in self.errors:
            self.add_error("contact", "Choose a contact, or type the name of someone new.")
        if contact is not None and name:
            self.add_error("new_name", "Choose a contact or type a new name, not both.")
        return cleaned

    def save(self) -> ApplicationContact | None:
        """Link through ``ApplicationContact.link`` (its rules become form errors)."""
        try:
            return ApplicationContact.link(
                self.application,
                self.cleaned_data["role"],
                contact=self.cleaned_data["contact"],
                name=self.cleaned_data["new_name"],
                email=self.cleaned_data["new_email"],
                title=self.cleaned_data["new_title"],
            )
        except ValidationError as exc:
            self.add_error(None, exc)
            return None


# A pasted page larger than this is not one job posting (an upload may be up to 5 MB).
PASTE_LIMIT = 2_000_000
UPLOAD_LIMIT = 5 * 1024 * 1024


class PostingImportForm(forms.Form):
    """One of: the posting's address, the page's HTML or text pasted, or a saved page."""

    url = forms.URLField(
        label="The posting's address",
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text="Onward fetches the page and reads the job from it.",
    )
    pasted = forms.CharField(
        label="…or paste the page",
        required=False,
        max_length=PASTE_LIMIT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The page's HTML (View source, select all, copy), or just the job's text.",
    )
    file = forms.FileField(
        label="…or upload a saved page",
        required=False,
        help_text="A page saved from your browser (.html).",
        widget=forms.ClearableFileInput(attrs={"accept": ".html,.htm,text/html"}),
    )
    # Sent by the bookmarklet with the page's structured data: where it came from.
    page_url = forms.URLField(
        required=False, max_length=2000, assume_scheme="https", widget=forms.HiddenInput
    )

    def __init__(self, *args, can_fetch: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_fetch = can_fetch
        if not can_fetch:
            self.fields["url"].help_text = (
                "Fetching pages is turned off on this server: paste or upload the page, or use "
                "the bookmarklet."
            )
            self.fields["url"].widget.attrs["disabled"] = True

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > UPLOAD_LIMIT:
            raise ValidationError("That file is larger than 5 MB: it is not a saved job page.")
        return upload

    def clean(self):
        cleaned = super().clean()
        given = [name for name in ("url", "pasted", "file") if cleaned.get(name)]
        if self.errors:
            return cleaned
        if not given:
            raise ValidationError("Give the posting's address, paste the page, or upload it.")
        if len(given) > 1:
            raise ValidationError("Give only one of these: an address, a pasted page or a file.")
        if given == ["url"] and not self.can_fetch:
            self.add_error("url", self.fields["url"].help_text)
        return cleaned
