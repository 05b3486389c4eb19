// Only the GOV.UK Frontend components our pages use. Every journey works without this.
import {
  Button,
  ErrorSummary,
  Radios,
  ServiceNavigation,
  SkipLink,
  createAll,
} from "govuk-frontend";

createAll(Button);
createAll(ErrorSummary);
createAll(Radios);
createAll(ServiceNavigation); // folds the menu behind a "Menu" button on phones
createAll(SkipLink);

// "Print or save as PDF" on the results page: a plain button, shown only when it can work.
for (const button of document.querySelectorAll('[data-module="app-print"]')) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
