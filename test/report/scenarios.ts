/**
 * Realistic learners for the integration tests (XAPI.md §12: "a retake (failed then passed), suspend
 * then resume, an admin-voided pass and two failed registrations"), and what the report must say
 * about each. Plus noise: a statement sent twice, another course, a hostile display name.
 */
import { HOME, MODULE_A, MODULE_B, PAGE_A1, PAGE_A2, PAGE_B1, QUESTION_1, REG_1, REG_2, REG_3, duration, progress, score, statement, voiding, type Spec } from './make-statements.js';

export const XSS_NAME = '<img src=x onerror=alert(1)>';

const uuid = (n: number): string => `5ce0a710-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
let n = 0;
const s = (spec: Spec): Record<string, unknown> => statement({ id: uuid(++n), ...spec });

/** Cy's pass, which an admin voids. */
export const VOIDED_PASS_ID = uuid(9000);

const pages = (who: string, start: number, registration: string): Record<string, unknown>[] => [
  s({ verb: 'experienced', who, at: start, object: PAGE_A1, parent: MODULE_A, registration }),
  s({ verb: 'answered', who, at: start + 1, object: QUESTION_1, parent: PAGE_A1, registration, result: { response: who === 'dee' ? 'b' : 'a[,]c', success: who !== 'dee' } }),
  s({ verb: 'experienced', who, at: start + 2, object: PAGE_A2, parent: MODULE_A, registration }),
  s({ verb: 'progressed', who, at: start + 3, object: MODULE_A, registration, result: progress(100) }),
  s({ verb: 'experienced', who, at: start + 4, object: PAGE_B1, parent: MODULE_B, registration }),
];

/** Everything the player would have sent, in sending order; the duplicate is a retried POST. */
export function scenarioStatements(): { statements: Record<string, unknown>[]; duplicate: Record<string, unknown>; voidingStatement: Record<string, unknown> } {
  n = 0;
  const adaPassed = s({ verb: 'passed', who: 'ada', at: 130, registration: REG_2, result: score(0.9, duration('PT14M')) });
  const statements = [
    // Ada: a retake, failed then passed (rule 5/6), name sent.
    s({ verb: 'initialized', who: 'ada', name: 'Ada Lovelace', at: 0, registration: REG_1 }),
    ...pages('ada', 1, REG_1),
    s({ verb: 'failed', who: 'ada', at: 10, registration: REG_1, result: score(0.5, duration('PT10M')) }),
    s({ verb: 'completed', who: 'ada', at: 10, registration: REG_1, result: { completion: true, ...duration('PT10M') } }),
    s({ verb: 'terminated', who: 'ada', at: 11, registration: REG_1, result: duration('PT11M') }),
    s({ verb: 'initialized', who: 'ada', name: 'Ada Lovelace', at: 120, registration: REG_2 }),
    ...pages('ada', 121, REG_2),
    adaPassed,
    s({ verb: 'completed', who: 'ada', at: 130, registration: REG_2, result: { completion: true, ...duration('PT14M') } }),
    s({ verb: 'terminated', who: 'ada', at: 131, registration: REG_2, result: duration('PT12M') }),
    // Ben: suspends in module A, resumes the next day, completes (no scored checks answered wrong).
    s({ verb: 'initialized', who: 'ben', name: 'Ben', at: 20, registration: REG_1 }),
    s({ verb: 'experienced', who: 'ben', at: 21, object: PAGE_A1, parent: MODULE_A, registration: REG_1 }),
    s({ verb: 'suspended', who: 'ben', at: 25, registration: REG_1, result: duration('PT5M') }),
    s({ verb: 'resumed', who: 'ben', at: 1440, registration: REG_1 }),
    s({ verb: 'experienced', who: 'ben', at: 1441, object: PAGE_A2, parent: MODULE_A, registration: REG_1 }),
    s({ verb: 'completed', who: 'ben', at: 1450, registration: REG_1, result: { completion: true } }),
    s({ verb: 'terminated', who: 'ben', at: 1451, registration: REG_1, result: duration('PT11M') }),
    // Cy: a hostile display name; failed, then a pass an admin voids.
    s({ verb: 'initialized', who: 'cy', name: XSS_NAME, at: 30, registration: REG_1 }),
    s({ verb: 'failed', who: 'cy', at: 40, registration: REG_1, result: score(0.6) }),
    statement({ id: VOIDED_PASS_ID, verb: 'passed', who: 'cy', at: 50, registration: REG_1, result: score(0.95) }),
    s({ verb: 'terminated', who: 'cy', at: 51, registration: REG_1, result: duration('PT21M') }),
    // Dee: two failed registrations; stopped in module B.
    ...pages('dee', 60, REG_1),
    s({ verb: 'failed', who: 'dee', at: 70, registration: REG_1, result: score(0.2) }),
    s({ verb: 'terminated', who: 'dee', at: 71, registration: REG_1, result: duration('PT11M') }),
    ...pages('dee', 200, REG_3),
    s({ verb: 'failed', who: 'dee', at: 210, registration: REG_3, result: score(0.4) }),
    s({ verb: 'terminated', who: 'dee', at: 211, registration: REG_3, result: duration('PT11M') }),
    // Eve: another course in the same LRS.
    s({ verb: 'initialized', who: 'eve', at: 5, otherCourse: 'https://district.example.org/courses/other' }),
  ];
  return { statements, duplicate: adaPassed, voidingStatement: voiding(VOIDED_PASS_ID, 300, uuid(9001)) };
}

/** What the JSON report says per learner once the pass is voided. */
/** In report order: by name (the hostile one sorts first), learners without a name last. */
export const EXPECTED_LEARNERS = [
  {
    learner: `${HOME}|cy`, name: XSS_NAME, status: 'failed', completed: false, success: false, bestScaled: 0.6, latestScaled: 0.6,
    attempts: 1, timeSeconds: 21 * 60, completedAt: null, lastActivity: '2026-09-01T08:51:00.000Z',
  },
  {
    learner: `${HOME}|ada`, name: 'Ada Lovelace', status: 'passed', completed: true, success: true, bestScaled: 0.9, latestScaled: 0.9,
    attempts: 2, timeSeconds: 23 * 60, completedAt: '2026-09-01T08:10:00.000Z', lastActivity: '2026-09-01T10:11:00.000Z',
  },
  {
    learner: `${HOME}|ben`, name: 'Ben', status: 'completed', completed: true, success: null, bestScaled: null, latestScaled: null,
    attempts: 1, timeSeconds: 16 * 60, completedAt: '2026-09-02T08:10:00.000Z', lastActivity: '2026-09-02T08:11:00.000Z',
  },
  {
    learner: `${HOME}|dee`, name: null, status: 'failed', completed: false, success: false, bestScaled: 0.4, latestScaled: 0.4,
    attempts: 2, timeSeconds: 22 * 60, completedAt: null, lastActivity: '2026-09-01T11:31:00.000Z',
  },
];
