// Realistic coursepack statements (XAPI.md §2, issue 9), as an LRS returns them (stored, authority,
// version added), for the report benchmark. Deterministic: a seeded PRNG, fixed clock.
// Each registration walks the mentoring course's shape: 7 modules, 32 pages, 24 checks; some stop
// part-way (suspended, then resumed in a later session), some fail and retake.
import { createWriteStream } from 'node:fs';

const COURSE = 'https://coursepack.invalid/courses/mentoring-young-inventors';
const V = 'http://adlnet.gov/expapi/verbs/';
const A = 'http://adlnet.gov/expapi/activities/';
const PROFILE = 'https://coursepack.invalid/xapi/profile/1.0';
const PROGRESS = 'https://w3id.org/xapi/cmi5/result/extensions/progress';
const HOME = 'https://lms.district.example.org';
const MODULES = ['what-is-mentoring', 'five-parts', 'goals', 'trust', 'gaps', 'feedback', 'closing'];

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(r) {
  const h = () => Math.floor(r() * 0x10000).toString(16).padStart(4, '0');
  return `${h()}${h()}-${h()}-4${h().slice(1)}-a${h().slice(1)}-${h()}${h()}${h()}`;
}

const course = { objectType: 'Activity', id: COURSE, definition: { type: `${A}course`, name: { en: 'Mentoring Young Inventors: A Course for School Librarians' } } };
const modules = MODULES.map((m, i) => ({ objectType: 'Activity', id: `${COURSE}/modules/${m}`, definition: { type: `${A}module`, name: { en: `Module ${i + 1}: ${m.replace(/-/g, ' ')}` } } }));
const pages = modules.flatMap((m, i) => Array.from({ length: i < 4 ? 5 : 4 }, (_, p) => ({ module: m, page: { objectType: 'Activity', id: `${m.id}/pages/page-${p + 1}`, definition: { type: `${A}lesson`, name: { en: `Page ${p + 1} of ${m.definition.name.en}` } } } })));
const checks = pages.filter((_, i) => i % 4 !== 3).slice(0, 24).map((p, i) => ({
  module: p.module,
  activity: {
    objectType: 'Activity', id: `${COURSE}/questions/check-${i + 1}`,
    definition: {
      type: `${A}cmi.interaction`, name: { en: `Which of these helps a young inventor (question ${i + 1})?` },
      interactionType: 'choice', correctResponsesPattern: [i % 3 ? 'b' : 'a[,]c'],
      choices: ['a', 'b', 'c', 'd'].map((id) => ({ id, description: { en: `Option ${id.toUpperCase()}: a plausible answer of a few words` } })),
    },
  },
}));

export async function writeStatements(file, count, seed = 11) {
  const r = rng(seed);
  const out = createWriteStream(file);
  let written = 0;
  let clock = Date.UTC(2026, 8, 1, 8, 0, 0);
  let buffer = [];
  const flush = async () => {
    if (!out.write(buffer.join(''))) await new Promise((resolve) => out.once('drain', resolve));
    buffer = [];
  };
  let learnerNo = 0;
  while (written < count) {
    learnerNo++;
    const actor = { objectType: 'Agent', account: { homePage: HOME, name: `s${String(learnerNo).padStart(6, '0')}` }, name: `Learner ${learnerNo}` };
    const attempts = r() < 0.2 ? 2 : 1;
    for (let a = 0; a < attempts && written < count; a++) {
      const registration = uuid(r);
      const emit = (verb, object, extra = {}) => {
        clock += 1000 + Math.floor(r() * 60000);
        const parent = extra.parent ? [extra.parent] : undefined;
        const s = {
          id: uuid(r), timestamp: new Date(clock).toISOString(), stored: new Date(clock + 400).toISOString(),
          actor, verb: { id: V + verb, display: { 'en-US': verb } }, object,
          ...(extra.result ? { result: extra.result } : {}),
          context: {
            registration, revision: '1.0.0', platform: 'SCORM 1.2 / Moodle', language: 'en',
            contextActivities: { ...(parent ? { parent } : {}), grouping: [{ objectType: 'Activity', id: COURSE }], category: [{ objectType: 'Activity', id: PROFILE, definition: { type: `${A}profile` } }] },
          },
          authority: { objectType: 'Agent', name: 'coursepack', mbox: 'mailto:client@example.org' }, version: '1.0.0',
        };
        buffer.push(`${JSON.stringify(s)}\n`);
        written++;
        if (r() < 0.002) { buffer.push(`${JSON.stringify(s)}\n`); written++; } // a retried send
      };
      emit('initialized', course);
      const stopAt = r() < 0.3 ? Math.floor(r() * pages.length) : pages.length;
      let correct = 0;
      for (let p = 0; p < pages.length && written < count; p++) {
        if (p === stopAt) {
          emit('suspended', course, { result: { duration: `PT${10 + Math.floor(r() * 50)}M${Math.floor(r() * 60)}S` } });
          emit('resumed', course);
        }
        const { module, page } = pages[p];
        emit('experienced', page, { parent: { objectType: 'Activity', id: module.id, definition: module.definition } });
        const check = checks.find((c) => c.activity.id.endsWith(`-${p + 1}`));
        if (check) {
          const right = r() < 0.75;
          if (right) correct++;
          const response = right ? check.activity.definition.correctResponsesPattern[0] : ['a', 'b', 'c', 'd', 'a[,]b'][Math.floor(r() * 5)];
          emit('answered', check.activity, { parent: { objectType: 'Activity', id: page.id }, result: { response, success: right, score: { scaled: right ? 1 : 0, raw: right ? 1 : 0, min: 0, max: 1 } } });
        }
        if (p === pages.length - 1 || pages[p + 1].module !== module) emit('progressed', module, { result: { extensions: { [PROGRESS]: 100 } } });
      }
      const scaled = Math.round((100 * correct) / 24) / 100;
      emit(scaled >= 0.8 ? 'passed' : 'failed', course, { result: { score: { scaled, raw: correct, min: 0, max: 24 }, success: scaled >= 0.8, duration: 'PT1H12M' } });
      emit('completed', course, { result: { completion: true, duration: 'PT1H12M' } });
      emit('terminated', course, { result: { duration: `PT${20 + Math.floor(r() * 40)}M` } });
      if (buffer.length > 2000) await flush();
    }
  }
  await flush();
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return written;
}
