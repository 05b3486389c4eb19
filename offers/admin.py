"""Admin for offers and the Compact's commitments: staff keep their own offers current.

Who may see and change what is decided per object by rules (staff/rules.py, staff/scope.py);
the querysets here only ever hold what the user may see (staff/selectors.py).
"""

import base64
import binascii
import itertools
import zlib
from collections import defaultdict

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from simple_history.models import ModelChange, ModelDelta

from offers import workflow
from offers.csv_io import MAX_BYTES, offers_csv_write, offers_for_csv
from offers.models import Commitment, CommitmentStatus, Offer, Provider, Theme, check_due_cutoff
from offers.services import (
    offer_act,
    offer_content_changed,
    offer_state,
    offers_check_confirm,
    offers_import,
)
from offers.translation_admin import TranslatedAdmin
from staff.admin_base import ScopedAdmin
from staff.scope import scope_of
from staff.selectors import (
    areas_for_offers_by,
    commitment_statuses_visible_to,
    offers_visible_to,
    overdue_offers_for,
    providers_for_offers_by,
)
from staff.widgets import LabelledAutocompleteSelect

# Workflow steps as change-form buttons: (POST name, action, label).
WORKFLOW_BUTTONS = [
    ("_ask_approval", workflow.Action.ASK_APPROVAL, gettext_lazy("Save and ask for approval")),
    ("_publish", workflow.Action.PUBLISH, gettext_lazy("Save and publish")),
    ("_withdraw", workflow.Action.WITHDRAW, gettext_lazy("Save and withdraw")),
    ("_return_to_draft", workflow.Action.RETURN_TO_DRAFT, gettext_lazy("Save and return to draft")),
]
CONFIRM_BUTTON = "_confirm_checked"
# Set by the workflow and by "confirm still right", never by the form, and kept as they
# are when an old version is restored from history.
WORKFLOW_FIELDS = [
    "status",
    "published_at",
    "published_by_id",
    "withdrawn_at",
    "withdrawn_by_id",
    "approval_requested_at",
    "approval_requested_by_id",
    "last_checked",
    "last_checked_by_id",
]
IMPORT_SALT = "offers.admin.import"
# Shown, never edited: the workflow sets them (read-only fields of "Publishing").
PUBLISHING_FIELDS = (
    "status",
    "workflow_summary",
    "published_at",
    "published_by",
    "withdrawn_at",
    "withdrawn_by",
    "approval_requested_at",
    "approval_requested_by",
    "created_at",
    "updated_at",
)


