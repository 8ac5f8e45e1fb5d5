/**
 * The one field checker behind course.yaml and module front matter: a bad value is reported at the value,
 * an unknown field at its key, under the file's rule (`course-config-invalid`, `front-matter-invalid`),
 * and the checker remembers whether anything was wrong so the caller can refuse the whole block.
 */
import type { Point, Position } from 'unist';
import { describeCharacter } from './find-invalid-characters.js';
import { CourseInputError } from './input-error.js';
import type { YamlData } from './read-yaml.js';
import type { Report, RuleId } from './rules.js';
import { closest } from '../shared/closest-word.js';

/**
 * The YAML block's own problems under the file's rule (`what` names the block: "course.yaml", "Front
 * matter"); true when there were syntax errors. Aliases that expand without bound stop the run (exit 2).
 */
export function reportYamlProblems(yaml: YamlData, file: string, rule: RuleId, what: string, report: Report): boolean {
  for (const e of yaml.errors) {
    if (e.aliasBomb) throw new CourseInputError(`${file}:${e.place.start.line}:${e.place.start.column}: ${e.message}; refused. ${e.hint ?? ''}`.trim());
    report(rule, file, e.place, `${what} is not valid YAML: ${e.message}`, e.hint);
  }
  for (const c of yaml.escapedCharacters) {
    report('invalid-character', file, c.place, `The value holds ${describeCharacter(c.codePoint)}, which a SCORM package cannot carry`);
  }
  return yaml.errors.length > 0;
}

export interface FieldChecker {
  /** False once any field was reported. */
  readonly ok: boolean;
  /** The value at `keys` is wrong (no keys: the field is missing, reported at the block). */
  bad(keys: readonly (string | number)[], reason: string, hint?: string): void;
  /**
   * Every key of `data` outside `known` is an unknown field; `at` is the path of `data` in the block. Returns
   * the known fields it named as meant (`objective:`, did you mean `objectives`?) that `data` lacks: the
   * caller does not also say those are missing.
   */
  rejectUnknown(data: Readonly<Record<string, unknown>>, known: readonly string[], at: readonly string[], what: string): ReadonlySet<string>;
  /** The key at `keys` is wrong (a field this block does not have), reported at the key itself. */
  badKey(keys: readonly string[], reason: string, hint?: string): void;
  /** Reports another rule at the value of `keys` (e.g. `title-too-long`), which also makes the block bad. */
  other(rule: RuleId, keys: readonly string[], reason: string): void;
}

export function checkFields(yaml: YamlData, file: string, rule: RuleId, report: Report): FieldChecker {
  let ok = true;
  const at = (place: Position | Point, r: RuleId, reason: string, hint?: string) => {
    ok = false;
    report(r, file, place, reason, hint);
  };
  return {
    get ok() {
      return ok;
    },
    bad(keys, reason, hint) {
      at(yaml.placeOf(...keys), rule, reason, hint);
    },
    rejectUnknown(data, known, path, what) {
      const meant = new Set<string>();
      for (const key of Object.keys(data)) {
        if (known.includes(key)) continue;
        const name = [...path, key].join('.');
        const guess = closest(key, known.filter((k) => data[k] === undefined));
        if (guess) meant.add(guess);
        at(yaml.placeOfKey(...path, key), rule, `Unknown ${what} field \`${name}\``, `${guess ? `Did you mean \`${guess}\`? ` : ''}Known fields: ${known.join(', ')}.`);
      }
      return meant;
    },
    badKey(keys, reason, hint) {
      at(yaml.placeOfKey(...keys), rule, reason, hint);
    },
    other(r, keys, reason) {
      at(yaml.placeOf(...keys), r, reason);
    },
  };
}
