/**
 * The one field checker behind course.yaml and module front matter: a bad value is reported at the value,
 * an unknown field at its key, under the file's rule (`course-config-invalid`, `front-matter-invalid`),
 * and the checker remembers whether anything was wrong so the caller can refuse the whole block.
 */
import type { Point, Position } from 'unist';
import type { YamlData } from './read-yaml.js';
import type { Report, RuleId } from './rules.js';

export interface FieldChecker {
  /** False once any field was reported. */
  readonly ok: boolean;
  /** The value at `keys` is wrong (no keys: the field is missing, reported at the block). */
  bad(keys: readonly (string | number)[], reason: string, hint?: string): void;
  /** Every key of `data` outside `known` is an unknown field; `at` is the path of `data` in the block. */
  rejectUnknown(data: Readonly<Record<string, unknown>>, known: readonly string[], at: readonly string[], what: string): void;
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
      for (const key of Object.keys(data)) {
        if (known.includes(key)) continue;
        const name = [...path, key].join('.');
        at(yaml.placeOfKey(...path, key), rule, `Unknown ${what} field \`${name}\``, `Known fields: ${known.join(', ')}.`);
      }
    },
    other(r, keys, reason) {
      at(yaml.placeOf(...keys), r, reason);
    },
  };
}
