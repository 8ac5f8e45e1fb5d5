/**
 * Statements shaped like the player's (XAPI.md §2, issue 9), built from the shared vocabulary, for
 * report tests. Ids are deterministic UUIDs so tests can void and repeat them.
 */
import {
  ACTIVITY_TYPES,
  PROFILE_IRI,
  PROGRESS_EXTENSION,
  VERBS,
  defaultCourseIri,
  moduleIri,
  pageIri,
  questionIri,
  reflectionIri,
  type VerbName,
} from '../../src/shared/xapi/vocabulary.js';

export const COURSE = defaultCourseIri('test-course');
export const HOME = 'https://lms.example.org';
export const MODULE_A = moduleIri(COURSE, 'a-start');
export const MODULE_B = moduleIri(COURSE, 'b-next');
export const PAGE_A1 = pageIri(COURSE, 'a-start', 'a-start--one');
export const PAGE_A2 = pageIri(COURSE, 'a-start', 'a-start--two');
export const PAGE_B1 = pageIri(COURSE, 'b-next', 'b-next--one');
export const QUESTION_1 = questionIri(COURSE, 'q1');
export const QUESTION_MATCH = questionIri(COURSE, 'q-match');
export const QUESTION_TYPED = questionIri(COURSE, 'q-typed');
export const REFLECTION_1 = reflectionIri(COURSE, 'r1');
export const REG_1 = '11111111-1111-4111-8111-111111111111';
export const REG_2 = '22222222-2222-4222-8222-222222222222';
export const REG_3 = '33333333-3333-4333-8333-333333333333';

let counter = 0;
/** A fresh UUID-shaped id, deterministic per test run order. */
export function nextId(): string {
  counter++;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export function agent(name: string, display?: string): Record<string, unknown> {
  return { objectType: 'Agent', account: { homePage: HOME, name }, ...(display === undefined ? {} : { name: display }) };
}

export interface Spec {
  readonly verb: VerbName;
  readonly who?: string;
  readonly name?: string;
  /** Minutes after 2026-09-01T08:00Z. */
  readonly at: number;
  readonly object?: string;
  readonly registration?: string;
  readonly result?: Record<string, unknown>;
  readonly parent?: string;
  readonly id?: string;
  readonly revision?: string;
  readonly authority?: Record<string, unknown>;
  /** Leave the course out of the context (a statement of another course). */
  readonly otherCourse?: string;
}

const T0 = Date.UTC(2026, 8, 1, 8, 0, 0);

export function at(minutes: number): string {
  return new Date(T0 + minutes * 60_000).toISOString();
}

export function statement(spec: Spec): Record<string, unknown> {
  const course = spec.otherCourse ?? COURSE;
  const object = spec.object ?? course;
  return {
    id: spec.id ?? nextId(),
    timestamp: at(spec.at),
    stored: at(spec.at + 0.01),
    actor: agent(spec.who ?? 'ada', spec.name),
    verb: { id: VERBS[spec.verb], display: { 'en-US': spec.verb } },
    object: { objectType: 'Activity', id: object, definition: definitionFor(object) },
    ...(spec.result ? { result: spec.result } : {}),
    context: {
      registration: spec.registration ?? REG_1,
      revision: spec.revision ?? '1.0.0',
      platform: 'SCORM 1.2 / test',
      language: 'en',
      contextActivities: {
        ...(spec.parent ? { parent: [{ objectType: 'Activity', id: spec.parent }] } : {}),
        grouping: [{ objectType: 'Activity', id: course }],
        category: [{ objectType: 'Activity', id: PROFILE_IRI }],
      },
    },
    ...(spec.authority ? { authority: spec.authority } : {}),
  };
}

export function voiding(target: string, minutes: number, id = nextId()): Record<string, unknown> {
  return {
    id,
    timestamp: at(minutes),
    stored: at(minutes + 0.01),
    actor: { objectType: 'Agent', mbox: 'mailto:admin@district.example.org' },
    verb: { id: VERBS.voided, display: { 'en-US': 'voided' } },
    object: { objectType: 'StatementRef', id: target },
  };
}

export const score = (scaled: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  score: { scaled, raw: Math.round(scaled * 10), min: 0, max: 10 },
  success: scaled >= 0.8,
  ...extra,
});
export const duration = (text: string): Record<string, unknown> => ({ duration: text });
export const progress = (percent: number): Record<string, unknown> => ({ extensions: { [PROGRESS_EXTENSION]: percent } });

function definitionFor(iri: string): Record<string, unknown> {
  if (iri === COURSE) return { type: ACTIVITY_TYPES.course, name: { en: 'Test course' } };
  if (iri === QUESTION_1) {
    return {
      type: ACTIVITY_TYPES.interaction,
      name: { en: 'Which help?' },
      interactionType: 'choice',
      choices: ['a', 'b', 'c'].map((id) => ({ id, description: { en: `Choice ${id}` } })),
      correctResponsesPattern: ['a[,]c'],
    };
  }
  if (iri === QUESTION_MATCH) {
    return {
      type: ACTIVITY_TYPES.interaction,
      name: { en: 'Match the tools' },
      interactionType: 'matching',
      source: [['a', 'Saw'], ['b', 'Hammer']].map(([id, text]) => ({ id, description: { en: text } })),
      target: [['a', 'Drives nails'], ['b', 'Cuts wood'], ['c', 'Measures']].map(([id, text]) => ({ id, description: { en: text } })),
      correctResponsesPattern: ['a[.]b[,]b[.]a'],
    };
  }
  if (iri === QUESTION_TYPED) {
    return { type: ACTIVITY_TYPES.interaction, name: { en: 'What is mentoring for?' }, interactionType: 'fill-in', correctResponsesPattern: ['Learning', 'to learn'] };
  }
  if (iri === REFLECTION_1) return { type: ACTIVITY_TYPES.interaction, name: { en: 'Reflect' }, interactionType: 'long-fill-in' };
  if (iri.includes('/pages/')) return { type: ACTIVITY_TYPES.lesson, name: { en: `Page ${iri.slice(iri.lastIndexOf('/') + 1)}` } };
  if (iri.includes('/modules/')) return { type: ACTIVITY_TYPES.module, name: { en: `Module ${iri.slice(iri.lastIndexOf('/') + 1)}` } };
  return { type: ACTIVITY_TYPES.course };
}
