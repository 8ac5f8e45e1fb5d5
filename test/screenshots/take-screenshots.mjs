// `npm run screenshots`: pictures of every page type of the player, for a reviewer to look at
// (issue 12 point 10), in light and dark, on a phone (375x667) and a desktop (1280x800). Builds
// course/ with the real CLI, runs it in Debian's Chromium under scorm-again (the end-to-end
// harness), and writes PNGs to dist/screenshots/ (build output, never committed).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip } from '../helpers/read-zip.mjs';
import { answerCheck, launchChromium, openCourse, readCourseData } from '../e2e/harness/run-course.mjs';
import { servePackage } from '../e2e/harness/serve-package.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, 'dist', 'screenshots');
const course = process.argv[2] ?? join(ROOT, 'course');

const work = await mkdtemp(join(tmpdir(), 'cp-shots-'));
execFileSync(process.execPath, [join(ROOT, 'lib', 'coursepack.mjs'), 'build', '--course', course, '--out', work], { cwd: ROOT, stdio: 'inherit' });
const zip = (await import('node:fs')).readdirSync(work).find((f) => f.endsWith('-scorm12.zip'));
const server = await servePackage(await readZip(join(work, zip)));
const browser = await launchChromium();
await mkdir(OUT, { recursive: true });
let count = 0;
try {
  for (const scheme of ['light', 'dark']) {
    for (const [device, viewport] of [['phone', { width: 375, height: 667 }], ['desktop', { width: 1280, height: 800 }]]) {
      const context = await browser.newContext({ viewport, colorScheme: scheme, reducedMotion: 'reduce' });
      const shot = async (page, name) => {
        await page.screenshot({ path: join(OUT, `${name}-${device}-${scheme}.png`), fullPage: false });
        count++;
      };
      // On the cover: the first picture is of it, then Start, as a new learner would.
      const { page, frame } = await openCourse(context, server.url, { onCover: true });
      const data = await readCourseData(frame);
      await shot(page, '01-cover');
      await frame.locator('.cp-start').click();
      await shot(page, '02-page');
      const practice = data.checks.find((c) => !c.scored);
      if (practice) {
        await frame.locator('#cp-toc a[data-page="' + practice.page + '"]').evaluate((a) => a.click());
        await answerCheck(frame, practice, [practice.options.find((o) => !o.correct)?.id ?? 'a']);
        await frame.locator(`form[data-check="${practice.id}"]`).scrollIntoViewIfNeeded();
        await shot(page, '03-practice-feedback');
      }
      const scored = data.checks.filter((c) => c.scored);
      for (const [i, check] of scored.entries()) {
        await frame.locator('#cp-toc a[data-page="' + check.page + '"]').evaluate((a) => a.click());
        await answerCheck(frame, check, [i === 0 ? (check.options.find((o) => !o.correct)?.id ?? 'a') : check.options.filter((o) => o.correct).map((o) => o.id)].flat());
        if (i === 0) {
          await frame.locator(`form[data-check="${check.id}"]`).scrollIntoViewIfNeeded();
          await shot(page, '04-scored-saved');
        }
      }
      await frame.locator('a[data-screen="results"], #cp-toc').first().evaluate(() => undefined);
      await page.evaluate(() => { document.getElementById('sco').contentWindow.location.hash = '#results'; });
      await frame.locator('section[data-screen="results"]:not([hidden])').waitFor();
      await shot(page, '05-results-submit');
      await frame.locator('.cp-submit').click();
      await shot(page, '06-results-verdict');
      await frame.locator('#cp-exit').click();
      await shot(page, '07-exited');
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  await rm(work, { recursive: true, force: true });
}
console.log(`${count} screenshots in ${OUT}`);
