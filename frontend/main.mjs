// Only the GOV.UK Frontend components our pages use. Every journey works without this.
import { Button, ErrorSummary, Radios, SkipLink, createAll } from "govuk-frontend";

createAll(Button);
createAll(ErrorSummary);
createAll(Radios);
createAll(SkipLink);
