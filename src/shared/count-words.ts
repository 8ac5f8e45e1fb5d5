/**
 * The counts in a text ("20 min", "33 pages", "6ページ"), which the player keeps on one line each (player.css
 * .cp-count): pure, shared by the build (a module's "about 20 min" on its first page) and the player (the cover).
 */

/**
 * A number and what it counts: the word after a space ("20 min", "33 pages", "20 分"), or, written with no space
 * between (Chinese, Japanese, Korean: "33ページ", "20分"), the run of one script's letters that follows ("ページ"
 * of "33ページのコース": the whole run, up to a space, would be a line too wide for a phone). The long sound mark
 * ー is in no script of its own.
 */
const COUNT = /(\d[\d.,]*(?:\s\S+|\p{sc=Han}+|[\p{sc=Katakana}\u30fc]+|[\p{sc=Hiragana}\u30fc]+|\p{sc=Hangul}+))/u;

/**
 * `text` in pieces, the counts at odd places (split() with a capturing group): ["About ", "140 minutes", ""].
 * One piece when it has none.
 */
export function countParts(text: string): string[] {
  return text.split(COUNT);
}
