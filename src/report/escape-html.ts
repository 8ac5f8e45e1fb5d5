/**
 * Every value from a statement (names, ids, question texts, responses, reflections) goes through this
 * before it reaches the HTML report: a learner named `<img src=x onerror=alert(1)>` must show as text.
 * Also used in attributes, so quotes are escaped too.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  // Control characters other than tab and newlines are not allowed in HTML text (HTML §13.2.5).
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}
