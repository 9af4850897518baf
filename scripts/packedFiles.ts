/**
 * What the installer carries: the files electron-builder would pack, by the rules in
 * electron-builder.yml applied to this tree — `files` (the build and package.json), the production
 * dependency tree (package-lock entries not marked dev) minus electron-builder's default exclusions,
 * `asarUnpack` and `extraResources`. Electron itself is not counted (it is the same for every app).
 * `npx tsx scripts/packedFiles.ts` prints the total and the largest packages; a test holds the total
 * under PACKED_BUDGET so a dependency cannot silently add hundreds of MB to what offices download.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The budget in bytes, with room for a year of ordinary growth (measured figure: docs/benchmarks.md). */
export const PACKED_BUDGET = 330 * 1024 ** 2;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** electron-builder's default exclusions inside node_modules (the ones that match files here). */
const EXCLUDED_NAMES =
  /^(readme(\.md)?|changelog(\.md)?|history\.md|\.npmignore|\.travis\.yml|\.editorconfig|\.eslintrc.*|\.prettierrc.*|tsconfig\.json)$/i;
const EXCLUDED_DIRS = new Set(['test', 'tests', '__tests__', 'powered-test', 'example', 'examples', '.bin', '.github']);
const EXCLUDED_EXT = /\.(d\.ts|d\.mts|d\.cts|iml|o|hprof|orig|pyc|pyo|rbc|swp|csproj|sln|xproj|cc|h|c|gyp|gypi)$/i;

interface Packed {
  path: string;
  bytes: number;
  where: 'asar' | 'unpacked' | 'resources';
  pkg: string;
}

function walk(dir: string, keep: (rel: string, isDir: boolean) => boolean, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.relative(base, full);
    if (!keep(rel, entry.isDirectory())) continue;
    if (entry.isDirectory()) out.push(...walk(full, keep, base));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function rules(): { extraResources: string[]; asarUnpack: string[] } {
  const yml = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
  const extraResources = [...yml.matchAll(/^\s+- from: (\S+)/gm)].map((m) => m[1]!);
  const unpackBlock = yml.split(/^asarUnpack:\n/m)[1]?.split(/^\S/m)[0] ?? '';
  const asarUnpack = [...unpackBlock.matchAll(/^\s+- (\S+)\/\*\*/gm)].map((m) => m[1]!);
  return { extraResources, asarUnpack };
}

/** Production packages from the lockfile: `node_modules/…` paths not marked dev (nor optional for another OS). */
function productionPackages(): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([key, meta]) => key.startsWith('node_modules/') && !meta.dev)
    .map(([key]) => key)
    .filter((key) => fs.existsSync(path.join(ROOT, key)));
}

export function packedFiles(): Packed[] {
  const { extraResources, asarUnpack } = rules();
  const files: Packed[] = [];
  const add = (full: string, where: Packed['where'], pkg: string) =>
    files.push({ path: path.relative(ROOT, full), bytes: fs.statSync(full).size, where, pkg });
  for (const full of walk(path.join(ROOT, 'out'), () => true)) add(full, 'asar', '(the build: out/)');
  add(path.join(ROOT, 'package.json'), 'asar', '(the build: out/)');
  for (const key of productionPackages()) {
    // A nested package is walked as its own entry; its parent's walk leaves node_modules/ out.
    const keep = (rel: string, isDir: boolean) => {
      const name = path.basename(rel);
      if (isDir) return !EXCLUDED_DIRS.has(name) && name !== 'node_modules';
      return !EXCLUDED_NAMES.test(name) && !EXCLUDED_EXT.test(name);
    };
    const unpacked = asarUnpack.some(
      (prefix) =>
        key === prefix || key.startsWith(`${prefix}/`) || (prefix.endsWith('/@img') && key.startsWith(prefix)),
    );
    for (const full of walk(path.join(ROOT, key), keep))
      add(full, unpacked ? 'unpacked' : 'asar', key.replace(/^.*node_modules\//, ''));
  }
  for (const from of extraResources)
    for (const full of walk(path.join(ROOT, from), () => true)) add(full, 'resources', from);
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = packedFiles();
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  const byPkg = new Map<string, number>();
  for (const f of files) byPkg.set(f.pkg, (byPkg.get(f.pkg) ?? 0) + f.bytes);
  const mb = (n: number) => `${(n / 1024 ** 2).toFixed(1)} MB`;
  console.log(`packed: ${files.length} files, ${mb(total)} (budget ${mb(PACKED_BUDGET)})`);
  for (const where of ['asar', 'unpacked', 'resources'] as const)
    console.log(`  ${where}: ${mb(files.filter((f) => f.where === where).reduce((s, f) => s + f.bytes, 0))}`);
  console.log('largest:');
  for (const [pkg, bytes] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${mb(bytes).padStart(9)}  ${pkg}`);
}
