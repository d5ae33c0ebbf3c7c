"""The upload form of enrollment imports."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from cohorts.import_rows import COLUMNS, MAX_FILE_BYTES, MAX_ROWS, read_import_file
from lms.uploads import read_upload


class EnrollmentImportForm(forms.Form):
    file = forms.FileField(
        label="Enrollment file (CSV)",
        help_text=(
            f"UTF-8 CSV, at most 5 MB and {MAX_ROWS:,} rows. The first row names the columns "
            f"{', '.join(COLUMNS)}; state is applied, waitlisted, active or dropped."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        # Judged by its bytes, not its name: a workbook renamed .csv is refused here.
        try:
            read_import_file(read_upload(upload, max_bytes=MAX_FILE_BYTES))
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return upload

    def data_bytes(self) -> bytes:
        return read_upload(self.cleaned_data["file"], max_bytes=MAX_FILE_BYTES)
