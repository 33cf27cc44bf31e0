// Counted phrases, decided in one place for the core, the CLI, the extension and the webviews.
// No imports: the webview bundles include this file.

/**
 * The one/many forms of a counted phrase, as two whole messages (the l10n way: VS Code's
 * `l10n.t` has no ICU plurals, so each form is its own translatable string).
 */
export interface PluralForms<T = string> {
  one: T;
  other: T;
}

/** Picks the form for `count`: the single place that decides between "1 problem" and "2 problems". */
export function pluralForm<T>(count: number, forms: PluralForms<T>): T {
  return count === 1 ? forms.one : forms.other;
}

/** `pluralForm` filled in: `{0}` becomes the count, e.g. countPhrase(2, { one: '{0} problem', other: '{0} problems' }). */
export function countPhrase(count: number, forms: PluralForms): string {
  return pluralForm(count, forms).replace(/\{0\}/g, String(count));
}
