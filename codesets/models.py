"""Code-set reference data: releases of ICD-10-CM, HCPCS Level II and CPT.

ICD-10-CM and HCPCS are public and shared by every school (``tenant`` is
null). CPT is licensed per school: its releases and codes carry the tenant
that uploaded them and no other school sees them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length


class System(models.TextChoices):
    ICD10CM = "icd10cm", "ICD-10-CM"
    HCPCS = "hcpcs", "HCPCS Level II"
    CPT = "cpt", "CPT"


class Release(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to load"
        LOADING = "loading", "Loading"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    tenant = models.ForeignKey(
        "lms.Tenant", null=True, blank=True, on_delete=models.CASCADE, related_name="code_releases",
        help_text="Set only for a school's licensed CPT file.",
    )
    system = models.CharField(max_length=10, choices=System.choices)
    version = models.CharField(max_length=40, help_text="For example 2026-04 or 2016.")
    title = models.CharField(max_length=200, blank=True)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=255, blank=True, help_text="Package or file it was loaded from.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent loaded.")
    message = models.TextField(blank=True, help_text="Why loading failed, or what it found.")
    item_count = models.PositiveIntegerField(default=0)
    billable_count = models.PositiveIntegerField(default=0)
    upload = models.FileField(upload_to="cpt-uploads/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    loaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["system", "-effective_from", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "version"], condition=Q(tenant__isnull=True), name="release_public_version_unique"
            ),
            models.UniqueConstraint(
                fields=["tenant", "system", "version"],
                condition=Q(tenant__isnull=False),
                name="release_tenant_version_unique",
            ),
            models.CheckConstraint(
                condition=Q(system="cpt", tenant__isnull=False) | (~Q(system="cpt") & Q(tenant__isnull=True)),
                name="release_only_cpt_is_licensed_per_tenant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_system_display()} {self.version}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY


class Code(models.Model):
    """One item of a release: a tabular node (chapter to 7th-character code), a HCPCS code or modifier, a CPT code."""

    class Kind(models.TextChoices):
        CHAPTER = "chapter", "Chapter"
        BLOCK = "block", "Block"
        CATEGORY = "category", "Category"
        SUBCATEGORY = "subcategory", "Subcategory"
        EXTENSION = "extension", "Code with 7th character"
        PROCEDURE = "procedure", "Procedure or supply"
        MODIFIER = "modifier", "Modifier"

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="codes")
    tenant = models.ForeignKey("lms.Tenant", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    system = models.CharField(max_length=10, choices=System.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    code = models.CharField(max_length=16, help_text="As printed: E11.65, S72.001A, A00-A09, J1100, LT.")
    key = models.CharField(max_length=16, help_text="Upper case without the dot: E1165.")
    description = models.TextField()
    short_description = models.CharField(max_length=60, blank=True)
    terms = models.TextField(blank=True, help_text="Inclusion terms, one per line; searched with the description.")
    billable = models.BooleanField(default=False)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    lineage = models.JSONField(default=list, blank=True, help_text="Ids of the ancestors, root first.")
    position = models.PositiveIntegerField(default=0, help_text="Order in the tabular or the file.")
    # HCPCS record dates and action code
    added_on = models.DateField(null=True, blank=True)
    effective_on = models.DateField(null=True, blank=True)
    terminated_on = models.DateField(null=True, blank=True)
    action_code = models.CharField(max_length=1, blank=True)
    # Filled on PostgreSQL only (full-text search); SQLite uses an FTS5 table.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["release_id", "position"]
        indexes = [
            models.Index(fields=["release", "key"], name="code_release_key"),
            models.Index(fields=["parent", "position"], name="code_parent_position"),
            # Word matches are listed shortest description first (the general code before its details);
            # this index lets a common word stop after the first page instead of sorting every match.
            models.Index(Length("description"), F("key"), name="code_description_length"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "key"],
                condition=~Q(kind__in=["chapter", "block"]),
                name="code_unique_key_per_release",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.description}"

    @property
    def is_header(self) -> bool:
        return self.kind in (self.Kind.CHAPTER, self.Kind.BLOCK)


class NoteKind(models.TextChoices):
    INCLUDES = "includes", "Includes"
    INCLUSION_TERM = "inclusion_term", "Inclusion terms"
    EXCLUDES1 = "excludes1", "Excludes1"
    EXCLUDES2 = "excludes2", "Excludes2"
    CODE_FIRST = "code_first", "Code first"
    USE_ADDITIONAL = "use_additional", "Use additional code"
    CODE_ALSO = "code_also", "Code also"
    NOTE = "note", "Note"
    SEVENTH_CHARACTER = "seventh_character", "7th character note"


class Note(models.Model):
    """A tabular note line on a code (or on a chapter or block, where it covers every code below)."""

    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=20, choices=NoteKind.choices)
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["code_id", "position"]
        indexes = [models.Index(fields=["code", "kind"], name="note_code_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"


class NoteReference(models.Model):
    """A code or range a note names, as written, with the item it links to.

    ``start`` and ``end`` are keys without dots or dashes; a code matches when
    its key's leading characters fall between them (``E08``-``E13`` covers
    E11.65). A reference with a condition ("with fifth character 5") is linked
    but not used to decide conflicts.
    """

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="references")
    text = models.CharField(max_length=40)
    start = models.CharField(max_length=16)
    end = models.CharField(max_length=16)
    qualified = models.BooleanField(default=False)
    target = models.ForeignKey(Code, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["note_id", "id"]

    def __str__(self) -> str:
        return self.text

    def covers(self, key: str) -> bool:
        return key[: len(self.start)] >= self.start and key[: len(self.end)] <= self.end


class SeventhCharacter(models.Model):
    """One row of a 7th-character table; codes below the defining item inherit it."""

    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="seventh_characters")
    character = models.CharField(max_length=1)
    description = models.CharField(max_length=255)

    class Meta:
        ordering = ["code_id", "character"]
        constraints = [
            models.UniqueConstraint(fields=["code", "character"], name="seventh_character_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.character}: {self.description}"


class SearchWord(models.Model):
    """Distinct words of the public code sets' descriptions and of the Index; typos are corrected against them
    (``codesets.typos``, the same on every database).

    Only releases shared by every school feed it: a school's licensed CPT words must not
    surface in another school's corrections.
    """

    word = models.CharField(max_length=60, unique=True)
    # 0 for a word only the Index uses: the code search's plans read how many codes use a word.
    documents = models.PositiveIntegerField(default=0, help_text="How many codes use the word.")

    def __str__(self) -> str:
        return self.word


class IndexKind(models.TextChoices):
    INDEX = "index", "Index to Diseases and Injuries"
    NEOPLASM = "neoplasm", "Table of Neoplasms"
    DRUG = "drug", "Table of Drugs and Chemicals"
    EXTERNAL = "external", "External Cause Index"


class CodeStatus(models.TextChoices):
    """What the Tabular says of a code printed in the Index (the Index alone never makes a code final)."""

    BILLABLE = "billable", "Billable"
    INCOMPLETE = "incomplete", "Incomplete: finish it in the Tabular"
    NEEDS_MORE = "needs_more", "Needs more characters"
    NOT_IN_TABULAR = "not_in_tabular", "Not in the Tabular"


class IndexRelease(models.Model):
    """One year's ICD-10-CM indexes (the Alphabetic Index, its two tables, the External Cause Index),
    read beside the tabular release whose codes they were checked against."""

    version = models.CharField(max_length=40, unique=True, help_text="The indexes' fiscal year, for example 2025.")
    title = models.CharField(max_length=200, blank=True)
    tabular = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="indexes",
                                help_text="The ICD-10-CM tabular release the codes were checked against.")
    source = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Release.Status.choices, default=Release.Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    counts = models.JSONField(default=dict, blank=True, help_text="What the load found, by index: main terms, terms, codes, references.")
    headings = models.JSONField(default=dict, blank=True, help_text="Column headings of each table, by kind.")
    created_at = models.DateTimeField(auto_now_add=True)
    loaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version", "-id"]

    def __str__(self) -> str:
        return f"ICD-10-CM Index {self.version}"

    @property
    def is_ready(self) -> bool:
        return self.status == Release.Status.READY


class IndexTerm(models.Model):
    """A main term or a subterm of one of the indexes, in the printed order.

    ``trail`` holds the titles from the main term down to this term, without
    their nonessential modifiers; ``nemod`` is this term's own modifiers, as
    printed: "(mellitus) (sugar)". A term of a table carries its row of
    ``cells`` (one per column heading: {"code", "status"} or null).
    """

    release = models.ForeignKey(IndexRelease, on_delete=models.CASCADE, related_name="terms")
    kind = models.CharField(max_length=10, choices=IndexKind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    main = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                             help_text="The main term this term belongs to (itself for a main term).")
    depth = models.PositiveSmallIntegerField(default=0, help_text="0 for a main term, 1 for its subterms, ...")
    position = models.PositiveIntegerField(default=0, help_text="Order in the file.")
    letter = models.CharField(max_length=1, blank=True, help_text="The letter of the index it is printed under.")
    # On PostgreSQL the column is COLLATE "C" (migration 0005), so a prefix range works under any locale;
    # an AlterField here must keep it.
    lead = models.CharField(max_length=60, blank=True, help_text="The main term's first word, lower case: what a coder looks up first.")
    title = models.CharField(max_length=400)
    nemod = models.CharField(max_length=400, blank=True)
    trail = models.JSONField(default=list)
    code = models.CharField(max_length=16, blank=True, help_text="As printed; an incomplete code ends in '-'.")
    code_status = models.CharField(max_length=14, choices=CodeStatus.choices, blank=True)
    target = models.ForeignKey(Code, null=True, blank=True, on_delete=models.SET_NULL, related_name="index_terms",
                               help_text="The tabular item the code names (for an incomplete code, the one to finish it under).")
    see = models.CharField(max_length=400, blank=True)
    see_also = models.CharField(max_length=400, blank=True)
    see_term = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    see_also_term = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    cells = models.JSONField(null=True, blank=True)
    # Filled on PostgreSQL only (main term weighted A, subterms B, modifiers C); SQLite uses an FTS5 table.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["release_id", "kind", "position"]
        indexes = [
            models.Index(fields=["release", "kind", "depth", "title"], name="indexterm_main_title"),
            models.Index(fields=["main", "depth", "position"], name="indexterm_main_depth"),
            models.Index(fields=["parent", "position"], name="indexterm_parent_position"),
            models.Index(fields=["release", "kind", "depth", "position"], name="indexterm_kind_depth"),
            models.Index(fields=["release", "kind", "letter", "position"], name="indexterm_letter"),
            models.Index(fields=["release", "kind", "lead", "depth", "position"], name="indexterm_lead"),
        ]

    def __str__(self) -> str:
        return " > ".join(self.trail) or self.title
