/**
 * An aggregate as flat data for its trip from a worker thread to the main thread (aggregate-in-threads.ts):
 * the learners and questions as one Float64Array of numbers and indices into one table of distinct
 * strings, the small rest as it is. Why: the main thread merges the parts one after the other, so the time
 * it takes to receive a part adds to the report's whole time. A structured clone of the object graph
 * writes every string at every place it occurs (a module IRI in every learner's sets, a learner key in
 * every question's) and builds the graph back object by object: half a million statements' part took
 * ~150-200 ms of the main thread to receive (9.0 MB and 59 ms for 200,000 statements, `v8.deserialize`),
 * against a few milliseconds to read the numbers back here. The numbers transfer without a copy.
 *
 * `unpackAggregate(packAggregate(a))` equals `a`: the same maps in the same order, the same values
 * (test/report/pack-aggregate.test.ts).
 */
import type { Aggregate, LearnerState, QuestionState, RegistrationState, Stamped } from './aggregate-types.js';

export interface PackedAggregate {
  readonly strings: readonly string[];
  readonly numbers: Float64Array<ArrayBuffer>;
  /** What is small (activities, reflections, versions, home pages, counts) travels as it is. */
  readonly rest: Omit<Aggregate, 'learners' | 'questions'>;
}

/** A string's index in the table, or -1 for `undefined`. */
const NONE = -1;

class Writer {
  private numbers = new Float64Array(1 << 12);
  private length = 0;
  private readonly index = new Map<string, number>();
  readonly strings: string[] = [];

  number(n: number): void {
    if (this.length === this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[this.length++] = n;
  }

  string(s: string | undefined): void {
    if (s === undefined) return this.number(NONE);
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.index.set(s, i);
      this.strings.push(s);
    }
    this.number(i);
  }

  /** A presence flag, then the value when there is one. */
  nullable(n: number | null): void {
    this.number(n === null ? 0 : 1);
    if (n !== null) this.number(n);
  }

  numberList(list: readonly number[]): void {
    this.number(list.length);
    for (const n of list) this.number(n);
  }

  stringSet(set: ReadonlySet<string>): void {
    this.number(set.size);
    for (const s of set) this.string(s);
  }

  countMap(map: ReadonlyMap<string, number>): void {
    this.number(map.size);
    for (const [key, n] of map) {
      this.string(key);
      this.number(n);
    }
  }

  stamped<T>(s: Stamped<T> | null, value: (v: T) => void): void {
    this.number(s === null ? 0 : 1);
    if (s === null) return;
    this.number(s.time);
    this.number(s.tie);
    value(s.value);
  }

  result(): Float64Array<ArrayBuffer> {
    return this.numbers.slice(0, this.length);
  }
}

class Reader {
  private at = 0;
  constructor(
    private readonly numbers: Float64Array,
    private readonly strings: readonly string[],
  ) {}

  number(): number {
    if (this.at >= this.numbers.length) throw new Error('a packed aggregate ended early');
    return this.numbers[this.at++] as number;
  }

  string(): string {
    const s = this.optionalString();
    if (s === undefined) throw new Error('a packed aggregate has no string where one is needed');
    return s;
  }

  optionalString(): string | undefined {
    const i = this.number();
    if (i === NONE) return undefined;
    const s = this.strings[i];
    if (s === undefined) throw new Error(`a packed aggregate names string ${i} of ${this.strings.length}`);
    return s;
  }

  nullable(): number | null {
    return this.number() === 0 ? null : this.number();
  }

  stamped<T>(value: () => T): Stamped<T> | null {
    if (this.number() === 0) return null;
    const time = this.number();
    const tie = this.number();
    return { time, tie, value: value() };
  }

  numberList(): number[] {
    const n = this.number();
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.number();
    return out;
  }

  stringSet(): Set<string> {
    const set = new Set<string>();
    for (let n = this.number(); n > 0; n--) set.add(this.string());
    return set;
  }

  countMap(): Map<string, number> {
    const map = new Map<string, number>();
    for (let n = this.number(); n > 0; n--) map.set(this.string(), this.number());
    return map;
  }

  done(): boolean {
    return this.at === this.numbers.length;
  }
}

