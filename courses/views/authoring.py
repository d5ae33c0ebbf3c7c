"""Authoring pages: the course builder; modules and lessons (create, edit, reorder, publish, delete);
a reading's images and attachments; an exercise's answer key; a course copied as a new version.

Registrars and the school's instructors author (``can_author_course``). Every
lookup by id filters by the school in the same query, so missing, malformed
and another school's ids all answer 404; a member of the school who may not
author gets 403. Reordering and publishing answer htmx with the builder's list,
keeping focus on the button that was pressed; without JavaScript they redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from courses.forms import MoveForm
from courses.forms_content import (
    LESSON_FORMS,
    DuplicateCourseForm,
    LessonFileForm,
    ModuleForm,
    key_line_formset,
)
from courses.models import Course, Lesson, LessonFile, Module, ModulePrerequisite
from courses.requirements import describe
from courses.selectors import content as selectors
from courses.services import content as services
from lms.forms import add_service_errors
from lms.permissions import is_instructor, is_registrar, member_required

AUTHORS_ONLY = "Only the school's registrars and instructors can author courses."


def _may_author(membership) -> bool:
    # The role half of can_author_course, for the page that lists courses; pages about
    # one course ask can_author_course once the course is found.
    return is_registrar(membership) or is_instructor(membership)


def author_page(view: Callable) -> Callable:
    """A member of the school; the view finds its object (404) and then checks the author rule (403)."""

    @member_required()
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return render(request, "lms/forbidden.html", {"message": AUTHORS_ONLY}, status=403)

    return wrapper


# --- lookups: by id, within the school, in one query ----------------------------------------


def _course(request: HttpRequest, course_id: object) -> Course:
    return selectors.authored_course_get(tenant=request.tenant, membership=request.membership, course_id=course_id)


def _module(request: HttpRequest, module_id: object) -> Module:
    return selectors.authored_module_get(tenant=request.tenant, membership=request.membership, module_id=module_id)


def _lesson(request: HttpRequest, lesson_id: object) -> Lesson:
    return selectors.authored_lesson_get(tenant=request.tenant, membership=request.membership, lesson_id=lesson_id)


def _lesson_file(request: HttpRequest, file_id: object) -> LessonFile:
    return selectors.authored_file_get(tenant=request.tenant, membership=request.membership, file_id=file_id)


def course_outline(course: Course) -> list[Module]:
    """The builder's modules, each marked with the ids and words its template shows."""
    modules = selectors.builder_modules(course)
    for module in modules:
        module.dom_id = f"module-{module.pk}"
        module.requirement_words = describe(module)
        for lesson in module.lesson_list:
            lesson.dom_id = f"lesson-{lesson.pk}"
            lesson.detail = _lesson_detail(lesson)
    return modules


def _lesson_detail(lesson: Lesson) -> str:
    if lesson.kind == Lesson.Kind.VIDEO and lesson.duration_seconds:
        minutes, seconds = divmod(lesson.duration_seconds, 60)
        return f"Length {minutes}:{seconds:02d}"
    if lesson.kind == Lesson.Kind.EXERCISE:
        count = lesson.key_line_count
        return f"{count} answer line{'' if count == 1 else 's'}" if count else "No answer key yet"
    return ""


def _posted(request: HttpRequest):
    """The form data of a POST, even an empty one (an unticked confirmation box sends nothing)."""
    return request.POST if request.method == "POST" else None


# --- the course list and the builder --------------------------------------------------------


@member_required(_may_author, AUTHORS_ONLY)
def authoring_courses(request: HttpRequest) -> HttpResponse:
    courses = (
        Course.objects.filter(tenant=request.tenant)
        .annotate(module_count=Count("modules", distinct=True), lesson_count=Count("modules__lessons", distinct=True))
        .order_by("code", "version", "id")
    )
    return render(request, "courses/authoring/course_list.html", {"courses": courses})


def _mark_focus(modules: list[Module], focus: str) -> None:
    """Put ``autofocus`` on the button named by ``focus`` ("module-3-up", "lesson-9-publish")."""
    for module in modules:
        module.focus = focus.removeprefix(f"module-{module.pk}-") if focus.startswith(f"module-{module.pk}-") else ""
        for lesson in module.lesson_list:
            prefix = f"lesson-{lesson.pk}-"
            lesson.focus = focus.removeprefix(prefix) if focus.startswith(prefix) else ""


