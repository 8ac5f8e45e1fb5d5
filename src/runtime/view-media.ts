import { replaceContent } from './dom-helpers.js';

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
      // Its captions are shown here, not at launch: a track shown by `default` is fetched at launch (the build
      // moved it to data-cp-default: render-content.ts deferMedia). Once only: captions the learner turned off
      // stay off when the page is shown again. As `default` would: the first captions or subtitles track shown, any
      // other kind hidden.
      let captioned = false;
      for (const track of media.querySelectorAll<HTMLTrackElement>(':scope > track[data-cp-default]')) {
        delete track.dataset['cpDefault'];
        const text = /^(captions|subtitles)$/.test(track.track.kind);
        if (track.track.mode !== 'disabled' || (text && captioned)) continue;
        track.track.mode = text ? 'showing' : 'hidden';
        if (text) captioned = true;
      }
      // Its audio description is turned on here, not at launch: a track on is a track fetched (voiceDescriptions).
      for (const track of media.querySelectorAll<HTMLTrackElement>(':scope > track[kind="descriptions"]')) {
        if (track.track.mode === 'disabled') track.track.mode = 'hidden';
      }
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
 * load none at all unless it is turned on: the player turns each on `hidden` when its page is shown
 * (mediaFollowPage: at launch, every video's file was fetched, the learner on the cover) and puts every cue, as it starts,
 * in a polite live region beside its video (a `span`: a raw-HTML `<video>` may stand in a paragraph),
 * visually hidden, in the track's language (`srclang`; a ::video's is the page's: render-content.ts). A cue is said once while it
 * lasts, and nothing is said while the video is paused: a learner dragging the paused video's slider would
 * otherwise hear every description it passes. The cues the video stands in when it starts playing are said
 * then: no cuechange comes for a cue at 0:00, or one the slider was left in, and it was never said.
 */
export function voiceDescriptions(doc: Document): void {
  for (const element of doc.querySelectorAll<HTMLTrackElement>('main video > track[kind="descriptions"]')) {
    const video = element.parentElement as HTMLVideoElement;
    const track = element.track;
    const region = doc.createElement('span');
    region.className = 'cp-sr cp-descriptions';
    region.setAttribute('aria-live', 'polite');
    // In the track's language: a raw-HTML track may be in another than the page's (::video's is the page's).
    if (element.srclang) region.lang = element.srclang;
    video.insertAdjacentElement('afterend', region);
    // The active cues already said: one that ends is forgotten, so a replay says it again.
    let said: TextTrackCue[] = [];
    const sayNew = (): void => {
      const now = Array.prototype.slice.call(track.activeCues ?? []) as TextTrackCue[];
      if (video.paused) {
        said = said.filter((cue) => now.includes(cue));
        return;
      }
      const fresh = now.filter((cue) => !said.includes(cue));
      said = now;
      // The cue as the browser parses it (getCueAsHTML): entities read (`&amp;`), its tags as inert spans
      // (`<v Narrator>`, `<i>`), and a phrase in another language (`<lang es>`) a `span lang` a screen reader
      // reads in that language's voice; its text alone read a Spanish name with the course's English voice.
      if (fresh.length === 0) return;
      replaceContent(region, ...fresh.flatMap((cue, i) => [...(i > 0 ? [doc.createTextNode(' ')] : []), (cue as VTTCue).getCueAsHTML()]));
    };
    track.addEventListener('cuechange', sayNew);
    video.addEventListener('play', sayNew);
  }
}
