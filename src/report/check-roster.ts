/**
 * Why a roster may not line up with the statements, said instead of a report where everyone on the
 * roster has "not started" and every learner is "(not on the roster)". Two causes are common: the id
 * column holds something other than the LMS's student ids (the ids a school uses, an email), and Excel,
 * which reads `000123` as the number 123 when it opens a CSV and writes it back without its zeros (it
 * also leaves `S000123` alone while the LMS has `s000123`). Ids are never matched loosely: two
 * accounts may differ only so; the person fixes the roster. An e-mail address is the exception (read-roster.ts
 * rosterMatcher): one mailbox in any capitals.
 */
import { rosterMatcher, sharedRosterAddresses, type RosterEntry } from './read-roster.js';

export interface RosterLearner {
  /** `homePage|name` or another IFI (aggregate-types.ts). */
  readonly key: string;
  readonly accountName: string | undefined;
  /** The latest name the statements gave (aggregate-types.ts LearnerState). */
  readonly name?: { readonly value: string } | null;
}

/** One sentence per problem found (none when the roster and the statements agree). */
export function checkRoster(roster: readonly RosterEntry[] & { readonly idColumn?: string; readonly header?: readonly string[]; readonly cells?: ReadonlyArray<readonly string[]> },
  learners: Iterable<RosterLearner>, file: string, showIds: boolean): string[] {
  if (roster.length === 0) return [];
  // The matcher leaves such addresses out: whose statements they sent, the roster cannot say.
  const sharedAddresses = sharedRosterAddresses(roster);
  const addressNote = sharedAddresses.length === 0 ? [] : [`${sharedAddresses.length} ${sharedAddresses.length === 1 ? 'e-mail address is' : 'e-mail addresses are'} on more than one row of ${file}${showIds ? ` (${JSON.stringify(sharedAddresses[0])})` : ''} and ${sharedAddresses.length === 1 ? 'matches' : 'match'} no learner the statements know by it, as it cannot say whose statements they are: give each row its own address, or leave the cell empty`];
  const rosterRow = rosterMatcher(roster);
  const matched = new Map<RosterEntry, string[]>();
  const off: RosterLearner[] = [];
  let count = 0;
  for (const l of learners) {
    count++;
    const r = rosterRow(l);
    if (r) matched.set(r, [...(matched.get(r) ?? []), l.key]);
    else off.push(l);
  }
  // The report's rows take such accounts as one person (build-views.ts): said, since two people an id names in
  // two LMSs are then one row until the roster has a homePage column.
  const shared = [...matched].filter(([, keys]) => keys.length > 1);
  const sharedNote = shared.length === 0 ? addressNote : [...addressNote, `${shared.length} ${shared.length === 1 ? 'learner' : 'learners'} on ${file} ${shared.length === 1 ? 'has' : 'have'} more than one account in the statements${showIds ? ` (${JSON.stringify(shared[0]?.[0].id)}: ${(shared[0]?.[1] ?? []).map((k) => JSON.stringify(k)).join(' and ')})` : ''}, counted as one learner with their accounts' statements together: an LMS address written two ways, a second LMS, or an e-mail address sent also as its SHA-1; if an id is two people's in two LMSs, give the roster a homePage column`];
  if (count === 0 || off.length === 0) return sharedNote;
  // The very id under another homePage: the roster's homePage column has the LMS address written another way
  // (a slash at the end, http), which the note on leading zeros named as the fault, quoting two equal ids.
  const byId = new Map<string, RosterEntry>();
  for (const r of roster) if (!matched.has(r) && r.homePage !== undefined) byId.set(r.id, r);
  const elsewhere: Array<[RosterEntry, string]> = [];
  const rest: RosterLearner[] = [];
  for (const l of off) {
    const r = l.accountName === undefined ? undefined : byId.get(l.accountName);
    if (r && l.accountName !== undefined) elsewhere.push([r, l.key.slice(0, l.key.length - l.accountName.length - 1)]);
    else rest.push(l);
  }
  const taken = new Set(elsewhere.map(([r]) => r));
  const unmatched = new Map<string, RosterEntry>();
  for (const r of roster) if (!matched.has(r) && !taken.has(r)) unmatched.set(loose(r.id), r);
  const near: Array<[RosterEntry, string]> = [];
  for (const l of rest) {
    const name = l.accountName ?? l.key;
    const r = unmatched.get(loose(name));
    if (r) near.push([r, name]);
  }
  const notes: string[] = [...sharedNote];
  if (elsewhere.length > 0) {
    const [r, homePage] = elsewhere[0] as [RosterEntry, string];
    notes.push(`${elsewhere.length} ${elsewhere.length === 1 ? 'learner is' : 'learners are'} not on ${file} though a row there has their id under another LMS address (${JSON.stringify(r.homePage)} on the roster, ${JSON.stringify(homePage)} in the statements): the roster's homePage column must hold the address exactly as the statements have it; until it does, each is counted twice (on the roster, not started; and not on the roster)`);
  }
  if (near.length > 0) {
    const [r, name] = near[0] as [RosterEntry, string];
    const example = showIds ? ` (${JSON.stringify(r.id)} on the roster, ${JSON.stringify(name)} in the statements)` : '';
    notes.push(`${near.length} ${near.length === 1 ? 'learner is' : 'learners are'} not on ${file} though an id there differs from theirs only by leading zeros or capital letters${example}: Excel drops the zeros when it opens a CSV, so open the roster with the id column as Text or export it again; until the ids match, each is counted twice (on the roster, not started; and not on the roster)`);
  } else if (matched.size === 0 && elsewhere.length === 0) {
    const example = showIds ? ` (the statements have ids like ${JSON.stringify(off[0]?.accountName ?? off[0]?.key ?? '')}; the roster ${JSON.stringify(roster[0]?.id ?? '')})` : '';
    notes.push(`none of the ${roster.length} ids in ${file} is the LMS account of a learner in the statements${example}: the roster's id column${roster.idColumn ? ` ("${roster.idColumn}")` : ''} must hold the student ids the LMS gives the course (cmi.core.student_id), not other ids${idsElsewhere(roster, off)}`);
  }
  // A teacher who moved schools, or was given a second LMS account, took the course under an id the roster
  // does not have, and the roster's id shows them as not started: nothing in the ids says so, their name does.
  if (notes.length === sharedNote.length || near.length > 0 || elsewhere.length > 0) {
    const nearIds = new Set([...near.map(([r]) => r), ...taken]);
    const byName = new Map<string, RosterEntry>();
    for (const r of unmatched.values()) if (r.name !== undefined && !nearIds.has(r)) byName.set(looseName(r.name), r);
    const named: Array<[RosterEntry, RosterLearner]> = [];
    for (const l of rest) {
      const r = l.name ? byName.get(looseName(l.name.value)) : undefined;
      if (r) named.push([r, l]);
    }
    if (named.length > 0) {
      const [r, l] = named[0] as [RosterEntry, RosterLearner];
      const example = showIds ? ` (${r.name ?? ''}: ${JSON.stringify(r.id)} on the roster, ${JSON.stringify(l.accountName ?? l.key)} in the statements)` : '';
      notes.push(`${named.length} ${named.length === 1 ? 'learner on' : 'learners on'} ${file} who ${named.length === 1 ? 'has' : 'have'} not started ${named.length === 1 ? 'has the name of a learner' : 'have the names of learners'} in the statements who ${named.length === 1 ? 'is' : 'are'} not on it${example}: a second account (a move between schools, another LMS)? If so, they are counted twice (on the roster, not started; and not on the roster): put the id they took the course under in the roster's id column`);
    }
  }
  return notes;
}