def _outline_context(course: Course, focus: str = "", status: str = "") -> dict:
    modules = course_outline(course)
    _mark_focus(modules, focus)
    return {"course": course, "modules": modules, "status": status}


@author_page
def course_content(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id)
    context = _outline_context(course, focus=request.GET.get("focus", "")[:40])
    return render(request, "courses/authoring/builder.html", context)


def _after_change(request: HttpRequest, course: Course, *, focus: str, message: str, ok: bool) -> HttpResponse:
    """htmx gets the builder's list (with the message read out); a plain form post is redirected."""
    if request.htmx:
        context = _outline_context(course, focus=focus, status=message)
        return render(request, "courses/authoring/partials/outline.html", context)
    (messages.success if ok else messages.error)(request, message)
    return redirect(f"{reverse('courses:course_content', args=[course.pk])}?focus={focus}")


def _ids_in_order(rows) -> list[int]:
    return list(rows.order_by("position", "id").values_list("pk", flat=True))


def _move_focus(kind: str, pk: int, direction: str, index: int, count: int) -> str:
    """The moved item's button in the direction it went, or the other one once it reached an end."""
    if direction == "up" and index == 0 and count > 1:
        direction = "down"
    elif direction == "down" and index == count - 1 and count > 1:
        direction = "up"
    return f"{kind}-{pk}-{direction}"


# --- modules -------------------------------------------------------------------------------


def _module_form_page(request: HttpRequest, form: ModuleForm, course: Course, module: Module | None) -> HttpResponse:
    context = {"form": form, "course": course, "module": module}
    return render(request, "courses/authoring/module_form.html", context, status=400 if form.errors else 200)


