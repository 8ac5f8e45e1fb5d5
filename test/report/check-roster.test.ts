/**
 * A roster that does not line up with the statements is said, not shown as everyone "not started":
 * ids Excel stripped of their zeros, ids in other capitals, a column of other ids. Never matched loosely.
 */
import { describe, expect, it } from 'vitest';
import { checkRoster, parseRoster } from '../../src/report/index.js';

const HOME = 'https://lms.example.org';
const learners = (...names: string[]) => names.map((name) => ({ key: `${HOME}|${name}`, accountName: name }));

describe('checking a roster against the statements', () => {
  it('says nothing when the ids line up (a learner not on the roster, or not started, is normal)', () => {
    const roster = parseRoster('id,name\n000123,Ada\n000124,Ben\n', 'roster.csv');
    expect(checkRoster(roster, learners('000123', 'guest-1'), 'roster.csv', true)).toEqual([]);
    expect(checkRoster(roster, [], 'roster.csv', true)).toEqual([]);
  });

  it('says an e-mail address on two rows matches no one, naming it only when ids may be shown', () => {
    const roster = parseRoster('Staff ID,Name,Email\n1001,Alex Doe,family@district.org\n1002,Sam Doe,Family@District.org\n', 'roster.csv');
    const learner = [{ key: 'mailto:family@district.org', accountName: undefined }, ...learners('1002')];
    expect(checkRoster(roster, learner, 'roster.csv', true)).toEqual(['1 e-mail address is on more than one row of roster.csv ("family@district.org") and matches no learner the statements know by it, as it cannot say whose statements they are: give each row its own address, or leave the cell empty']);
    expect(checkRoster(roster, learner, 'roster.csv', false)[0]).not.toMatch(/family/);
  });

  it('matches an e-mail address in any capitals, as the report\'s rows do: nothing to say', () => {
    const roster = parseRoster('id,name\nmailto:Jane.Doe@District.org,Jane Doe\n', 'roster.csv');
    expect(checkRoster(roster, [{ key: 'mailto:jane.doe@district.org', accountName: undefined }], 'roster.csv', true)).toEqual([]);
  });

  it('matches a learner known by an mbox to the address written without mailto: and in other capitals, as staff exports write it', () => {
    const roster = parseRoster('Staff ID,name\nJane.Doe@District.org,Jane Doe\n', 'roster.csv');
    expect(checkRoster(roster, [{ key: 'mailto:jane.doe@district.org', accountName: undefined }], 'roster.csv', true)).toEqual([]);
  });

  it('matches an LMS account named by an e-mail address to the roster\'s address in other capitals: no note blaming Excel', () => {
    const roster = parseRoster('id,name\nJane.Doe@District.org,Jane Doe\n', 'roster.csv');
    expect(checkRoster(roster, learners('jane.doe@district.org', 'bob@district.org'), 'roster.csv', true)).toEqual([]);
  });

  it('names ids Excel stripped of their leading zeros, or that differ in capitals', () => {
    const roster = parseRoster('id,name\n123,Ada\n124,Ben\nS000200,Cy\n', 'roster.csv');
    expect(checkRoster(roster, learners('000123', '000124', 's000200', '000999'), 'roster.csv', true)).toEqual([
      '3 learners are not on roster.csv though an id there differs from theirs only by leading zeros or capital letters ("123" on the roster, "000123" in the statements): Excel drops the zeros when it opens a CSV, so open the roster with the id column as Text or export it again; until the ids match, each is counted twice (on the roster, not started; and not on the roster)',
    ]);
  });

  it('says when no id matches at all: the column holds other ids', () => {
    const roster = parseRoster('id,name\nada@district.org,Ada\nben@district.org,Ben\n', 'roster.csv');
    expect(checkRoster(roster, learners('81234', '81235'), 'roster.csv', true)).toEqual([
      'none of the 2 ids in roster.csv is the LMS account of a learner in the statements (the statements have ids like "81234"; the roster "ada@district.org"): the roster\'s id column ("id") must hold the student ids the LMS gives the course (cmi.core.student_id), not other ids',
    ]);
  });

  it('says which other column holds the ids when the id column holds none of them (a staff export\'s Username beside its Staff ID)', () => {
    const roster = parseRoster('Staff ID,Name,Username,School\n81001,Jane Doe,JDoe,North\n81002,Bob Ray,bray,South\n', 'roster.csv');
    expect(checkRoster(roster, learners('jdoe', 'bray', 'guest'), 'roster.csv', true)).toEqual([
      'none of the 2 ids in roster.csv is the LMS account of a learner in the statements (the statements have ids like "jdoe"; the roster "81001"): the roster\'s id column ("Staff ID") must hold the student ids the LMS gives the course (cmi.core.student_id), not other ids; its "Username" column holds the ids of 2 of the 3 learners in the statements: name that column "id"',
    ]);
    // An Email column beside the Staff ID is read for learners known by an address: nothing to say.
    const emails = parseRoster('Staff ID,Name,Email\n81001,Jane Doe,JDoe@district.org\n81002,Bob Ray,bray@district.org\n', 'roster.csv');
    expect(checkRoster(emails, [...learners('jdoe@district.org'), { key: 'mailto:bray@district.org', accountName: undefined }], 'roster.csv', true)).toEqual([]);
  });

  it('takes the ids from "Learner ID" beside a "Learner" column of names, and names the column when no id matches', () => {
    const roster = parseRoster('Learner,Learner ID,School\nAnn Lee,000123,North\nBob Ray,s2,South\n', 'roster.csv');
    expect(roster.map((r) => [r.id, r.name, r.school])).toEqual([['000123', 'Ann Lee', 'North'], ['s2', 'Bob Ray', 'South']]);
    expect(roster.idColumn).toBe('Learner ID');
    expect(checkRoster(roster, learners('000123', 's2'), 'roster.csv', true)).toEqual([]);
    const staff = parseRoster('Student Name,Staff ID,Building\nAnn Lee,e-1,North\n', 'staff.csv');
    expect(staff.map((r) => [r.id, r.name, r.school])).toEqual([['e-1', 'Ann Lee', 'North']]);
    expect(checkRoster(staff, learners('81234'), 'staff.csv', true)).toEqual([
      'none of the 1 ids in staff.csv is the LMS account of a learner in the statements (the statements have ids like "81234"; the roster "e-1"): the roster\'s id column ("Staff ID") must hold the student ids the LMS gives the course (cmi.core.student_id), not other ids',
    ]);
    // Standing alone, "Learner" is the ids, as before.
    expect(parseRoster('Learner,School\ns1,North\n', 'roster.csv').map((r) => [r.id, r.name])).toEqual([['s1', undefined]]);
  });

  it('names a learner on the roster who has not started and whose name a learner off it has: a second account', () => {
    const roster = parseRoster('id,name\n2001,"Doe, Jane"\n3001,Bob Ray\n', 'roster.csv');
    const named = (id: string, name: string) => ({ key: `${HOME}|${id}`, accountName: id, name: { value: name } });
    expect(checkRoster(roster, [named('1001', 'Jane  Doe'), named('3001', 'Bob Ray'), named('4001', 'Guest')], 'roster.csv', true)).toEqual([
      '1 learner on roster.csv who has not started has the name of a learner in the statements who is not on it (Doe, Jane: "2001" on the roster, "1001" in the statements): a second account (a move between schools, another LMS)? If so, they are counted twice (on the roster, not started; and not on the roster): put the id they took the course under in the roster\'s id column',
    ]);
    // Accents an old export lost are the same name; pseudonymized, no name or id is shown.
    const [note] = checkRoster(parseRoster('id,name\n2001,Jose Nunez\n3001,Bob\n', 'r.csv'), [named('1001', 'José Núñez'), named('3001', 'Bob')], 'r.csv', false);
    expect(note).toMatch(/^1 learner on r\.csv who has not started has the name of a learner in the statements who is not on it: a second account/);
  });

  it('says when a roster learner has more than one account in the statements, which the report counts as one', () => {
    const roster = parseRoster('id,name\n1001,Jane\n', 'roster.csv');
    const accounts = [{ key: `${HOME}|1001`, accountName: '1001' }, { key: `${HOME}/|1001`, accountName: '1001' }];
    expect(checkRoster(roster, accounts, 'roster.csv', true)).toEqual([
      '1 learner on roster.csv has more than one account in the statements ("1001": "https://lms.example.org|1001" and "https://lms.example.org/|1001"), counted as one learner with their accounts\' statements together: an LMS address written two ways, a second LMS, or an e-mail address sent also as its SHA-1; if an id is two people\'s in two LMSs, give the roster a homePage column',
    ]);
    expect(checkRoster(roster, accounts, 'roster.csv', false)).toEqual([expect.stringMatching(/^1 learner on roster\.csv has more than one account in the statements, counted as one/)]);
  });

  it('names an id on the roster under another LMS address (its homePage column), not leading zeros between two equal ids', () => {
    const roster = parseRoster('id,name,homePage\n000123,Ada,https://lms.example.org/\n000124,Ben,https://lms.example.org/\n', 'roster.csv');
    expect(checkRoster(roster, learners('000123', '000124'), 'roster.csv', true)).toEqual([
      '2 learners are not on roster.csv though a row there has their id under another LMS address ("https://lms.example.org/" on the roster, "https://lms.example.org" in the statements): the roster\'s homePage column must hold the address exactly as the statements have it; until it does, each is counted twice (on the roster, not started; and not on the roster)',
    ]);
  });

  it('shows no id when the report is pseudonymized', () => {
    const roster = parseRoster('id\n123\n', 'roster.csv');
    const [note] = checkRoster(roster, learners('000123'), 'roster.csv', false);
    expect(note).toMatch(/^1 learner is not on roster\.csv though an id there differs from theirs only by leading zeros or capital letters: Excel/);
    expect(note).not.toContain('123"');
  });
});
