/**
 * Links as a browser follows them, written however authors and pasted HTML write them: an upper-case
 * scheme, a protocol-relative or backslashed address, a fragment into a file. Each was judged fine by the
 * model stage, then dropped without a word (the sanitizer compares schemes as written, the package's last
 * check took `//host` for a path), or lost its `#page=2`.
 */
import { describe, expect, it } from 'vitest';
import { checkCourses } from './check-courses.js';

const { problems, packed } = checkCourses('link-urls');

const LINKS = `## Links

L1 [site](HTTPS://example.org/a) L2 [mail](MAILTO:a@b.example) L3 <a href="Https://example.org/b">raw</a>
L4 [protocol-relative](//example.org/page) L5 [backslashed](/\\example.org/page2) L6 [the handout, page 2](../assets/handout.pdf#page=2)
`;

describe('links as browsers follow them', () => {
  it('keeps every link, with its scheme in lower case, https for //host, and the fragment of a file', async () => {
    expect(await problems(LINKS)).toEqual([]);
    const { html } = await packed(LINKS);
    const hrefs = [...html.matchAll(/L(\d) <a href="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    expect(hrefs).toEqual([
      ['1', 'https://example.org/a'], ['2', 'mailto:a@b.example'], ['3', 'https://example.org/b'],
      ['4', 'https://example.org/page'], ['5', 'https://example.org/page2'], ['6', 'assets/handout.pdf#page=2'],
    ]);
  });
});
