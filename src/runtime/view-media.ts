/**
 * Media follow the page they are on. The build leaves every `<video>` and `<audio>` waiting
 * (`preload="none"`, what it asked for kept in `data-cp-preload`: src/compile/render-content.ts), since all
 * pages are in the document from launch. Shown, a page's media get their preload back (empty: the browser's
 * default) and Chromium starts the load it deferred; left, they pause: a hidden `<video>` keeps playing,
 * and a learner on the next page would hear the last one's sound with no control in sight to stop it.
 */
export function mediaFollowPage(doc: Document, shown: Element | null): void {
  for (const media of doc.querySelectorAll<HTMLMediaElement>('main video, main audio')) {
    if (shown?.contains(media)) {
      const asked = media.dataset['cpPreload'];
      if (asked === undefined) continue;
      delete media.dataset['cpPreload'];
      if (asked) media.setAttribute('preload', asked);
      else media.removeAttribute('preload');
    } else if (!media.paused) {
      media.pause();
    }
  }
}
