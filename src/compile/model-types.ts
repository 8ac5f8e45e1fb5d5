/**
 * The course model: what build-model.ts makes of the parsed modules and the renderer reads.
 *
 * Page content is a new mdast tree per page: links and images carry their resolved package URLs, and each
 * coursepack directive is replaced by a node of its own type carrying its model (below), so the renderer
 * needs no lookup table and the parse trees stay untouched (the parse cache reuses them).
 */
import type { Heading, Node, Paragraph, RootContent } from 'mdast';
import type { CheckType } from '../shared/course-data.js';
import type { CourseConfig } from './parse-config.js';

export interface PageModel {
  readonly id: string;
  readonly moduleId: string;
  /** The title's text, as the contents, the LMS and xAPI show it (the heading without its HTML tags). */
  readonly title: string;
  /** The anchor links name the page by, made from the heading as typed (docs/authoring.md, Links to other pages). */
  readonly slug: string;
  /** The `##` heading, its raw HTML checked and rewritten like the page's (the page's h1). */
  readonly heading: Heading;
  readonly nodes: readonly RootContent[];
}

export interface ModuleModel {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly objectives: readonly string[];
  readonly minutes: number;
  readonly assessment: boolean;
  readonly pages: readonly PageModel[];
}

/** An option: right or wrong, its first line as the label, the rest as feedback. */
export type OptionModel = {
  readonly correct: boolean;
  readonly label: Paragraph;
  readonly feedback: readonly RootContent[];
  /** Matching checks only: the index in `CheckModel.targets` of the answer this item matches. */
  readonly match?: number;
  /** Fill-in checks only: the answer as plain text ('' on the `- [ ] *` entry, which is `other`). */
  readonly text?: string;
  readonly other?: true;
};

/** What checks and reflections share: an author id, unique in the course, and the page they are on. */
interface OnPage {
  readonly id: string;
  readonly pageId: string;
}

export interface CheckModel extends OnPage {
  readonly type: CheckType;
  readonly scored: boolean;
  /** Options in a new order each attempt (`:::check{shuffle}`). */
  readonly shuffle: boolean;
  /** Id of the page that teaches what the question asks (`review=…`), linked from the results when missed; or null. */
  readonly review: string | null;
  readonly stem: readonly RootContent[];
  /** The options, or for a matching check its items. */
  readonly options: readonly OptionModel[];
  /** Matching checks only: the answers in the author's order (their letters follow it), and the order every item's list shows them in. */
  readonly targets?: readonly string[];
  readonly targetOrder?: readonly number[];
}

export interface ReflectionModel extends OnPage {
  readonly prompt: readonly RootContent[];
}

export interface CalloutModel {
  readonly kind: CalloutKind;
  readonly title: string | null;
  readonly body: readonly RootContent[];
}

export interface MediaModel {
  readonly kind: 'video' | 'audio';
  readonly src: string;
  readonly title: string | null;
  readonly captions: string | null;
  /** A WebVTT file of description cues the player voices (view-media.ts); null without one, or for `descriptions="none"`. */
  readonly descriptions: string | null;
  readonly transcript: string | null;
}

/** `:::check` after the model stage. */
export interface CheckNode extends Node {
  readonly type: 'coursepackCheck';
  readonly model: CheckModel;
}

/** `:::reflect` after the model stage. */
export interface ReflectionNode extends Node {
  readonly type: 'coursepackReflection';
  readonly model: ReflectionModel;
}

/** `:::callout` after the model stage. */
export interface CalloutNode extends Node {
  readonly type: 'coursepackCallout';
  readonly model: CalloutModel;
}

/** `::video` and `::audio` after the model stage. */
export interface MediaNode extends Node {
  readonly type: 'coursepackMedia';
  readonly model: MediaModel;
}

export type CoursepackNode = CheckNode | ReflectionNode | CalloutNode | MediaNode;

declare module 'mdast' {
  interface BlockContentMap {
    coursepackCheck: CheckNode;
    coursepackReflection: ReflectionNode;
    coursepackCallout: CalloutNode;
    coursepackMedia: MediaNode;
  }
  interface RootContentMap {
    coursepackCheck: CheckNode;
    coursepackReflection: ReflectionNode;
    coursepackCallout: CalloutNode;
    coursepackMedia: MediaNode;
  }
}

export interface CourseModel {
  readonly config: CourseConfig;
  readonly modules: readonly ModuleModel[];
  readonly checks: readonly CheckModel[];
  readonly reflections: readonly ReflectionModel[];
  /** Package paths of the assets the pages use (`assets/…`), sorted. */
  readonly assets: readonly string[];
  /** Page id → the assets that page uses, so a split package carries only its own. */
  readonly pageAssets: ReadonlyMap<string, ReadonlySet<string>>;
}

export const CALLOUT_KINDS = ['note', 'tip', 'example', 'warning'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];
