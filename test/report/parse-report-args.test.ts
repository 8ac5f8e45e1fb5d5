/**
 * `coursepack report` argv and environment → options, as a table (house style: parsing tested
 * apart from running).
 */
import { describe, expect, it } from 'vitest';
import { parseDate, parseReportArgs } from '../../src/cli/parse-report-args.js';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const ENV = { COURSEPACK_LRS_ENDPOINT: 'https://lrs.example.org/xAPI', COURSEPACK_LRS_AUTH: 'Basic a2V5OnNlY3JldA==' };

describe('parseReportArgs', () => {
  it.each([
    ['an export', ['--from', 's.ndjson'], {}, { source: { kind: 'file', files: ['s.ndjson'] }, format: 'table', course: 'course', threads: undefined }],
    // Daily exports: --from again, or a shell pattern (`--from exports/*.ndjson` reaches us as the names).
    ['several exports, --from again', ['--from', 'a.ndjson', '--from', 'b.json.gz'], {}, { source: { kind: 'file', files: ['a.ndjson', 'b.json.gz'] } }],
    ['html into a file named by --out', ['--from', 'a.ndjson', '--format', 'html', '--out', 'reports/week-12.HTM'], {}, { format: 'html', out: 'reports/week-12.HTM' }],
    ['several exports from a shell pattern', ['--from', 'x/1.ndjson', 'x/2.ndjson', 'x/3.ndjson', '--format', 'json', '--out', 'o'], {}, { source: { kind: 'file', files: ['x/1.ndjson', 'x/2.ndjson', 'x/3.ndjson'] }, format: 'json' }],
    ['an export read by two threads', ['--from', 's.ndjson', '--threads', '2'], {}, { threads: 2 }],
    ['an LRS with --user/--password', ['--lrs', 'https://l.example/xAPI', '--user', 'key', '--password', 's3cret'], {}, { source: { kind: 'lrs', endpoint: 'https://l.example/xAPI', auth: basic('key', 's3cret'), sync: undefined, pageSize: 500 } }],
    ['an LRS from the environment', [], ENV, { source: { kind: 'lrs', endpoint: ENV.COURSEPACK_LRS_ENDPOINT, auth: ENV.COURSEPACK_LRS_AUTH, sync: undefined, pageSize: 500 } }],
    ['--lrs wins over the environment endpoint, credentials from it', ['--lrs', 'http://127.0.0.1:1/xAPI'], ENV, { source: { kind: 'lrs', endpoint: 'http://127.0.0.1:1/xAPI', auth: ENV.COURSEPACK_LRS_AUTH, sync: undefined, pageSize: 500 } }],
    ['--from ignores the environment endpoint', ['--from', 'x.json'], ENV, { source: { kind: 'file', files: ['x.json'] } }],
    // GNU base64 wraps at 76 characters: `"Basic $(… | base64)"` of a long key holds a line break.
    ['a wrapped base64 in COURSEPACK_LRS_AUTH', [], { ...ENV, COURSEPACK_LRS_AUTH: 'Basic a2V5On\nNlY3JldA==\n' }, { source: { kind: 'lrs', endpoint: ENV.COURSEPACK_LRS_ENDPOINT, auth: ENV.COURSEPACK_LRS_AUTH, sync: undefined, pageSize: 500 } }],
    ['a sync file', ['--sync', 'cache.ndjson'], ENV, { source: { kind: 'lrs', endpoint: ENV.COURSEPACK_LRS_ENDPOINT, auth: ENV.COURSEPACK_LRS_AUTH, sync: 'cache.ndjson', pageSize: 500 } }],
    [
      'every filter and output option',
      ['--from', 'x.ndjson', '--activity', 'https://c.example/c', '--since', '2026-09-01', '--until', '2026-09-30', '--version', '1.0.0', '--trusted-authority', 'mailto:a@x', '--trusted-authority', 'h|k', '--roster', 'r.csv', '--group-by', 'school', '--format', 'csv', '--out', 'out', '--pseudonymize'],
      {},
      {
        activity: 'https://c.example/c', since: Date.UTC(2026, 8, 1), until: Date.UTC(2026, 8, 30, 23, 59, 59, 999), version: '1.0.0',
        trustedAuthorities: ['mailto:a@x', 'h|k'], roster: 'r.csv', groupBy: 'school', format: 'csv', out: 'out', reflections: false, pseudonymize: true,
      },
    ],
  ] as const)('%s', (_name, argv, env, expected) => {
    const command = parseReportArgs(argv, env);
    expect(command.kind).toBe('run');
    if (command.kind === 'run') expect(command.args).toMatchObject(expected);
  });

  it.each([
    ['no source', [], {}, /say where the statements are/],
    ['both sources', ['--from', 'a.json', '--lrs', 'https://l/x'], {}, /either --from FILE or --lrs URL/],
    ['no credentials', ['--lrs', 'https://l/x'], {}, /needs credentials/],
    ['--user without --password', ['--lrs', 'https://l/x', '--user', 'k'], {}, /--user and --password together/],
    ['--sync with --from', ['--from', 'a.json', '--sync', 'c.ndjson'], {}, /are for --lrs/],
    ['a bad page size', ['--page-size', '0'], ENV, /--page-size takes a whole number/],
    ['no threads', ['--from', 'a.ndjson', '--threads', '0'], {}, /--threads takes a whole number from 1 to 64 \(got '0'\)/],
    ['a fraction of a thread', ['--from', 'a.ndjson', '--threads', '1.5'], {}, /--threads takes a whole number/],
    ['a sync file that is not NDJSON', ['--sync', 'c.json'], ENV, /--sync names an \.ndjson file/],
    ['an unknown flag', ['--from', 'a.json', '--colour'], {}, /Unknown option '--colour'/],
    // Not "Did you mean --out?": --port is the LRS's (and preview's), and `--out 8080` means something else here.
    ['another command\'s option', ['--from', 'a.json', '--port', '8080'], {}, /^Unknown option '--port': report has no --port \(preview and lrs have it\)\. Options: --lrs, /],
    ['a word without an option (a password typed with a space in it)', ['--lrs', 'https://l/x', '--user', 'k', '--password', 'two', 'words'], {}, /^Unexpected argument: a word without an option before it/],
    // parseArgs keeps the last value without a word: --since September then --since October read October on.
    ['an option given twice', ['--from', 'a.json', '--since', '2026-09-01', '--since', '2026-10-01'], {}, /^--since is given twice: give it once/],
    ['--roster given twice', ['--from', 'a.json', '--roster', 'a.csv', '--roster', 'b.csv'], {}, /^--roster is given twice/],
    ['a bad format', ['--from', 'a.json', '--format', 'pdf'], {}, /--format takes table, csv, json, html/],
    ['csv without --out', ['--from', 'a.json', '--format', 'csv'], {}, /give --out DIR/],
    ['--out with the terminal table', ['--from', 'a.json', '--out', 'x'], {}, /--out is for/],
    ['csv into a .csv file', ['--from', 'a.json', '--format', 'csv', '--out', 'week.csv'], {}, /^--format csv writes one file per view \(summary\.csv, learners\.csv, …\): give --out a folder, not a \.csv file$/],
    ['html into a .json file', ['--from', 'a.json', '--format', 'html', '--out', 'week.json'], {}, /^--out names a \.json file, but --format is html: give --format json, or --out a folder or a \.html file$/],
    ['csv into an .html file: only a folder is offered (a .csv file is refused too)', ['--from', 'a.json', '--format', 'csv', '--out', 'week.html'], {}, /^--out names a \.html file, but --format is csv: give --format html, or --out a folder$/],
    ['json into a .csv file', ['--from', 'a.json', '--format', 'json', '--out', 'week.csv'], {}, /^--format json writes json: give --out a folder or a \.json file, not a \.csv file$/],
    // One letter is no typo of a long option: `-v` is not `--version` (here the course version filter).
    ['a one-letter option', ['--from', 'a.json', '-v'], {}, /^Unknown option '-v'\. Options: --lrs, /],
    ['a bad group', ['--from', 'a.json', '--roster', 'r.csv', '--group-by', 'district'], {}, /school or role/],
    ['--group-by without a roster', ['--from', 'a.json', '--group-by', 'school'], {}, /needs --roster/],
    ['a bad date', ['--from', 'a.json', '--since', '1/9/2026'], {}, /--since takes a date/],
    ['reflections pseudonymized (their words may name people)', ['--from', 'a.json', '--reflections', '--pseudonymize'], {}, /--pseudonymize cannot hide who wrote them/],
    ['dates the wrong way round', ['--from', 'a.json', '--since', '2026-10-01', '--until', '2026-09-01'], {}, /--since is after --until/],
    // cmd.exe's set NAME="…" keeps the quotes: the header was `"Basic …"` and the LRS said 401.
    ['a key in quotes (cmd.exe)', [], { ...ENV, COURSEPACK_LRS_AUTH: `"${ENV.COURSEPACK_LRS_AUTH}"` }, /^COURSEPACK_LRS_AUTH has quotes around its value \("…"\), which are then part of it, as cmd\.exe's `set COURSEPACK_LRS_AUTH="…"` keeps them: write `set COURSEPACK_LRS_AUTH=Basic …` without quotes$/],
    ['an endpoint in quotes (cmd.exe)', [], { ...ENV, COURSEPACK_LRS_ENDPOINT: `'${ENV.COURSEPACK_LRS_ENDPOINT}'` }, /^COURSEPACK_LRS_ENDPOINT has quotes .*: write `set COURSEPACK_LRS_ENDPOINT=https:\/\/lrs\.example\.org\/xAPI` without quotes$/],
  ] as const)('usage error: %s', (_name, argv, env, message) => {
    const command = parseReportArgs(argv, env);
    expect(command.kind).toBe('usage-error');
    if (command.kind === 'usage-error') expect(command.message).toMatch(message);
  });

  it('a variable in quotes that the report does not read is no error: the endpoint with --lrs, the key with --user, both with --from', () => {
    const quoted = { COURSEPACK_LRS_ENDPOINT: '"https://x"', COURSEPACK_LRS_AUTH: '"Basic eA=="' };
    expect(parseReportArgs(['--lrs', 'https://l/x', '--user', 'k', '--password', 'p'], quoted).kind).toBe('run');
    expect(parseReportArgs(['--from', 'a.json'], quoted).kind).toBe('run');
  });

  it('a usage error never repeats a password', () => {
    const command = parseReportArgs(['--lrs', 'https://l/x', '--password', 'hunter22'], {});
    expect(command.kind).toBe('usage-error');
    expect(JSON.stringify(command)).not.toContain('hunter22');
  });

  it('--help', () => {
    expect(parseReportArgs(['--help'], {})).toEqual({ kind: 'help' });
  });

  it.each([
    ['2026-09-01', 'start', 'UTC', Date.UTC(2026, 8, 1)],
    ['2026-09-01', 'end', 'UTC', Date.UTC(2026, 8, 2) - 1],
    ['2026-09-01T08:00:00+02:00', 'start', 'UTC', Date.UTC(2026, 8, 1, 6)],
    ['2026-09-01T08:00', 'start', 'UTC', Date.UTC(2026, 8, 1, 8)],
    ['2026-09-01 08:00', 'start', 'UTC', Date.UTC(2026, 8, 1, 8)],
    // A day in the district's zone: Los Angeles is UTC-7 in September (PDT), UTC-8 in December (PST).
    ['2026-09-01', 'start', 'America/Los_Angeles', Date.UTC(2026, 8, 1, 7)],
    ['2026-12-20', 'end', 'America/Los_Angeles', Date.UTC(2026, 11, 21, 8) - 1],
    // The day the clocks go back is 25 hours long there.
    ['2026-11-01', 'end', 'America/Los_Angeles', Date.UTC(2026, 10, 2, 8) - 1],
    ['2026-09-01T08:00:30.5', 'start', 'America/Los_Angeles', Date.UTC(2026, 8, 1, 15, 0, 30, 500)],
    // A time that names its zone is that instant, whatever the report's zone.
    ['2026-09-01T08:00:00Z', 'start', 'America/Los_Angeles', Date.UTC(2026, 8, 1, 8)],
    ['2026-09-01', 'start', 'Asia/Kolkata', Date.UTC(2026, 7, 31, 18, 30)],
    ['2026-02-30', 'start', 'UTC', Number.NaN],
    ['2026-09-01T24:00', 'start', 'UTC', Number.NaN],
  ] as const)('parseDate(%s, %s, %s)', (text, edge, zone, expected) => {
    expect(parseDate(text, edge, zone)).toBe(expected);
  });

  it('--trusted-authority takes an agent as the report keys it; a bare key or an address without mailto: is refused with the form to write', () => {
    const given = (value: string) => parseReportArgs(['--from', 'x.ndjson', '--trusted-authority', value], {});
    for (const ok of ['https://coursepack.invalid/lrs/keys|De6wCft9d8vabGJLzI4E5A', 'mailto:lrs@district.org', 'sha1:ab12', 'https://id.example/me']) {
      expect(given(ok)).toMatchObject({ kind: 'run', args: { trustedAuthorities: [ok] } });
    }
    expect(given('De6wCft9d8vabGJLzI4E5A')).toEqual({
      kind: 'usage-error',
      message: "--trusted-authority 'De6wCft9d8vabGJLzI4E5A' names no agent, so no statement would be trusted: an LRS key is written as its account, homePage|name (the embedded LRS's: --trusted-authority 'https://coursepack.invalid/lrs/keys|De6wCft9d8vabGJLzI4E5A'; another LRS's as its statements' \"authority\" shows it), or mailto:ADDRESS",
    });
    expect(given('lrs@district.org')).toMatchObject({ kind: 'usage-error', message: expect.stringMatching(/: an email address is written --trusted-authority 'mailto:lrs@district\.org'$/) });
  });

  it('reads the LRS from the report\'s own variables first, the build\'s (which packages carry) only when they are not set, and says so', () => {
    const own = { COURSEPACK_REPORT_ENDPOINT: 'https://lrs.example.org/xAPI', COURSEPACK_REPORT_AUTH: 'Basic cmVhZDpzZWNyZXQ=' };
    const both = parseReportArgs([], { ...ENV, ...own });
    expect(both).toMatchObject({ kind: 'run', args: { source: { endpoint: own.COURSEPACK_REPORT_ENDPOINT, auth: own.COURSEPACK_REPORT_AUTH } } });
    expect(both.kind === 'run' && both.args.keyFromBuildVariable).toBeFalsy();
    const build = parseReportArgs([], ENV);
    expect(build.kind === 'run' && build.args.keyFromBuildVariable).toBe(true);
    // With --user, no key comes from any variable.
    const typed = parseReportArgs(['--user', 'k', '--password', 's'], ENV);
    expect(typed.kind === 'run' && typed.args.keyFromBuildVariable).toBeFalsy();
    expect(parseReportArgs([], { COURSEPACK_REPORT_ENDPOINT: 'https://x.example/xAPI', COURSEPACK_REPORT_AUTH: '"Basic eA=="' })).toMatchObject({ kind: 'usage-error', message: expect.stringMatching(/^COURSEPACK_REPORT_AUTH has quotes/) });
  });

  it('--time-zone names the zone dates are read in; by default the machine\'s (TZ); a name Intl does not know is a usage error', () => {
    const args = (argv: string[]) => {
      const c = parseReportArgs(['--from', 'x.ndjson', ...argv], {});
      if (c.kind !== 'run') throw new Error(c.kind === 'usage-error' ? c.message : 'help');
      return c.args;
    };
    expect(args(['--time-zone', 'America/Chicago', '--until', '2026-12-20'])).toMatchObject({ timeZone: 'America/Chicago', until: Date.UTC(2026, 11, 21, 6) - 1 });
    // Santiago's clocks go from 00:00 to 01:00 on 2026-09-06: September 5 ends then (04:00 UTC), not at 23:00 the evening before.
    expect(args(['--time-zone', 'America/Santiago', '--since', '2026-09-06', '--until', '2026-09-06'])).toMatchObject({ since: Date.UTC(2026, 8, 6, 4), until: Date.UTC(2026, 8, 7, 3) - 1 });
    expect(args(['--time-zone', 'America/Santiago', '--until', '2026-09-05']).until).toBe(Date.UTC(2026, 8, 6, 4) - 1);
    expect(args(['--time-zone', 'utc']).timeZone).toBe('UTC');
    // The test run's own zone (vitest.config.ts sets TZ=UTC, so results do not depend on the machine).
    expect(args([]).timeZone).toBe('UTC');
    expect(parseReportArgs(['--from', 'x.ndjson', '--time-zone', 'Central Time'], {})).toEqual({
      kind: 'usage-error',
      message: "--time-zone takes a time zone name like America/Chicago, America/Los_Angeles or UTC (got 'Central Time')",
    });
  });
});
