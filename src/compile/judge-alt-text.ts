/**
 * Alt text that is there but says nothing of the image (WCAG 1.1.1): the file's own name, as editors and
 * pasted images leave it (`IMG_2034.jpg`, `Screenshot 2024-03-02 at 10.14.22`), or a placeholder (`image`,
 * `photo`, `alt text`). A screen reader reads it out as if it were the description. Pure.
 */

/** Words that stand where a description should be. */
const PLACEHOLDERS = new Set([
  'image', 'img', 'picture', 'pic', 'photo', 'photograph', 'graphic', 'icon', 'logo', 'figure', 'diagram', 'chart', 'screenshot', 'alt', 'alt text',
  'alternative text', 'description', 'placeholder', 'todo', 'tbd', 'untitled', 'image description', 'insert alt text', 'add alt text',
  'imagen', 'foto', 'gráfico', 'figura', 'captura', 'descripción',
]);

/** Names cameras, phones and screenshot tools give files. */
const CAMERA_NAME = /^(img|dsc|dscn|dcim|pxl|mvimg|photo|image|screenshot|screen shot|captura de pantalla|snapshot|clip)[\s_-]*\d[\d\s_.:-]*(at[\s\d.:apm]*)?$/i;

/** Why the alt text says nothing of the image, the end of a sentence; undefined when it may be a description. */
export function emptyAltText(alt: string, src: string): string | undefined {
  const words = alt.normalize('NFC').trim();
  if (words === '') return undefined;
  const file = decodeURIComponentSafe(src.split(/[?#]/)[0] ?? '').split('/').pop() ?? '';
  const bare = words.replace(/\.[a-z0-9]{2,4}$/i, '');
  // The name with its extension: a file named for what it shows (mentoring-cycle.svg) may have the same
  // words as its alt text without the extension, and those may well describe it.
  if (file !== '' && words.toLowerCase() === file.toLowerCase()) return 'is the file\'s name';
  if (/\.(png|jpe?g|gif|svg|webp|avif|bmp|tiff?|heic)$/i.test(words)) return 'is a file name';
  if (CAMERA_NAME.test(bare)) return 'is the name a camera or screenshot tool gives a file';
  if (PLACEHOLDERS.has(words.toLowerCase().replace(/[.:!\u2026]+$/, ''))) return 'is a placeholder, not a description';
  return undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