export function packAggregate(aggregate: Aggregate): PackedAggregate {
  const w = new Writer();
  w.number(aggregate.learners.size);
  for (const [key, learner] of aggregate.learners) {
    w.string(key);
    writeLearner(w, learner);
  }
  w.number(aggregate.questions.size);
  for (const [key, question] of aggregate.questions) {
    w.string(key);
    writeQuestion(w, question);
  }
  const { learners: _learners, questions: _questions, ...rest } = aggregate;
  return { strings: w.strings, numbers: w.result(), rest };
}

export function unpackAggregate(packed: PackedAggregate): Aggregate {
  const r = new Reader(packed.numbers, packed.strings);
  const learners = new Map<string, LearnerState>();
  for (let n = r.number(); n > 0; n--) learners.set(r.string(), readLearner(r));
  const questions = new Map<string, QuestionState>();
  for (let n = r.number(); n > 0; n--) questions.set(r.string(), readQuestion(r));
  if (!r.done()) throw new Error('a packed aggregate has numbers past its end');
  return { ...packed.rest, learners, questions };
}

function writeLearner(w: Writer, l: LearnerState): void {
  w.string(l.key);
  w.string(l.accountName);
  w.stamped(l.name, (v) => w.string(v));
  w.number(l.lastActivity);
  w.stamped(l.lastPage, (v) => w.string(v));
  w.stringSet(l.modulesStarted);
  w.stringSet(l.modulesDone);
  w.number(l.registrations.size);
  for (const [key, reg] of l.registrations) {
    w.string(key);
    writeRegistration(w, reg);
  }
}

function readLearner(r: Reader): LearnerState {
  const key = r.string();
  const accountName = r.optionalString();
  const name = r.stamped(() => r.string());
  const lastActivity = r.number();
  const lastPage = r.stamped(() => r.string());
  const modulesStarted = r.stringSet();
  const modulesDone = r.stringSet();
  const registrations = new Map<string, RegistrationState>();
  for (let n = r.number(); n > 0; n--) registrations.set(r.string(), readRegistration(r));
  return { key, accountName, name, registrations, lastActivity, lastPage, modulesStarted, modulesDone };
}

function writeRegistration(w: Writer, reg: RegistrationState): void {
  w.string(reg.key);
  w.nullable(reg.completedAt);
  w.nullable(reg.passedAt);
  w.nullable(reg.failedAt);
  w.nullable(reg.best);
  w.stamped(reg.latest, (v) => w.number(v));
  w.numberList(reg.opens);
  w.number(reg.closes.length);
  for (const c of reg.closes) {
    w.number(c.time);
    w.nullable(c.seconds);
  }
  w.numberList(reg.times);
  w.number(reg.firstTime);
  w.number(reg.lastTime);
  w.string(reg.part ?? undefined);
  w.nullable(reg.partDoneAt);
}

function readRegistration(r: Reader): RegistrationState {
  const key = r.string();
  const completedAt = r.nullable();
  const passedAt = r.nullable();
  const failedAt = r.nullable();
  const best = r.nullable();
  const latest = r.stamped(() => r.number());
  const opens = r.numberList();
  const closes: Array<{ time: number; seconds: number | null }> = [];
  for (let n = r.number(); n > 0; n--) {
    const time = r.number();
    closes.push({ time, seconds: r.nullable() });
  }
  const times = r.numberList();
  const firstTime = r.number();
  const lastTime = r.number();
  const part = r.optionalString() ?? null;
  const partDoneAt = r.nullable();
  return { key, completedAt, passedAt, failedAt, best, latest, opens, closes, times, firstTime, lastTime, part, partDoneAt };
}

function writeQuestion(w: Writer, q: QuestionState): void {
  w.string(q.id);
  w.number(q.attempts);
  w.number(q.correct);
  w.number(q.incorrect);
  w.stringSet(q.learners);
  w.countMap(q.responses);
  w.number(q.otherResponses);
  w.countMap(q.otherParts);
  w.number(q.spellings.size);
  for (const [part, spelled] of q.spellings) {
    w.string(part);
    w.string(spelled);
  }
  w.string(q.module);
}

function readQuestion(r: Reader): QuestionState {
  const id = r.string();
  const attempts = r.number();
  const correct = r.number();
  const incorrect = r.number();
  const learners = r.stringSet();
  const responses = r.countMap();
  const otherResponses = r.number();
  const otherParts = r.countMap();
  const spellings = new Map<string, string>();
  for (let n = r.number(); n > 0; n--) spellings.set(r.string(), r.string());
  const module = r.optionalString();
  return { id, attempts, correct, incorrect, learners, responses, otherResponses, otherParts, spellings, module };
}
