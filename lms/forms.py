from __future__ import annotations

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from lms.models import Role, Tenant, User, validate_accent_contrast
from lms.selectors import member_orderings

DEFAULT_MEMBER_SORT = "name"

# Magic numbers of the raster formats we accept for a logo. SVG is refused:
# it can carry script.
LOGO_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}
_IMAGE_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


def sniff_image(head: bytes) -> str | None:
    for signature, content_type in _IMAGE_SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows by id that refuses ids no row can have before asking the
    database (SQLite overflows on integers past 64 bits)."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if not text.isdigit() or not 0 < int(text) <= 2**62:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)
    role = forms.ChoiceField(label="Role", choices=Role.choices, initial=Role.STUDENT)


class MemberFilterForm(forms.Form):
    q = forms.CharField(label="Name or email", required=False, max_length=100)
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "All roles"), *Role.choices])
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), ("active", "Active"), ("inactive", "Inactive")]
    )
    # Set by the column headers; hidden so that filtering keeps the order.
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for key in member_orderings()], widget=forms.HiddenInput
    )

    def clean_sort(self) -> str:
        return self.cleaned_data.get("sort") or DEFAULT_MEMBER_SORT


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)
    is_active = forms.BooleanField(
        label="Active", label_suffix="", required=False, help_text="Inactive members cannot open anything of the school."
    )


class LogoInput(forms.ClearableFileInput):
    """The logo field: a preview of the current logo, a box to remove it and a file
    input to replace it, grouped under the field's legend."""

    template_name = "lms/widgets/logo_input.html"
    initial_text = "Current logo"
    clear_checkbox_label = "Remove the logo"
    input_text = "Replace the logo"
    upload_text = "Upload a logo"
    accept = ",".join(LOGO_EXTENSIONS)
    use_fieldset = True

    def __init__(self, attrs: dict | None = None):
        super().__init__({"accept": self.accept, **(attrs or {})})

    def id_for_label(self, id_: str) -> str:
        return ""  # the legend names the group; each control has its own label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["upload_text"] = self.upload_text
        return context


class SchoolSettingsForm(forms.ModelForm):
    accent_colour = forms.CharField(
        label="Accent colour",
        max_length=7,
        validators=[validate_accent_contrast],
        widget=forms.TextInput(attrs={"type": "color"}),
        help_text="Used for the header; white text on it must stay readable (contrast 4.5:1).",
    )

    class Meta:
        model = Tenant
        fields = ["name", "logo", "accent_colour", "time_zone", "signup_policy", "coding_partial_credit"]
        help_texts = {"logo": "PNG, JPEG or WebP, at most 512 KB.", "name": "Shown in the header and in emails."}
        labels = {"signup_policy": "Sign-up policy"}
        widgets = {"logo": LogoInput}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or not hasattr(logo, "content_type"):
            return logo  # unchanged or cleared
        if logo.size > settings.LOGO_MAX_BYTES:
            raise forms.ValidationError(f"The logo is {logo.size // 1024} KB; the limit is 512 KB.")
        head = logo.read(16)
        logo.seek(0)
        content_type = sniff_image(head)
        if content_type is None:
            raise forms.ValidationError("Upload a PNG, JPEG or WebP image.")
        # The stored name comes from the bytes, never from the uploader, so
        # the logo is always served as the image type it really is.
        logo.name = f"{uuid.uuid4().hex}.{LOGO_EXTENSIONS[content_type]}"
        logo.content_type = content_type
        return logo


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "time_zone", "credentials"]
        labels = {"full_name": "Full name", "time_zone": "Time zone", "credentials": "Credentials"}

    def __init__(self, *args, show_credentials: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_credentials:
            del self.fields["credentials"]


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form field it names, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
