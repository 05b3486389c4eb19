"""The base for every admin page that staff with limited roles use.

- Permissions are asked per object through rules (staff/rules.py).
- An object outside the user's scope is a 404, never a redirect that names it.
- History (django-simple-history) is shown to whoever may view the object; reverting is a
  change, so it needs the change permission (simple-history itself only asks for view).
- Bulk actions check every selected object, not just the model.
"""

from django.contrib import messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rules.contrib.admin import ObjectPermissionsModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin


class ScopedAdmin(ObjectPermissionsModelAdminMixin, SimpleHistoryAdmin):
    # Our own markup for the versions list: simple-history's has an inline style, which
    # the Content-Security-Policy blocks.
    object_history_list_template = "admin/simple_history/object_history_list.html"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("Not found, or not yours to see."))
        return obj

    def _valid_pk(self, object_id):
        try:
            return self.model._meta.pk.to_python(unquote(object_id))
        except (ValidationError, ValueError) as e:
            raise Http404 from e

    def history_view(self, request, object_id, extra_context=None):
        self._valid_pk(object_id)  # simple-history would let a malformed id become a 500
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._valid_pk(object_id)
        history_model = self.model.history.model
        pk_name = self.model._meta.pk.attname
        try:
            historical = get_object_or_404(
                history_model, **{pk_name: object_id, "history_id": version_id}
            )
        except (ValueError, ValidationError, history_model.DoesNotExist) as e:
            raise Http404 from e
        current = self.model._default_manager.filter(pk=historical.instance.pk).first()
        for obj in filter(None, [current, historical.instance]):
            if not self.has_view_or_change_permission(request, obj):
                raise PermissionDenied
            if request.method == "POST" and not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def objects_refused(self, request, queryset, permission: str) -> list:
        check = getattr(self, f"has_{permission}_permission")
        return [obj for obj in queryset if not check(request, obj)]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                checked_delete_selected,
                "delete_selected",
                delete_selected.short_description,
            )
        return actions

    def refuse(self, request, refused) -> None:
        self.message_user(
            request,
            _("Nothing was done: you cannot change %(names)s.")
            % {"names": ", ".join(str(obj) for obj in refused[:5])},
            messages.ERROR,
        )


def checked_delete_selected(modeladmin, request, queryset):
    """Django's "delete selected", after checking the user may delete every one."""
    refused = modeladmin.objects_refused(request, queryset, "delete")
    if refused:
        raise PermissionDenied
    return delete_selected(modeladmin, request, queryset)


checked_delete_selected.allowed_permissions = ("delete",)
checked_delete_selected.short_description = gettext_lazy("Delete selected %(verbose_name_plural)s")
