/**
 * Text safety for the HTML report: making invisible characters visible, truncating long values and
 * embedding JSON in a `<script type="application/json">` element so no value can end the element.
 *
 * HTML escaping itself is Handlebars' `{{value}}` escaping; these functions only prepare the text.
 */

/**
 * Characters that would hide or reorder what a reader sees: C0/C1 controls other than tab and
 * newline, bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
 * directional marks, zero-width space, word joiners and the BOM (ZWJ and ZWNJ stay: emoji and
 * scripts need them). Lone surrogates (the `u` flag never matches half of a well-formed pair) are
 * included so a malformed string shows where it is broken.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]/gu;

/** Replaces each invisible or direction-changing character by a visible `⟦U+202E⟧` token. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (ch) => `⟦U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`);
}

/** Default length beyond which table cells and labels are cut (the detail view shows all). */
export const CELL_MAX = 160;

/** Cuts `text` to `max` code points, marking the cut with an ellipsis and the full length. */
export function truncate(text: string, max = CELL_MAX): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max).join('')}… (${chars.length.toLocaleString('en-US')} characters)`;
}

/** Cuts `text` to `max` code points with a bare ellipsis (labels in drawings, where space is fixed). */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `visible` then `truncate`: what every data string in a table cell goes through. */
export function cell(text: string | null | undefined, max = CELL_MAX): string {
  return text == null ? '' : truncate(visible(text), max);
}

/**
 * JSON for a `<script type="application/json">` element. `<`, `>` and `&` become `\u003c`,
 * `\u003e` and `\u0026`, so neither `</script>` nor `<!--` can appear in the element's text, and
 * U+2028/U+2029 are escaped so the text is also valid JavaScript should anyone paste it into code.
 * `JSON.parse` of the element's text gives back the exact value.
 */
export function jsonForScript(value: unknown): string {
  return escapeJsonForScript(JSON.stringify(value));
}

/**
 * The escaping of `jsonForScript`, on JSON text. It replaces single characters, so escaping the
 * pieces of a JSON text one by one gives the same as escaping the whole.
 */
export function escapeJsonForScript(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
