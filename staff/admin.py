from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from boroughs.models import Area
from offers.models import Provider
from staff.admin_base import ScopedAdmin
from staff.models import PublishingPolicy, StaffProfile
from staff.roles import Role, role_from_groups
from staff.selectors import borough_records_visible_to
from staff.services import staff_role_assign, staff_role_check, staff_role_remove

admin.site.site_header = _("London Care Leavers Compact: staff")
admin.site.site_title = _("Compact staff")
admin.site.index_title = _("Keep your offers current")


class RoleFieldsForm(forms.Form):
    """A staff account's role, and the borough or provider it is tied to, in one place:
    group membership and the profile are set from these (staff.services)."""

    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("No role (cannot use admin)"))] + Role.choices,
        required=False,
    )
    area = forms.ModelChoiceField(
        Area.objects.local_authorities(),
        label=_("Borough"),
        required=False,
        help_text=_("For a borough editor only."),
    )
    provider = forms.ModelChoiceField(
        Provider.objects.all(),
        label=_("Provider"),
        required=False,
        help_text=_("For a provider editor only."),
    )

    def initial_role(self, user):
        if user.pk is None:
            return
        self.initial["role"] = role_from_groups(
            user.groups.values_list("name", flat=True), is_superuser=user.is_superuser
        )
        profile = StaffProfile.objects.filter(user=user).first()
        if profile is not None:
            self.initial["area"] = profile.area_id
            self.initial["provider"] = profile.provider_id

    def clean(self):
        data = super().clean()
        if data.get("role"):
            try:
                staff_role_check(
                    role=Role(data["role"]), area=data.get("area"), provider=data.get("provider")
                )
            except ValidationError as e:
                for field, errors in e.error_dict.items():
                    for error in errors:
                        self.add_error(field, error)
        return data


class StaffUserChangeForm(RoleFieldsForm, UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial_role(self.instance)


class StaffUserCreationForm(RoleFieldsForm, AdminUserCreationForm):
    pass


class StaffUserAdmin(UserAdmin):
    form = StaffUserChangeForm
    add_form = StaffUserCreationForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Role"), {"fields": ("is_active", "role", "area", "provider")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "fields": (
                    "username",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                    "role",
                    "area",
                    "provider",
                ),
            },
        ),
    )
    # Read-only: nobody edits these, and Django's split date-time inputs have no labels.
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "email", "role_name", "is_active", "last_login")
    list_filter = ("groups", "is_active")
    filter_horizontal = ()

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("role"))
    def role_name(self, user):
        role = role_from_groups([g.name for g in user.groups.all()], is_superuser=user.is_superuser)
        return role.label if role else "—"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        role = form.cleaned_data.get("role")
        if role:
            staff_role_assign(
                user=form.instance,
                role=Role(role),
                area=form.cleaned_data.get("area"),
                provider=form.cleaned_data.get("provider"),
            )
        else:
            staff_role_remove(user=form.instance)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), StaffUserAdmin)


@admin.register(PublishingPolicy)
class PublishingPolicyAdmin(ScopedAdmin):
    list_display = ("area", "second_approval")
    list_filter = ("second_approval",)
    list_select_related = ("area",)
    search_fields = ("area__name", "area__gss_code")

    def get_queryset(self, request):
        return borough_records_visible_to(request.user, super().get_queryset(request))
