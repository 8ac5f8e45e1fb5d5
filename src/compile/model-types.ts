/**
 * The course model: what build-model.ts makes of the parsed modules and the renderer reads.
 */
import type { Heading, Node, RootContent } from 'mdast';
import type { CheckType } from '../shared/course-data.js';
import type { CourseConfig } from './parse-config.js';

export interface PageModel {
  readonly id: string;
  readonly moduleId: string;
  readonly title: string;
  readonly slug: string;
  readonly heading: Heading;
  readonly nodes: RootContent[];
}

export interface ModuleModel {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly objectives: readonly string[];
  readonly minutes: number;
  readonly assessment: boolean;
  readonly pages: PageModel[];
}

export interface OptionModel {
  readonly correct: boolean;
  /** The option's first paragraph. */
  readonly label: RootContent;
  readonly feedback: RootContent[];
}

export interface CheckModel {
  readonly id: string;
  readonly pageId: string;
  readonly type: CheckType;
  readonly scored: boolean;
  readonly stem: RootContent[];
  readonly options: OptionModel[];
}

export interface ReflectionModel {
  readonly id: string;
  readonly pageId: string;
  readonly prompt: RootContent[];
}

export interface CalloutModel {
  readonly kind: CalloutKind;
  readonly title: string | null;
  readonly body: RootContent[];
}

export interface MediaModel {
  readonly kind: 'video' | 'audio';
  readonly src: string;
  readonly title: string | null;
  readonly captions: string | null;
  readonly transcript: string | null;
}

export interface CourseModel {
  readonly config: CourseConfig;
  readonly modules: ModuleModel[];
  readonly checks: CheckModel[];
  readonly reflections: ReflectionModel[];
  /** Directive nodes → what they stand for, read by the renderer. */
  readonly directives: WeakMap<Node, CheckModel | ReflectionModel | CalloutModel | MediaModel>;
  /** Package paths of the assets the pages use (`assets/…`), sorted. */
  readonly assets: string[];
  /** Page id → the assets that page uses, so a split package carries only its own. */
  readonly pageAssets: ReadonlyMap<string, ReadonlySet<string>>;
}

export const CALLOUT_KINDS = ['note', 'tip', 'example', 'warning'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];
