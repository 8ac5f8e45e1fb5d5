/**
 * The parts of coursepack itself that go into every package: the launch page shell, the bundled player,
 * its theme and the SCORM 1.2 XSDs (shipped byte for byte at the zip root, SCORM12.md §2.4).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PackageFile } from '../package/index.js';
import { readBrandSurfaces, type BrandSurface } from './read-theme.js';

export interface ToolFiles {
  readonly template: string;
  readonly playerJs: Uint8Array;
  readonly playerCss: Uint8Array;
  /** The theme's colours the brand colour must contrast with (read-theme.ts). */
  readonly brandSurfaces: readonly BrandSurface[];
}

export class ToolError extends Error {
  override readonly name = 'ToolError';
}

function read(file: string, hint: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ToolError(`${file} is missing. ${hint}`);
    throw error;
  }
}

const REINSTALL = 'Run `npm ci` (or `node src/bundle.mjs`) in the coursepack folder.';

export async function loadTool(toolDir: string): Promise<ToolFiles> {
  const template = read(path.join(toolDir, 'templates', 'index.html'), REINSTALL);
  const playerJs = read(path.join(toolDir, 'lib', 'player.js'), REINSTALL);
  const playerCss = read(path.join(toolDir, 'templates', 'player.css'), REINSTALL);
  return {
    template: template.toString('utf8'), playerJs: new Uint8Array(playerJs), playerCss: new Uint8Array(playerCss),
    brandSurfaces: readBrandSurfaces(playerCss.toString('utf8')),
  };
}

/** The official XSDs, shipped unchanged at every zip root (not listed as <file>s: SCORM12.md §2.4). */
export async function loadSchemas(toolDir: string, names: readonly string[]): Promise<PackageFile[]> {
  return names.map((name) => ({
    path: name,
    data: new Uint8Array(read(path.join(toolDir, 'templates', 'scorm12', name), REINSTALL)),
  }));
}
