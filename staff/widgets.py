from django import forms
from django.contrib.admin.widgets import AutocompleteSelect


class LabelledAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete, with its combobox named by the field's label (WCAG 4.1.2)."""

    @property
    def media(self):
        return super().media + forms.Media(js=["staff/autocomplete_labels.js"])