@author_page
@require_http_methods(["GET", "POST"])
def module_create(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id)
    form = ModuleForm(_posted(request), course=course)
    if request.method == "POST" and form.is_valid():
        fields, prerequisites = form.service_fields()
        try:
            module = services.module_save(
                tenant=request.tenant, actor=request.user, course=course, fields=fields, prerequisites=prerequisites
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Added the module “{module.title}”. It stays hidden from students until you publish it.")
            return redirect(f"{reverse('courses:course_content', args=[course.pk])}#module-{module.pk}")
    return _module_form_page(request, form, course, None)


@author_page
@require_http_methods(["GET", "POST"])
def module_edit(request: HttpRequest, module_id: int) -> HttpResponse:
    module = _module(request, module_id)
    form = ModuleForm(_posted(request), instance=module, course=module.course)
    if request.method == "POST" and form.is_valid():
        fields, prerequisites = form.service_fields()
        try:
            services.module_save(
                tenant=request.tenant, actor=request.user, course=module.course, module=module, fields=fields,
                prerequisites=prerequisites,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            module = _module(request, module_id)  # as stored, not as refused
        else:
            messages.success(request, f"Saved the module “{module.title}”.")
            return redirect(f"{reverse('courses:course_content', args=[module.course_id])}#module-{module.pk}")
    return _module_form_page(request, form, module.course, module)


@author_page
@require_POST
def module_move(request: HttpRequest, module_id: int) -> HttpResponse:
    module = _module(request, module_id)
    form = MoveForm(request.POST)
    direction = form.cleaned_data["direction"] if form.is_valid() else ""
    try:
        services.module_move(tenant=request.tenant, actor=request.user, module=module, direction=direction)
    except ValidationError as exc:
        message, ok = " ".join(exc.messages), False
    else:
        message, ok = f"Moved “{module.title}” {direction}: it is now module {module.position}.", True
    order = _ids_in_order(Module.objects.filter(tenant=request.tenant, course=module.course_id))
    focus = _move_focus("module", module.pk, direction or "up", order.index(module.pk), len(order))
    return _after_change(request, module.course, focus=focus, message=message, ok=ok)


def _published(request: HttpRequest) -> bool | None:
    return {"yes": True, "no": False}.get(request.POST.get("published", ""))


@author_page
@require_POST
def module_publish(request: HttpRequest, module_id: int) -> HttpResponse:
    module = _module(request, module_id)
    published = _published(request)
    if published is None:
        return _after_change(request, module.course, focus=f"module-{module.pk}-publish",
                             message="Choose whether to publish or hide the module.", ok=False)
    services.module_set_published(tenant=request.tenant, actor=request.user, module=module, published=published)
    message = (
        f"Published “{module.title}”: students see it from its release date."
        if published else f"Hid “{module.title}” from students; their progress is kept."
    )
    return _after_change(request, module.course, focus=f"module-{module.pk}-publish", message=message, ok=True)


@author_page
@require_http_methods(["GET", "POST"])
def module_delete(request: HttpRequest, module_id: int) -> HttpResponse:
    module = _module(request, module_id)
    builder = reverse("courses:course_content", args=[module.course_id])
    if request.method == "POST":
        try:
            services.module_delete(tenant=request.tenant, actor=request.user, module=module)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(f"{builder}#module-{module.pk}")
        messages.success(request, f"Deleted the module “{module.title}” and its lessons.")
        return redirect(builder)
    context = {
        "course": module.course, "what": "module", "title": module.title, "back": builder,
        "lesson_count": module.lessons.count(),
        "required_by": list(ModulePrerequisite.objects.filter(required=module).values_list("module__title", flat=True)),
    }
    return render(request, "courses/authoring/confirm_delete.html", context)


# --- lessons -------------------------------------------------------------------------------


def _lesson_page(
    request: HttpRequest, *, module: Module, kind: str, form, lesson: Lesson | None = None, key_formset=None,
    key_errors: list[str] | None = None, file_form: LessonFileForm | None = None, status: int = 200,
) -> HttpResponse:
    if kind == Lesson.Kind.EXERCISE and key_formset is None:
        key_formset = key_line_formset(lesson=lesson)
    files = list(lesson.files.order_by("role", "name", "id")) if lesson is not None else []
    context = {
        "course": module.course, "module": module, "lesson": lesson, "kind": kind,
        "kind_label": Lesson.Kind(kind).label, "form": form, "key_formset": key_formset,
        "key_errors": key_errors or [], "files": files,
        "file_form": (file_form or LessonFileForm()) if kind == Lesson.Kind.READING and lesson else None,
    }
    return render(request, "courses/authoring/lesson_form.html", context, status=status)


def _save_lesson(request: HttpRequest, *, module: Module, kind: str, form, lesson: Lesson | None, key_formset):
    """Save the lesson (and an exercise's key, in the same transaction); the saved lesson, or None with errors shown."""
    fields = form.service_fields()
    if lesson is None:
        fields["kind"] = kind
    files = {name: request.FILES.get(name) for name in form.file_fields}
    try:
        with services.storing_files(), transaction.atomic():
            saved = services.lesson_save(
                tenant=request.tenant, actor=request.user, module=module, lesson=lesson, fields=fields, **files
            )
            lines = key_formset.lines() if key_formset is not None else []
            if key_formset is not None and (lines or saved.key_lines.exists()):
                try:
                    services.key_lines_replace(tenant=request.tenant, actor=request.user, lesson=saved, lines=lines)
                except ValidationError as exc:
                    raise _KeyRefused(exc.messages) from None
    except _KeyRefused as refused:
        return None, refused.messages
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None, []
    return saved, []


class _KeyRefused(Exception):
    def __init__(self, messages: list[str]):
        super().__init__(messages)
        self.messages = messages


def _lesson_post(request: HttpRequest, *, module: Module, kind: str, lesson: Lesson | None) -> HttpResponse:
    form_class = LESSON_FORMS[kind]
    form = form_class(request.POST, request.FILES, instance=lesson, tenant=request.tenant)
    key_formset = None
    if kind == Lesson.Kind.EXERCISE:
        add_line = "add_line" in request.POST
        key_formset = key_line_formset(request.POST, lesson=lesson, add_line=add_line)
        if add_line:  # another blank row; nothing is saved yet
            form.is_valid()
            form.errors.clear()
            return _lesson_page(request, module=module, kind=kind, form=form, lesson=lesson, key_formset=key_formset)
    valid = form.is_valid() & (key_formset is None or key_formset.is_valid())
    key_errors: list[str] = []
    if valid:
        saved, key_errors = _save_lesson(request, module=module, kind=kind, form=form, lesson=lesson, key_formset=key_formset)
        if saved is not None:
            verb = "Added" if lesson is None else "Saved"
            hint = " It stays hidden from students until you publish it." if lesson is None else ""
            messages.success(request, f"{verb} the {Lesson.Kind(kind).label.lower()} “{saved.title}”.{hint}")
            if lesson is None and kind == Lesson.Kind.READING:
                return redirect(f"{reverse('courses:lesson_edit', args=[saved.pk])}#files-heading")
            return redirect(f"{reverse('courses:course_content', args=[module.course_id])}#lesson-{saved.pk}")
    if lesson is not None:
        lesson = _lesson(request, lesson.pk)  # as stored, not as refused
    return _lesson_page(
        request, module=module, kind=kind, form=form, lesson=lesson, key_formset=key_formset, key_errors=key_errors,
        status=400,
    )


@author_page
@require_http_methods(["GET", "POST"])
def lesson_create(request: HttpRequest, module_id: int, kind: str) -> HttpResponse:
    module = _module(request, module_id)
    if kind not in LESSON_FORMS:
        raise Http404("No such kind of lesson.")
    if request.method == "POST":
        return _lesson_post(request, module=module, kind=kind, lesson=None)
    form = LESSON_FORMS[kind](tenant=request.tenant)
    return _lesson_page(request, module=module, kind=kind, form=form)


@author_page
@require_http_methods(["GET", "POST"])
def lesson_edit(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = _lesson(request, lesson_id)
    if request.method == "POST":
        return _lesson_post(request, module=lesson.module, kind=lesson.kind, lesson=lesson)
    form = LESSON_FORMS[lesson.kind](instance=lesson, tenant=request.tenant)
    return _lesson_page(request, module=lesson.module, kind=lesson.kind, form=form, lesson=lesson)


@author_page
@require_POST
def lesson_move(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = _lesson(request, lesson_id)
    form = MoveForm(request.POST)
    direction = form.cleaned_data["direction"] if form.is_valid() else ""
    try:
        services.lesson_move(tenant=request.tenant, actor=request.user, lesson=lesson, direction=direction)
    except ValidationError as exc:
        message, ok = " ".join(exc.messages), False
    else:
        where = f"it is now lesson {lesson.position} of “{lesson.module.title}”"
        message, ok = f"Moved “{lesson.title}” {direction}: {where}.", True
    order = _ids_in_order(Lesson.objects.filter(tenant=request.tenant, module=lesson.module_id))
    focus = _move_focus("lesson", lesson.pk, direction or "up", order.index(lesson.pk), len(order))
    return _after_change(request, lesson.module.course, focus=focus, message=message, ok=ok)


@author_page
@require_POST
def lesson_publish(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = _lesson(request, lesson_id)
    published = _published(request)
    focus = f"lesson-{lesson.pk}-publish"
    course = lesson.module.course
    if published is None:
        return _after_change(request, course, focus=focus, message="Choose whether to publish or hide the lesson.", ok=False)
    try:
        services.lesson_set_published(tenant=request.tenant, actor=request.user, lesson=lesson, published=published)
    except ValidationError as exc:
        return _after_change(request, course, focus=focus, message=" ".join(exc.messages), ok=False)
    message = f"Published “{lesson.title}”." if published else f"Hid “{lesson.title}” from students."
    return _after_change(request, course, focus=focus, message=message, ok=True)


@author_page
@require_http_methods(["GET", "POST"])
def lesson_delete(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = _lesson(request, lesson_id)
    builder = reverse("courses:course_content", args=[lesson.module.course_id])
    if request.method == "POST":
        services.lesson_delete(tenant=request.tenant, actor=request.user, lesson=lesson)
        messages.success(request, f"Deleted the lesson “{lesson.title}”.")
        return redirect(f"{builder}#module-{lesson.module_id}")
    context = {"course": lesson.module.course, "what": "lesson", "title": lesson.title, "back": builder,
               "kind_label": lesson.get_kind_display()}
    return render(request, "courses/authoring/confirm_delete.html", context)


# --- a lesson's files ----------------------------------------------------------------------------


@author_page
@require_POST
def lesson_file_upload(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = _lesson(request, lesson_id)
    file_form = LessonFileForm(request.POST, request.FILES)
    if file_form.is_valid():
        data = file_form.cleaned_data
        try:
            added = services.lesson_file_add(
                tenant=request.tenant, actor=request.user, lesson=lesson, role=data["role"], upload=data["upload"],
                name=data["name"],
            )
        except ValidationError as exc:
            add_service_errors(file_form, exc)
        else:
            hint = f" Show it in the reading with ![what it shows](image:{added.name})." if added.role == "image" else ""
            messages.success(request, f"Uploaded “{added.name}”.{hint}")
            return redirect(f"{reverse('courses:lesson_edit', args=[lesson.pk])}#files-heading")
    form = LESSON_FORMS[lesson.kind](instance=lesson, tenant=request.tenant)
    return _lesson_page(request, module=lesson.module, kind=lesson.kind, form=form, lesson=lesson,
                        file_form=file_form, status=400)


@author_page
@require_http_methods(["GET", "POST"])
def lesson_file_delete(request: HttpRequest, file_id: int) -> HttpResponse:
    found = _lesson_file(request, file_id)
    back = f"{reverse('courses:lesson_edit', args=[found.lesson_id])}#files-heading"
    if request.method == "POST":
        try:
            services.lesson_file_delete(tenant=request.tenant, actor=request.user, lesson_file=found)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Deleted “{found.name}”.")
        return redirect(back)
    context = {"course": found.lesson.module.course, "what": found.get_role_display().lower(), "title": found.name,
               "back": back}
    return render(request, "courses/authoring/confirm_delete.html", context)


# --- a new version -------------------------------------------------------------------------------


@author_page
@require_http_methods(["GET", "POST"])
def course_duplicate(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id)
    form = DuplicateCourseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.course_duplicate(tenant=request.tenant, actor=request.user, course=course)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Made version {copy.version} of {copy.code}. You are editing the new version.")
            return redirect("courses:course_content", course_id=copy.pk)
    context = {
        "course": course, "form": form,
        "module_count": course.modules.count(),
        "lesson_count": Lesson.objects.filter(tenant=request.tenant, module__course=course).count(),
        "next_version": _highest_version(request, course) + 1,
    }
    return render(request, "courses/authoring/duplicate.html", context, status=400 if form.errors else 200)


def _highest_version(request: HttpRequest, course: Course) -> int:
    versions = Course.objects.filter(tenant=request.tenant, code=course.code).order_by("-version")
    return versions.values_list("version", flat=True).first() or course.version


def _lesson_routes() -> list:
    # One route per kind with the kind as a fixed part of the path, so every id a route takes is a real id.
    return [
        path(f"courses/modules/<int:module_id>/lessons/new/{kind}/", lesson_create, {"kind": kind}, name="lesson_create")
        for kind in LESSON_FORMS
    ]


urlpatterns = [
    path("courses/authoring/", authoring_courses, name="authoring_courses"),
    path("courses/<int:course_id>/content/", course_content, name="course_content"),
    path("courses/<int:course_id>/modules/new/", module_create, name="module_create"),
    path("courses/<int:course_id>/duplicate/", course_duplicate, name="course_duplicate"),
    path("courses/modules/<int:module_id>/edit/", module_edit, name="module_edit"),
    path("courses/modules/<int:module_id>/move/", module_move, name="module_move"),
    path("courses/modules/<int:module_id>/publish/", module_publish, name="module_publish"),
    path("courses/modules/<int:module_id>/delete/", module_delete, name="module_delete"),
    *_lesson_routes(),
    path("courses/lessons/<int:lesson_id>/edit/", lesson_edit, name="lesson_edit"),
    path("courses/lessons/<int:lesson_id>/move/", lesson_move, name="lesson_move"),
    path("courses/lessons/<int:lesson_id>/publish/", lesson_publish, name="lesson_publish"),
    path("courses/lessons/<int:lesson_id>/delete/", lesson_delete, name="lesson_delete"),
    path("courses/lessons/<int:lesson_id>/files/", lesson_file_upload, name="lesson_file_upload"),
    path("courses/lesson-files/<int:file_id>/delete/", lesson_file_delete, name="lesson_file_delete"),
]
