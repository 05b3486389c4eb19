'use strict';
// Django admin's autocomplete (select2) draws a combobox, and a "textbox" showing what is
// chosen, neither tied to the field's <label>: assistive technology hears no name (axe:
// aria-input-field-name). Name both by the label. Runs after admin/js/autocomplete.js has
// drawn them (jQuery runs ready callbacks in order, and later ones after earlier ones).
{
    function labelComboboxes(root) {
        root.querySelectorAll('select.admin-autocomplete').forEach((select) => {
            const label = document.querySelector(`label[for="${select.id}"]`);
            const container = select.nextElementSibling;
            const combobox = container && container.querySelector('[role="combobox"]');
            if (!label || !combobox) {
                return;
            }
            label.id = label.id || `${select.id}_label`;
            const names = (combobox.getAttribute('aria-labelledby') || '').split(' ');
            if (!names.includes(label.id)) {
                combobox.setAttribute('aria-labelledby', [label.id, ...names].join(' ').trim());
            }
            const chosen = combobox.querySelector('[role="textbox"]');
            if (chosen) {
                chosen.setAttribute('aria-labelledby', label.id);
            }
        });
    }

    window.addEventListener('load', () => django.jQuery(() => labelComboboxes(document)));
    document.addEventListener('formset:added', (event) => labelComboboxes(event.target));
}