class CheckFilter(admin.SimpleListFilter):
    title = gettext_lazy("last checked")
    parameter_name = "check"

    def lookups(self, request, model_admin):
        return [
            ("due", _("Overdue: not checked for 6 months")),
            ("ok", _("Checked in the last 6 months")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.overdue_for_check(today)
        if self.value() == "ok":
            return queryset.filter(last_checked__gte=check_due_cutoff(today))
        return queryset


class ApprovalFilter(admin.SimpleListFilter):
    title = gettext_lazy("approval")
    parameter_name = "approval"

    def lookups(self, request, model_admin):
        return [("waiting", _("Waiting for a second person to approve"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(status=Offer.Status.DRAFT, approval_requested_by__isnull=False)
        return queryset


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "UTF-8 CSV, as Excel saves it with “CSV UTF-8 (Comma delimited)”. "
            "The columns are listed below."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 5 MB. Split it into parts."))
        return upload


@admin.register(Offer)
class OfferAdmin(TranslatedAdmin, ScopedAdmin):
    list_display = (
        "title",
        "area",
        "provider",
        "status_label",
        "last_checked",
        "check_state",
        "confirm_button",
    )
    list_select_related = ("area", "provider")
    list_filter = (
        "status",
        CheckFilter,
        ApprovalFilter,
        ("area", RelatedOnlyFieldListFilter),
        ("provider", RelatedOnlyFieldListFilter),
        "themes",
    )
    search_fields = ("title", "summary", "provider__name")
    search_help_text = gettext_lazy("Search titles, summaries and providers.")
    actions = ["confirm_checked", "publish_selected", "withdraw_selected", "export_selected"]
    readonly_fields = ("last_checked", "last_checked_by", *PUBLISHING_FIELDS)
    fieldsets = (
        (
            gettext_lazy("The offer"),
            {
                "fields": (
                    "title",
                    "summary",
                    "details",
                    "how_to_get",
                    "documents_needed",
                    "cost",
                    "contact",
                    "url",
                )
            },
        ),
        (
            gettext_lazy("Who makes it, and who can get it"),
            {
                "fields": (
                    "provider",
                    "area",
                    "themes",
                    "must_live_in_area",
                    "must_be_looked_after_by_area",
                    "min_age",
                    "max_age",
                    "conditions",
                    "not_yet_confirmed",
                    "starts_on",
                    "ends_on",
                )
            },
        ),
        (
            gettext_lazy("Source and checks"),
            {"fields": ("source_url", "last_checked", "last_checked_by")},
        ),
        (gettext_lazy("Publishing"), {"fields": PUBLISHING_FIELDS}),
    )

    # --- What the user may see and pick ---------------------------------------------------
    def get_queryset(self, request):
        return offers_visible_to(request.user, super().get_queryset(request))

    def get_autocomplete_fields(self, request):
        # A provider editor has one provider to choose: a plain select shows just that.
        if scope_of(request.user).role == "provider-editor":
            return ()
        return ("provider",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "area":
            kwargs["queryset"] = areas_for_offers_by(request.user)
        elif db_field.name == "provider":
            kwargs["queryset"] = providers_for_offers_by(request.user)
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LabelledAutocompleteSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "themes":
            kwargs["widget"] = forms.CheckboxSelectMultiple  # no JavaScript, easy to tap
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        scope = scope_of(request.user)
        if scope.area_id and "area" not in initial:
            initial["area"] = scope.area_id
        if scope.provider_id and "provider" not in initial:
            initial["provider"] = scope.provider_id
        return initial

    # --- List columns -------------------------------------------------------------------
    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, offer):
        label = offer.get_status_display()
        if offer.status == Offer.Status.DRAFT and offer.approval_requested_by_id:
            return _("%s (waiting for approval)") % label
        return label

    @admin.display(description=gettext_lazy("check"))
    def check_state(self, offer):
        if offer.status == Offer.Status.WITHDRAWN:
            return "—"
        cutoff = check_due_cutoff(timezone.localdate())
        if offer.last_checked is None or offer.last_checked < cutoff:
            return format_html('<strong class="check-overdue">{}</strong>', _("Overdue"))
        return _("Up to date")

    @admin.display(description=gettext_lazy("still right?"))
    def confirm_button(self, offer):
        if not getattr(offer, "editable", False) or offer.status == Offer.Status.WITHDRAWN:
            return "—"
        # Inside the changelist's own form (which holds the CSRF token): one click posts
        # to this offer's confirm URL. No JavaScript needed.
        return format_html(
            '<button type="submit" class="button" formaction="{}" formmethod="post">'
            '{}<span class="visually-hidden"> {}</span></button>',
            reverse("admin:offers_offer_confirm_checked", args=[offer.pk]),
            _("Confirm"),
            _("that “%s” is still right") % offer.title,
        )

    @admin.display(description=gettext_lazy("where it stands"))
    def workflow_summary(self, offer):
        if offer._state.adding:
            return _("A new offer is saved as a draft.")
        if offer.status == Offer.Status.DRAFT and offer.approval_requested_by_id:
            return _("Waiting for approval, asked for by %(user)s on %(date)s.") % {
                "user": offer.approval_requested_by,
                "date": timezone.localtime(offer.approval_requested_at).strftime("%d/%m/%Y"),
            }
        reason = workflow.refusal(workflow.Action.PUBLISH, offer_state(offer), user_id=None)
        if offer.status == Offer.Status.DRAFT and reason:
            return _("Not yet public. To publish: %s") % reason
        if offer.status == Offer.Status.DRAFT:
            return _("Not yet public.")
        if offer.status == Offer.Status.PUBLISHED:
            return _("Public.")
        return _("No longer offered; not public.")

    # --- History: what changed in each version, themes included, in constant queries -----
    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        through = apps.get_model("offers", "HistoricalOffer_themes")
        themes_of = defaultdict(list)
        for row in (
            through.objects.filter(history__in=[r.pk for r in records])
            .select_related("theme")
            .order_by("theme_id")
        ):
            themes_of[row.history_id].append({"theme": row.theme})
        for newer, older in itertools.pairwise(records):
            delta = newer.diff_against(
                older, excluded_fields=["themes"], foreign_keys_are_objs=foreign_keys_are_objs
            )
            changes = list(delta.changes)
            old_themes, new_themes = themes_of[older.pk], themes_of[newer.pk]
            if old_themes != new_themes:
                changes.append(ModelChange("themes", old_themes, new_themes))
                changes.sort(key=lambda change: change.field)
            delta = ModelDelta(changes, [c.field for c in changes], older, newer)
            helper = self.get_historical_record_context_helper(request, newer)
            newer.history_delta_changes = helper.context_for_delta_changes(delta)

    # --- Saving ---------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        if change:
            # Workflow fields are never in the form; when an old version is restored from
            # history they must stay as they are now (a revert must not publish).
            current = Offer.objects.filter(pk=obj.pk).values(*WORKFLOW_FIELDS).first()
            for name, value in (current or {}).items():
                setattr(obj, name, value)
            if form.has_changed():
                offer_content_changed(offer=obj)
        else:
            # Whoever writes an offer has just checked it.
            obj.last_checked = timezone.localdate()
            obj.last_checked_by = request.user
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        offer = self.get_object(request, object_id)
        if self.has_change_permission(request, offer):
            state = offer_state(offer)
            allowed = workflow.available_actions(state, user_id=request.user.pk)
            extra_context["workflow_buttons"] = [
                (name, label) for name, action, label in WORKFLOW_BUTTONS if action in allowed
            ]
            if offer.status != Offer.Status.WITHDRAWN:
                extra_context["confirm_button"] = (
                    CONFIRM_BUTTON,
                    _("Save and confirm still right"),
                )
        extra_context["check_overdue"] = offer.status != Offer.Status.WITHDRAWN and (
            offer.last_checked is None
            or offer.last_checked < check_due_cutoff(timezone.localdate())
        )
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        if CONFIRM_BUTTON in request.POST:
            offers_check_confirm(offers=[obj], by=request.user)
            self.message_user(request, _("Recorded: checked today and still right."))
            return HttpResponseRedirect(request.path)
        for name, action, _label in WORKFLOW_BUTTONS:
            if name in request.POST:
                try:
                    offer_act(offer=obj, action=action, by=request.user)
                except ValidationError as e:
                    self.message_user(
                        request,
                        _("Saved, but not done: %s") % " ".join(e.messages),
                        messages.ERROR,
                    )
                else:
                    self.message_user(request, _("Saved. %s") % _workflow_done(action))
                return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # --- Bulk actions: every selected offer must be one the user may change --------------
    def _act_on_each(self, request, queryset, act, done_message):
        refused = self.objects_refused(request, queryset, "change")
        if refused:
            raise PermissionDenied
        problems = []
        offers = list(queryset)
        for offer in offers:
            reason = act(offer, check_only=True)
            if reason:
                problems.append(f"{offer}: {reason}")
        if problems:
            self.message_user(
                request,
                _("Nothing was done. %s") % " ".join(problems[:10]),
                messages.ERROR,
            )
            return None
        for offer in offers:
            act(offer, check_only=False)
        self.message_user(request, done_message(len(offers)))
        return None

    def _workflow_action(self, request, queryset, action):
        def act(offer, check_only):
            if check_only:
                return workflow.refusal(action, offer_state(offer), user_id=request.user.pk)
            offer_act(offer=offer, action=action, by=request.user)

        return self._act_on_each(
            request,
            queryset,
            act,
            lambda n: (
                ngettext("%(n)d offer: %(done)s", "%(n)d offers: %(done)s", n)
                % {"n": n, "done": _workflow_done(action)}
            ),
        )

    @admin.action(
        description=gettext_lazy("Confirm selected offers are still right (checked today)"),
        permissions=["change"],
    )
    def confirm_checked(self, request, queryset):
        refused = self.objects_refused(request, queryset, "change")
        if refused:
            raise PermissionDenied
        count = offers_check_confirm(offers=queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%d offer recorded as checked today.", "%d offers recorded as checked today.", count
            )
            % count,
        )

    @admin.action(description=gettext_lazy("Publish selected offers"), permissions=["change"])
    def publish_selected(self, request, queryset):
        return self._workflow_action(request, queryset, workflow.Action.PUBLISH)

    @admin.action(description=gettext_lazy("Withdraw selected offers"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        return self._workflow_action(request, queryset, workflow.Action.WITHDRAW)

    @admin.action(description=gettext_lazy("Export selected offers as CSV"), permissions=["export"])
    def export_selected(self, request, queryset):
        return _csv_response(offers_for_csv(queryset.order_by("area__name", "title")))

    def has_export_permission(self, request):
        return request.user.has_perm("offers.export_offers")

    def has_import_permission(self, request):
        return request.user.has_perm("offers.import_offers")

    # --- The list page ----------------------------------------------------------------------
    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        extra_context["has_import_permission"] = self.has_import_permission(request)
        extra_context["has_export_permission"] = self.has_export_permission(request)
        extra_context["overdue_count"] = overdue_offers_for(
            request.user, timezone.localdate()
        ).count()
        return super().changelist_view(request, extra_context)

    # --- Extra pages: import, export, one-click confirm -------------------------------
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="offers_offer_import"),
            path("export/", view(self.export_view), name="offers_offer_export"),
            path(
                "<path:object_id>/confirm-checked/",
                view(require_POST(self.confirm_checked_view)),
                name="offers_offer_confirm_checked",
            ),
            *super().get_urls(),
        ]

    def confirm_checked_view(self, request, object_id):
        offer = self.get_object(request, object_id)
        if not self.has_change_permission(request, offer):
            raise PermissionDenied
        offers_check_confirm(offers=[offer], by=request.user)
        self.message_user(request, _("Recorded: “%s” checked today and still right.") % offer.title)
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("admin:offers_offer_changelist")
        return HttpResponseRedirect(back)

    def export_view(self, request):
        if not self.has_export_permission(request):
            raise PermissionDenied
        # The offers the list shows with its current filters and search: never more than
        # the user may see (get_queryset).
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("Those filters are not valid."))
        offers = changelist.get_queryset(request).order_by("area__name", "title")
        return _csv_response(offers_for_csv(offers))

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import offers from CSV"),
            "columns": _import_columns(),
            "form": ImportForm(),
        }
        if request.method == "POST" and "payload" in request.POST:
            data = _unsign_upload(request)
            if data is None:
                self.message_user(
                    request,
                    _("That preview is too old or was changed. Please choose the file again."),
                    messages.ERROR,
                )
                return redirect("admin:offers_offer_import")
            try:
                plan = offers_import(data=data, by=request.user, commit=True)
            except IntegrityError:
                self.message_user(
                    request,
                    _("Nothing was imported: the offers changed meanwhile. Please try again."),
                    messages.ERROR,
                )
                return redirect("admin:offers_offer_import")
            if plan.ok:
                self.message_user(
                    request,
                    _("Imported: %(created)d new, %(updated)d changed, %(unchanged)d unchanged.")
                    % {
                        "created": plan.created,
                        "updated": plan.updated,
                        "unchanged": plan.unchanged,
                    },
                )
                return redirect("admin:offers_offer_changelist")
            context["plan"] = plan
        elif request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            context["form"] = form
            if form.is_valid():
                data = form.cleaned_data["file"].read()
                plan = offers_import(data=data, by=request.user, commit=False)
                context["plan"] = plan
                context["file_name"] = form.cleaned_data["file"].name
                if plan.ok:
                    # The file travels in the preview page, signed (and compressed: CSV
                    # shrinks well), so nothing is stored between preview and import.
                    packed = base64.b64encode(zlib.compress(data)).decode()
                    context["payload"] = signing.dumps(
                        {"user": request.user.pk, "data": packed}, salt=IMPORT_SALT
                    )
        return TemplateResponse(request, "admin/offers/offer/import.html", context)


def _workflow_done(action) -> str:
    return {
        workflow.Action.ASK_APPROVAL: _("Approval asked for: a colleague can now publish it."),
        workflow.Action.PUBLISH: _("Published: the public can see it."),
        workflow.Action.WITHDRAW: _("Withdrawn: the public no longer sees it."),
        workflow.Action.RETURN_TO_DRAFT: _("Returned to draft: the public no longer sees it."),
    }[action]


def _csv_response(offers) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"offers-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    offers_csv_write(offers, response)
    return response


def _unsign_upload(request) -> bytes | None:
    try:
        payload = signing.loads(request.POST["payload"], salt=IMPORT_SALT, max_age=3600)
        if payload["user"] != request.user.pk:
            return None
        return zlib.decompress(base64.b64decode(payload["data"]))
    except (signing.BadSignature, KeyError, TypeError, binascii.Error, zlib.error):
        return None


def _import_columns():
    return [
        ("title", _("Required. Up to 200 characters.")),
        ("summary", _("Required. Up to 300 characters.")),
        ("details", _("Required. What you get.")),
        ("how_to_get", _("Required. The steps, in order.")),
        ("url", _("Optional. Where to apply or find out more.")),
        ("provider", _("Required. A provider not yet known is created.")),
        ("themes", _("Required. Theme names separated by “;”.")),
        (
            "area",
            _(
                "Required. A GSS code: a borough E09…, an ICB E54…, "
                "London E12000007 or England E92000001."
            ),
        ),
        ("must_live_in_area", _("yes or no.")),
        ("must_be_looked_after_by_area", _("yes or no.")),
        ("min_age", _("Whole years (default 18).")),
        ("max_age", _("Whole years, inclusive (default 24).")),
        ("conditions", _("Optional. Other conditions, in words.")),
        ("status", _("draft or published (withdrawn, as exported, is also read).")),
        ("source_url", _("Needed to publish. Where the facts come from.")),
        ("last_checked", _("Needed to publish. YYYY-MM-DD.")),
        ("id", _("Optional. The offer's id, as exported; matches an offer to update.")),
    ]


@admin.register(Provider)
class ProviderAdmin(ScopedAdmin):
    list_display = ("name", "kind", "area")
    list_filter = ("kind",)
    list_select_related = ("area",)
    search_fields = ("name",)


@admin.register(Theme)
class ThemeAdmin(TranslatedAdmin, ScopedAdmin):
    list_display = ("name", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)


@admin.register(Commitment)
class CommitmentAdmin(TranslatedAdmin, ScopedAdmin):
    list_display = ("number", "title", "theme")
    list_select_related = ("theme",)
    search_fields = ("title",)


@admin.register(CommitmentStatus)
class CommitmentStatusAdmin(ScopedAdmin):
    list_display = ("area", "commitment", "status", "as_of")
    list_filter = ("status", "commitment", ("area", RelatedOnlyFieldListFilter))
    list_select_related = ("area", "commitment")
    search_fields = ("area__name", "commitment__title")

    def get_queryset(self, request):
        return commitment_statuses_visible_to(request.user, super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        # A borough editor says where their borough stands; which borough and which
        # commitment are the Compact's to set.
        if obj is not None and not scope_of(request.user).manages_compact:
            return ("area", "commitment")
        return ()