/**
 * The roster's other column that holds the ids of the most learners in the statements (a staff export's
 * `Email` or `Username` beside its `Staff ID`), as the end of the note that no id matched: which column to
 * name `id`, rather than a hunt through twenty columns.
 */
function idsElsewhere(roster: { readonly idColumn?: string; readonly header?: readonly string[]; readonly cells?: ReadonlyArray<readonly string[]> }, learners: readonly RosterLearner[]): string {
  const { header, cells } = roster;
  if (!header || !cells) return '';
  let best = { column: '', count: 0 };
  header.forEach((column, i) => {
    if (column === roster.idColumn || column === '') return;
    // Loosely, as a hint: the note then says how the ids differ (capitals, leading zeros) once that column is read.
    const ids = new Set(cells.map((row) => loose(row[i] ?? '')).filter((id) => id !== ''));
    const count = learners.filter((l) => ids.has(loose(l.accountName ?? l.key.replace(/^mailto:/, '')))).length;
    if (count > best.count) best = { column, count };
  });
  return best.count === 0 ? '' : `; its "${best.column}" column holds the ids of ${best.count} of the ${learners.length} learners in the statements: name that column "id"`;
}

/** A name in any capitals, spacing and accents, "Last, First" read as "First Last": a hint, never a match. */
function looseName(name: string): string {
  const [last, first] = name.split(',').map((p) => p.trim());
  const ordered = first !== undefined && !name.includes(',', name.indexOf(',') + 1) ? `${first} ${last ?? ''}` : name;
  return ordered.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** An id with case and leading zeros taken out: what Excel and a student information system change. */
function loose(id: string): string {
  return id.trim().toLowerCase().replace(/^0+(?=\d)/, '');
}
