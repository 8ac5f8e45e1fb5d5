/**
 * Measures the writing, not only the shape: plain language (issue 4: grade 9 or simpler) and no sentence
 * taken over from the source material (the course must be in our own words).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { missing, SHARED_DIR } from '../helpers/require-tools.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const modulesDir = path.join(root, 'course/modules');
const modules = readdirSync(modulesDir).filter((f) => f.endsWith('.md')).sort();
// The source material lives beside the project (shared/seeds); CI has a copy of shared/ there too.
const seed = path.join(SHARED_DIR, 'seeds/mentoring-source.txt');

/** Learner-visible prose: no front matter, directive fences, code, markup or link targets. */
function prose(file: string): string {
  const text = readFileSync(path.join(modulesDir, file), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  return text
    .split('\n')
    .filter((l) => !/^\s*(:::|::|\||#)/.test(l))
    .join('\n')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*- \[[ xX]\] /gm, '')
    .replace(/^\s*[-*] /gm, '')
    .replace(/[*_`<>]/g, '');
}

function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length <= 3) return 1;
  const groups = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '').match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}

/** Flesch-Kincaid grade level: 0.39 (words/sentences) + 11.8 (syllables/words) − 15.59. */
function gradeLevel(text: string): number {
  const sentences = text.split(/[.!?]+(?:\s|$)|\n\s*\n/).filter((s) => /[a-z]/i.test(s));
  const words = text.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  const syllableCount = words.reduce((n, w) => n + syllables(w), 0);
  return 0.39 * (words.length / sentences.length) + 11.8 * (syllableCount / words.length) - 15.59;
}

function words(text: string): string[] {
  return text.toLowerCase().replace(/[’']/g, '').match(/[a-z0-9]+/g) ?? [];
}

describe('course writing', () => {
  it.each(modules)('%s reads at grade 9 or below (Flesch-Kincaid)', (file) => {
    expect(gradeLevel(prose(file))).toBeLessThanOrEqual(9);
  });

  // Readers are librarians and teachers, not e-learning staff: "the LMS" alone meant nothing to many of them.
  // An abbreviation is written out where a module first uses it, with the short form in brackets after it.
  it.each(modules)('%s spells out each abbreviation at its first use', (file) => {
    const text = prose(file);
    const bare = [...new Set(text.match(/\b[A-Z]{2,}\b/g) ?? [])].filter((abbr) => {
      const first = text.search(new RegExp(`\\b${abbr}\\b`));
      return text.slice(first - 1, first + abbr.length + 1) !== `(${abbr})`;
    });
    expect(bare).toEqual([]);
  });

  it.skipIf(missing('shared'))('copies no run of eight words from the source material', () => {
    const source = words(readFileSync(seed, 'utf8'));
    const runs = new Set<string>();
    for (let i = 0; i + 8 <= source.length; i++) runs.add(source.slice(i, i + 8).join(' '));
    const copied: string[] = [];
    for (const file of modules) {
      const course = words(readFileSync(path.join(modulesDir, file), 'utf8'));
      for (let i = 0; i + 8 <= course.length; i++) {
        const run = course.slice(i, i + 8).join(' ');
        if (runs.has(run)) copied.push(`${file}: ${run}`);
      }
    }
    // Allowed: proper names in the credits, and runs made only of the framework's own terms (the five
    // components, the four areas of growth), which a course about the framework must name.
    const framework = new Set(['anatomy', 'of', 'a', 'the', 'mentoring', 'relationship', 'learning', 'trust', 'based', 'partnership',
      'goal', 'focused', 'development', 'skills', 'abilities', 'knowledge', 'and', 'thinking']);
    const credits = /innovation destination|syracuse|data momentum|invention convention|new york on tech|by kids for kids|center for digital literacy|school of information/;
    expect(copied.filter((c) => !credits.test(c) && !(c.split(': ')[1] ?? '').split(' ').every((w) => framework.has(w)))).toEqual([]);
  });
});
