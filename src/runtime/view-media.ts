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

/**
 * Audio description (WCAG 1.2.5). Browsers load a `<track kind="descriptions">` but voice none of it, and
 * load none at all unless it is turned on: the player turns each on `hidden` and puts every cue, as it starts,
 * in a polite live region beside its video (a `span`: a raw-HTML `<video>` may stand in a paragraph),
 * visually hidden, in the page's language as the track is (render-content.ts). A cue still active at the next
 * cuechange is not said again, and nothing is said while the video is paused: a learner dragging the paused
 * video's slider would otherwise hear every description it passes.
 */
export function voiceDescriptions(doc: Document): void {
  for (const element of doc.querySelectorAll<HTMLTrackElement>('main video > track[kind="descriptions"]')) {
    const video = element.parentElement as HTMLVideoElement;
    const track = element.track;
    const region = doc.createElement('span');
    region.className = 'cp-sr cp-descriptions';
    region.setAttribute('aria-live', 'polite');
    video.insertAdjacentElement('afterend', region);
    let active: TextTrackCue[] = [];
    track.addEventListener('cuechange', () => {
      const now = Array.prototype.slice.call(track.activeCues ?? []) as TextTrackCue[];
      const fresh = now.filter((cue) => !active.includes(cue));
      active = now;
      if (video.paused || fresh.length === 0) return;
      // The cue's text without its WebVTT tags (`<v Narrator>`, `<i>`) and with its entities read (`&amp;`).
      region.textContent = fresh.map((cue) => (cue as VTTCue).getCueAsHTML().textContent ?? '').join(' ');
    });
    track.mode = 'hidden';
  }
}
