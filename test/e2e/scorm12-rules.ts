/**
 * The strict SCORM 1.2 rules for every `LMSSetValue`, as Moodle enforces them
 * (moodle/moodle:`mod/scorm/datamodels/scorm_12.js`, SCORM12.md §3.3). scorm-again alone
 * accepts too much (suspend_data up to 64,000, ids with spaces, `incorrect`, §6), so the
 * end-to-end tests check each recorded Set against this table.
 */

const TIMESPAN = /^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$/;
const TIME = /^([0-2][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,2})?$/;
const DECIMAL = /^-?([0-9]{0,3})(\.[0-9]*)?$/;
const IDENTIFIER = /^[\u0021-\u007E]{0,255}$/;
const INTERACTION_TYPES = ['true-false', 'choice', 'fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric'];

type Check = (value: string) => boolean;

const score: Check = (v) => v === '' || (DECIMAL.test(v) && Number(v) >= 0 && Number(v) <= 100);
const oneOf = (...values: string[]): Check => (v) => values.includes(v);

/** Element pattern → rule, in the order SCORM12.md §3.3 lists them. Elements not here may not be set. */
export const SCORM12_SET_RULES: ReadonlyArray<{ readonly element: RegExp; readonly rule: string; readonly ok: Check }> = [
  { element: /^cmi\.core\.lesson_location$/, rule: 'CMIString255', ok: (v) => v.length <= 255 },
  { element: /^cmi\.core\.lesson_status$/, rule: 'passed|completed|failed|incomplete|browsed',
    ok: oneOf('passed', 'completed', 'failed', 'incomplete', 'browsed') },
  { element: /^cmi\.core\.score\.(raw|min|max)$/, rule: 'CMIDecimal 0-100 or blank', ok: score },
  { element: /^cmi\.core\.exit$/, rule: 'time-out|suspend|logout|""', ok: oneOf('time-out', 'suspend', 'logout', '') },
  { element: /^cmi\.core\.session_time$/, rule: 'CMITimespan HHHH:MM:SS.SS', ok: (v) => TIMESPAN.test(v) },
  { element: /^cmi\.suspend_data$/, rule: 'CMIString4096', ok: (v) => v.length <= 4096 },
  { element: /^cmi\.comments$/, rule: 'CMIString4096', ok: (v) => v.length <= 4096 },
  { element: /^cmi\.student_preference\.(audio|speed|text)$/, rule: 'CMISInteger', ok: (v) => /^-?\d{1,3}$/.test(v) },
  { element: /^cmi\.student_preference\.language$/, rule: 'CMIString255', ok: (v) => v.length <= 255 },
  { element: /^cmi\.interactions\.\d+\.id$/, rule: 'CMIIdentifier', ok: (v) => v.length > 0 && IDENTIFIER.test(v) },
  { element: /^cmi\.interactions\.\d+\.type$/, rule: 'CMIVocabulary interaction', ok: oneOf(...INTERACTION_TYPES) },
  { element: /^cmi\.interactions\.\d+\.(student_response|correct_responses\.\d+\.pattern)$/, rule: 'CMIFeedback ≤255',
    ok: (v) => v.length <= 255 },
  { element: /^cmi\.interactions\.\d+\.result$/, rule: 'correct|wrong|unanticipated|neutral|CMIDecimal',
    ok: (v) => ['correct', 'wrong', 'unanticipated', 'neutral'].includes(v) || (v !== '' && DECIMAL.test(v)) },
  { element: /^cmi\.interactions\.\d+\.latency$/, rule: 'CMITimespan', ok: (v) => TIMESPAN.test(v) },
  { element: /^cmi\.interactions\.\d+\.time$/, rule: 'CMITime', ok: (v) => TIME.test(v) },
  { element: /^cmi\.interactions\.\d+\.weighting$/, rule: 'CMIDecimal -100..100',
    ok: (v) => DECIMAL.test(v) && v !== '' && Math.abs(Number(v)) <= 100 },
];

/** Response formats by interaction type (SCORM12.md §3.3, interactions). */
const RESPONSE_FORMATS: Readonly<Record<string, RegExp>> = {
  'true-false': /^[01tf]$/,
  choice: /^[0-9a-z](,[0-9a-z])*$/,
  matching: /^[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*$/,
};

export interface SetCall { readonly element: string; readonly value: string }

/** Every rule the calls break, one message per bad Set; empty when all are valid. */
export function findScorm12Violations(calls: readonly SetCall[]): string[] {
  const problems: string[] = [];
  const types = new Map<string, string>();
  let interactionCount = 0;
  for (const { element, value } of calls) {
    const rule = SCORM12_SET_RULES.find((r) => r.element.test(element));
    if (!rule) {
      problems.push(`${element}: not writable by a SCO in SCORM 1.2`);
      continue;
    }
    if (!rule.ok(value)) problems.push(`${element} = ${JSON.stringify(value.slice(0, 80))}: breaks ${rule.rule}`);
    const match = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
    if (!match) continue;
    const n = Number(match[1]);
    if (n > interactionCount) problems.push(`${element}: index gap, next index is ${interactionCount}`);
    if (n === interactionCount) interactionCount++;
    const field = match[2] ?? '';
    if (field === 'type') types.set(String(n), value);
    if (field === 'student_response' || field.startsWith('correct_responses.')) {
      const format = RESPONSE_FORMATS[types.get(String(n)) ?? ''];
      if (format && !format.test(value)) problems.push(`${element} = ${JSON.stringify(value)}: not a ${types.get(String(n))} response`);
    }
  }
  return problems;
}

export interface ApiCall { readonly fn: string; readonly args: readonly string[] }

const STATUS_RANK: Readonly<Record<string, number>> = { browsed: 1, incomplete: 2, failed: 3, completed: 4, passed: 5 };

/**
 * The lifecycle of SCORM12.md §3.7 on a recorded trace: one LMSInitialize first, one
 * LMSFinish last, `session_time` once and before LMSFinish, a status that never moves back
 * (§5 pitfall 4), and every Set valid by the table above.
 */
export function findLifecycleViolations(trace: readonly ApiCall[], { finished = true } = {}): string[] {
  const problems: string[] = [];
  const initializes = trace.filter((c) => c.fn === 'LMSInitialize').length;
  const finishes = trace.filter((c) => c.fn === 'LMSFinish').length;
  if (trace[0]?.fn !== 'LMSInitialize' || initializes !== 1) problems.push(`LMSInitialize: ${initializes} calls, must be exactly one and first`);
  if (finished && (finishes !== 1 || trace[trace.length - 1]?.fn !== 'LMSFinish')) {
    problems.push(`LMSFinish: ${finishes} calls, must be exactly one and last`);
  }
  if (!finished && finishes !== 0) problems.push('LMSFinish was called before the learner left');
  const sets = trace.filter((c) => c.fn === 'LMSSetValue').map((c) => ({ element: c.args[0] ?? '', value: c.args[1] ?? '' }));
  const sessionTimes = sets.filter((s) => s.element === 'cmi.core.session_time').length;
  if (finished && sessionTimes !== 1) problems.push(`cmi.core.session_time set ${sessionTimes} times, must be once`);
  let best = 0;
  for (const set of sets.filter((s) => s.element === 'cmi.core.lesson_status')) {
    const rank = STATUS_RANK[set.value] ?? 0;
    if (rank < best) problems.push(`lesson_status downgraded to ${set.value}`);
    best = Math.max(best, rank);
  }
  return [...problems, ...findScorm12Violations(sets)];
}
