import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

const ELECTRON_IMPORT = /(?:from\s+['"]electron(?:\/[^'"]*)?['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/;

describe('layering', () => {
  it('core never imports electron, so the whole app runs in plain Node', () => {
    const root = path.resolve(__dirname, '../../src-main/core');
    const files = sourceFiles(root);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => ELECTRON_IMPORT.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the pattern used above does catch an electron import', () => {
    expect(ELECTRON_IMPORT.test("import { app } from 'electron';")).toBe(true);
    expect(ELECTRON_IMPORT.test("const { ipcMain } = require('electron')")).toBe(true);
    expect(ELECTRON_IMPORT.test("import x from 'electron-vite';")).toBe(false);
  });

  it('shells and renderer do not reach into each other', () => {
    const renderer = sourceFiles(path.resolve(__dirname, '../../src-renderer/src'));
    const reaching = renderer.filter((f) => {
      const text = fs.readFileSync(f, 'utf8');
      // The renderer may import core's *types* only; any value import would bundle Node code into the page.
      return /^import\s+(?!type\b)[^;]*from\s+['"][^'"]*src-main\//m.test(text);
    });
    expect(reaching).toEqual([]);
  });
});
