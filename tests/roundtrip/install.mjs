// Installs the harness's pinned npm packages (package.json + package-lock.json beside this file)
// with `npm ci` into TARGET_DIR/roundtrip/node/<lock hash>/, once; prints that folder (stdout).
// Later runs, and other processes, reuse a whole install; a changed lock file installs anew.
// Uses Node.js built-ins only. Usage: node tests/roundtrip/install.mjs TARGET_DIR
//
// As tests/prism/install.rs does for Prism: installed beside its place and renamed into it, so
// that a concurrent run sees no install or a whole one.

import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = process.argv[2];
if (!target) {
  console.error('usage: node tests/roundtrip/install.mjs TARGET_DIR');
  process.exit(2);
}
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 18 || (major === 18 && minor < 20)) {
  console.error(`the round-trip harness needs Node.js >= 18.20 (this is ${process.version})`);
  process.exit(1);
}
const lock = readFileSync(join(here, 'package-lock.json'));
const hash = createHash('sha256').update(readFileSync(join(here, 'package.json'))).update(lock).digest('hex').slice(0, 12);
const root = resolve(target, 'roundtrip', 'node');
const home = join(root, hash);
const marker = (dir) => join(dir, '.installed');
const whole = (dir) => existsSync(marker(dir)) && existsSync(join(dir, 'node_modules', 'json-schema-faker', 'package.json'));

if (!whole(home)) {
  mkdirSync(root, { recursive: true });
  const scratch = join(root, `.installing-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch);
  copyFileSync(join(here, 'package.json'), join(scratch, 'package.json'));
  copyFileSync(join(here, 'package-lock.json'), join(scratch, 'package-lock.json'));
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: scratch,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.error || result.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    console.error(
      `the round-trip harness installs its pinned npm packages (tests/roundtrip/package-lock.json) with \`npm ci\` into ${home}, and that failed` +
        (result.error ? ` (${result.error.message}: is npm on PATH? it comes with Node.js, https://nodejs.org/)` : ` (exit ${result.status})`) +
        `; it needs the npm registry (npm's \`registry\` setting) or npm's cache:\n${result.stderr || ''}${result.stdout || ''}`,
    );
    process.exit(1);
  }
  writeFileSync(marker(scratch), `${hash}\n`);
  try {
    renameSync(scratch, home);
  } catch {
    if (!whole(home)) {
      rmSync(home, { recursive: true, force: true });
      renameSync(scratch, home);
    } else {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  console.error(`installed the round-trip harness's npm packages into ${home} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
process.stdout.write(`${home}\n`);
