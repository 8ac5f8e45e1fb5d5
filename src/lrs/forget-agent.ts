/**
 * Forgetting one person (`coursepack lrs forget`): a district's retention schedule, a teacher who left, a
 * test account, a learner entered under the wrong address. Statements are immutable over xAPI (voiding keeps
 * them), so this is the admin's way to erase, as SQL LRS's "delete actor" and Learning Locker's delete by query.
 *
 * What goes (the store does it in one transaction, store-sqlite.ts): the statements the agent is actor or object
 * of, as the statement API's `agent` filter matches them; the voiding statements of those (about nothing left);
 * the agent's State and Agent Profile documents; the names kept for the Agents resource; the attachments no other
 * statement carries. What stays: statements naming the agent otherwise (instructor, team, authority, a Group's member,
 * inside a SubStatement) are other learners' records, so they are counted and kept. A statement
 * the agent's own voiding statement voided stays voided: removing a record does not bring back another.
 */
import { createHash } from 'node:crypto';
import { agentKey, checkAgent } from './read-agent.js';
import type { ForgetCounts, LrsStore } from './store.js';

type Json = Record<string, unknown>;

/** The agent given on the command line could not be read: the sentence says what to write instead. */
export class AgentArgumentError extends Error {}

const FORMS = `mailto:ADDRESS, account:HOMEPAGE|NAME, or an xAPI Agent as JSON, e.g. '{"mbox_sha1sum": "…"}'`;

/**
 * `mailto:ana@district.org`, `account:https://lms.district.org|ana.p` (`HOMEPAGE|NAME` alone too, as reports
 * and --trusted-authority write an account), or an Agent or Identified Group as JSON for the other IFIs.
 */
export function readAgentArgument(text: string): Json {
  const given = text.trim();
  let agent: unknown;
  if (given.startsWith('{')) {
    try {
      agent = JSON.parse(given);
    } catch {
      throw new AgentArgumentError(`--agent '${text}' is not valid JSON; give ${FORMS}`);
    }
  } else if (/^mailto:/i.test(given)) {
    agent = { mbox: given };
  } else if (/^(account:)?[A-Za-z][A-Za-z0-9+.-]*:[^|\s]*\|./i.test(given)) {
    const account = given.replace(/^account:/i, '');
    const bar = account.indexOf('|');
    agent = { account: { homePage: account.slice(0, bar), name: account.slice(bar + 1) } };
  } else {
    const hint = /^[^\s@:|]+@[^\s@:|]+$/.test(given) ? ` (an e-mail address is written --agent 'mailto:${given}')` : '';
    throw new AgentArgumentError(`--agent '${text}' names no agent${hint}; give ${FORMS}`);
  }
  try {
    return checkAgent(agent, '--agent');
  } catch (error) {
    throw new AgentArgumentError(`${(error as Error).message}; give ${FORMS}`);
  }
}

/**
 * The keys the store knows the agent by. An mbox's SHA-1 (Data §2.4.2.3: mbox_sha1sum is "the SHA1 hash of a
 * mailto IRI") is the same person under another IFI: a package that hashes addresses sent it so. An account's
 * homePage with and without a trailing slash (`https://lms.district.org`, `…org/`: an LMS's launch data and a
 * course.yaml write the same site either way), and with the scheme and host lower-cased as LMSs send them
 * whatever the admin typed; xAPI compares IRIs exactly, so each is another agent to the statement API, and
 * forgetting one left the person's records under the other.
 */
function agentKeys(agent: Json): string[] {
  const keys = new Set<string>();
  const key = agentKey(agent);
  if (key) keys.add(key);
  const account = agent['account'] as Json | undefined;
  if (account && typeof account['homePage'] === 'string') {
    for (const homePage of homePageForms(account['homePage'])) keys.add(agentKey({ ...agent, account: { ...account, homePage } }) as string);
  }
  const mbox = agent['mbox'];
  if (typeof mbox === 'string') {
    const type = agent['objectType'] === 'Group' ? 'Group' : 'Agent';
    for (const iri of [mbox, mbox.toLowerCase()]) keys.add(`${type}|sha1|${createHash('sha1').update(iri).digest('hex')}`);
  }
  return [...keys];
}

/** Counts what forgetting `agent` removes; removes it when `remove`. */
export function forgetAgent(store: LrsStore, agent: Json, remove: boolean): ForgetCounts {
  return store.forgetAgent(agentKeys(agent), remove);
}

/** HOMEPAGE as written, with and without one trailing slash, and each with its scheme and host lower-cased. */
function homePageForms(homePage: string): string[] {
  const bare = homePage.replace(/\/$/, '');
  const forms = [homePage, bare, `${bare}/`];
  const lowered = (iri: string): string => iri.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i, (head) => head.toLowerCase());
  return [...new Set([...forms, ...forms.map(lowered)])];
}
