import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

interface Reference {
  specifier: string;
  /** `import type` / `export type`: erased at build, so it cannot carry code across a layer. */
  typeOnly: boolean;
}

/**
 * Every module a file refers to: static imports, `export … from`, dynamic `import()` and
 * `require()`. Type-only forms are marked, because they never reach the bundle.
 */
export function referencesOf(text: string): Reference[] {
  const found: Reference[] = [];
  const fromClause = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(fromClause)) found.push({ specifier: m[3]!, typeOnly: !!m[2] });
  for (const m of text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g))
    found.push({ specifier: m[1]!, typeOnly: false });
  return found;
}

/** Where a relative or package specifier lands, as a path under the project (or the package name). */
function target(root: string, file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return path
    .relative(root, path.resolve(path.dirname(file), specifier))
    .split(path.sep)
    .join('/');
}

type Rule = (to: string, ref: Reference) => boolean;

function offenders(folder: string, forbidden: Rule, root = ROOT): string[] {
  return sourceFiles(path.join(root, folder)).flatMap((file) =>
    referencesOf(fs.readFileSync(file, 'utf8'))
      .filter((ref) => forbidden(target(root, file, ref.specifier), ref))
      .map((ref) => `${path.relative(root, file)} → ${ref.specifier}`),
  );
}

const electronToServer: Rule = (to) => to.startsWith('src-main/server');
const rendererToCore: Rule = (to, ref) =>
  to.startsWith('src-main/') && !to.startsWith('src-main/common') && !ref.typeOnly;

const isElectron = (to: string) => to === 'electron' || to.startsWith('electron/');

describe('layering', () => {
  it('the reference reader sees every form of import, and tells type-only ones apart', () => {
    expect(referencesOf("import { app } from 'electron';")).toEqual([{ specifier: 'electron', typeOnly: false }]);
    expect(referencesOf("import type { Core } from '../core';")).toEqual([{ specifier: '../core', typeOnly: true }]);
    expect(referencesOf("export { startDeskServer } from '../server/http';")).toEqual([
      { specifier: '../server/http', typeOnly: false },
    ]);
    expect(referencesOf("export * from './chinaTime';")).toEqual([{ specifier: './chinaTime', typeOnly: false }]);
    expect(referencesOf("const m = await import('../server/static');")).toEqual([
      { specifier: '../server/static', typeOnly: false },
    ]);
    expect(referencesOf("const { ipcMain } = require('electron')")).toEqual([
      { specifier: 'electron', typeOnly: false },
    ]);
    expect(referencesOf("import '../core/side-effect';")).toEqual([
      { specifier: '../core/side-effect', typeOnly: false },
    ]);
    expect(referencesOf("import x from 'electron-vite';")[0]!.specifier).toBe('electron-vite');
  });

  it('core never imports electron, so the whole app runs in plain Node', () => {
    expect(sourceFiles(path.join(ROOT, 'src-main/core')).length).toBeGreaterThan(10);
    expect(offenders('src-main/core', (to) => isElectron(to))).toEqual([]);
  });

  it('core does not reach into a shell', () => {
    expect(offenders('src-main/core', (to) => /^src-main\/(electron|server|cli|hosting|transport)\//.test(to))).toEqual(
      [],
    );
  });

  it('the desktop shell and browser mode never import each other (shared code lives in src-main/transport)', () => {
    expect(offenders('src-main/electron', electronToServer)).toEqual([]);
    expect(offenders('src-main/server', (to) => to.startsWith('src-main/electron') || isElectron(to))).toEqual([]);
    expect(
      offenders('src-main/transport', (to) => /^src-main\/(electron|server)\//.test(to) || isElectron(to)),
    ).toEqual([]);
    expect(offenders('src-main/hosting', (to) => /^src-main\/(electron|server)\//.test(to) || isElectron(to))).toEqual(
      [],
    );
  });

  it('the renderer takes only types from core; at run time it may import the shared vocabulary and nothing else of src-main', () => {
    expect(offenders('src-renderer/src', rendererToCore)).toEqual([]);
  });

  it('the shared vocabulary is plain TypeScript: no node:, no electron, nothing of core', () => {
    expect(
      offenders(
        'src-main/common',
        (to) => to.startsWith('node:') || isElectron(to) || !to.startsWith('src-main/common'),
      ),
    ).toEqual([]);
  });

  it('these checks fail on the imports they forbid', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-layers-'));
    try {
      fs.mkdirSync(path.join(root, 'src-main/electron'), { recursive: true });
      fs.mkdirSync(path.join(root, 'src-renderer/src/pages'), { recursive: true });
      fs.writeFileSync(
        path.join(root, 'src-main/electron/main.ts'),
        "export { resolveStatic } from '../server/static';\n",
      );
      fs.writeFileSync(path.join(root, 'src-main/electron/lazy.ts'), "const s = await import('../server/http');\n");
      fs.writeFileSync(
        path.join(root, 'src-renderer/src/pages/Bad.tsx'),
        "import { operations } from '../../../src-main/core/operations';\nimport type { Core } from '../../../src-main/core';\nimport { TOPICS } from '../../../src-main/common';\n",
      );
      expect(offenders('src-main/electron', electronToServer, root)).toEqual([
        'src-main/electron/lazy.ts → ../server/http',
        'src-main/electron/main.ts → ../server/static',
      ]);
      expect(offenders('src-renderer/src', rendererToCore, root)).toEqual([
        'src-renderer/src/pages/Bad.tsx → ../../../src-main/core/operations',
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
