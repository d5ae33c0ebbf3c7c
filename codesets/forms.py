"""Forms of the code sets pages."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.files.uploadedfile import UploadedFile

from codesets.cpt import MAX_FILE_BYTES, VERSION_PATTERN, cpt_file_text


class CptUploadForm(forms.Form):
    upload_file = forms.FileField(
        label="CPT file",
        help_text="CSV in UTF-8, at most 5 MB: a code and its descriptor on each row, with or without a header row.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.tsv,text/csv,text/plain"}),
    )
    version = forms.RegexField(
        label="Version",
        regex=VERSION_PATTERN,
        max_length=40,
        help_text="The edition the file holds, for example 2026.",
        error_messages={"invalid": "Use letters, digits, dots and dashes, for example 2026."},
    )
    effective_from = forms.DateField(
        label="Effective from",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The first day this edition applies; CPT editions usually start on January 1.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            year = date.today().year
            self.initial.setdefault("version", str(year))
            self.initial.setdefault("effective_from", date(year, 1, 1))

    def clean_upload_file(self) -> UploadedFile:
        upload = self.cleaned_data["upload_file"]
        # Judge the file by its bytes, not by its name or the browser's type:
        # a spreadsheet workbook or a PDF renamed .csv is refused here.
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is 5 MB.", code="too_large"
            )
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        cpt_file_text(data)  # raises a ValidationError naming what is wrong
        return upload
