// The round-trip conformance harness's command line (README.md beside this file). Needs
// ROUNDTRIP_NODE_HOME (install.mjs prints it; run.sh sets it).
//
//   node run.mjs corpus --oapigen BIN --work DIR --lock CARGO.LOCK [--instances N]
//       [--union-instances U] [--seed S] CORPUS_DIR...
//       generates, builds and round-trips every spec of each corpus folder; prints the Markdown
//       tables; writes DIR/report.json and DIR/details/<spec>.md.
//   node run.mjs manifest FILE --out REPORT.json [--instances N] [--seed S]
//       round-trips the specs a manifest lists with drivers already built:
//       {"specs": [{"name", "spec", "bin", "keys": {schema: driver key}}]}; writes a report
//       (the cargo test, tests/roundtrip/main.rs, reads it) and prints the table.
//   node run.mjs check-one JOB.json
//       one spec of a corpus run, in its own process (so that json-schema-faker's global options
//       and memory are its own); JOB.json is {name, spec, bin, keys, instances, unionInstances,
//       seed, out}.
// --union-instances: instances of a schema that is a oneOf or anyOf (default: --instances): a
// union's failures hide in its rarer members.

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const harness = () => import('./harness.mjs');

function parseArgs(argv) {
  const options = { instances: 20, unionInstances: undefined, seed: 1, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--instances') options.instances = Number(next());
    else if (arg === '--union-instances') options.unionInstances = Number(next());
    else if (arg === '--seed') options.seed = Number(next());
    else if (arg === '--oapigen') options.oapigen = next();
    else if (arg === '--work') options.work = next();
    else if (arg === '--lock') options.lock = next();
    else if (arg === '--out') options.out = next();
    else if (arg === '--only') options.only = next();
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.positional.push(arg);
  }
  if (!Number.isInteger(options.instances) || options.instances < 1) throw new Error('--instances takes a positive integer');
  if (!Number.isInteger(options.seed)) throw new Error('--seed takes an integer');
  options.unionInstances ??= options.instances;
  if (!Number.isInteger(options.unionInstances) || options.unionInstances < 1) throw new Error('--union-instances takes a positive integer');
  return options;
}

// ---------------------------------------------------------------------------------------------
// The driver process

/** Sends the requests to the driver binary; answers by id. A crash (a stack overflow, say)
 * answers the request it happened on as a decode failure, and the rest go to a new process. */
export function runDriver(bin, requests, options = {}) {
  // In batches of bounded size, so that no string grows past what V8 holds well.
  const results = new Map();
  let batch = [];
  let size = 0;
  for (const request of requests) {
    batch.push(request);
    size += request.text.length;
    if (batch.length >= 5000 || size >= 8_000_000) {
      runBatch(bin, batch, options, results);
      batch = [];
      size = 0;
    }
  }
  if (batch.length) runBatch(bin, batch, options, results);
  return results;
}

function runBatch(bin, requests, { timeoutMs = 600_000 } = {}, results) {
  let pending = requests;
  while (pending.length) {
    const input = pending.map((r) => JSON.stringify({ id: r.id, key: r.key, text: r.text })).join('\n') + '\n';
    const child = spawnSync(bin, [], { input, encoding: 'utf8', maxBuffer: 1 << 30, timeout: timeoutMs });
    if (child.error && child.error.code !== 'ETIMEDOUT') throw new Error(`cannot run the driver ${bin}: ${child.error.message}`);
    for (const line of (child.stdout || '').split('\n')) {
      if (!line.trim()) continue;
      const answer = JSON.parse(line);
      results.set(answer.id, answer);
    }
    const missing = pending.findIndex((r) => !results.has(r.id));
    if (missing === -1) break;
    const why = child.error ? 'timed out' : child.signal ? `killed by ${child.signal}` : `exit ${child.status}`;
    const stderr = (child.stderr || '').trim().split('\n').slice(-1)[0] || '';
    results.set(pending[missing].id, { id: pending[missing].id, ok: false, stage: 'decode', error: `the driver crashed (${why}): ${stderr.slice(0, 200)}` });
    pending = pending.slice(missing + 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function truncate(text, n) {
  return text.length > n ? text.slice(0, n - 3) + '...' : text;
}

function count(c) {
  return c.instances ? `${c.instances} (${c.schemas})` : '0';
}

export function tableHeader() {
  return '| spec | schemas | instances | decode | invalid-output | changed | faker | smallest failing instance |\n|---|---|---|---|---|---|---|---|';
}

export function tableRow(name, entry) {
  if (entry.generator) {
    return `| ${cell(name)} | - | - | - | - | - | - | generator: ${cell(truncate(entry.generator, 160))} |`;
  }
  const s = entry.summary;
  const smallest = s.smallest
    ? `\`${cell(s.smallest.schema)}\` ${s.smallest.kind}: \`${cell(truncate(s.smallest.text, 100))}\``
    : '';
  return `| ${cell(name)} | ${s.schemas} | ${s.instances} | ${count(s.byKind.decode)} | ${count(s.byKind['invalid-output'])} | ${count(s.byKind.changed)} | ${count(s.faker)} | ${smallest} |`;
}

export function totalsRow(entries) {
  const total = { schemas: 0, instances: 0, generator: 0, faker: { instances: 0, schemas: 0 } };
  const kinds = { decode: { instances: 0, schemas: 0 }, 'invalid-output': { instances: 0, schemas: 0 }, changed: { instances: 0, schemas: 0 } };
  for (const entry of entries) {
    if (entry.generator) {
      total.generator += 1;
      continue;
    }
    const s = entry.summary;
    total.schemas += s.schemas;
    total.instances += s.instances;
    for (const kind of Object.keys(kinds)) {
      kinds[kind].instances += s.byKind[kind].instances;
      kinds[kind].schemas += s.byKind[kind].schemas;
    }
    total.faker.instances += s.faker.instances;
    total.faker.schemas += s.faker.schemas;
  }
  return {
    row: `| **total (${entries.length} specs)** | ${total.schemas} | ${total.instances} | ${count(kinds.decode)} | ${count(kinds['invalid-output'])} | ${count(kinds.changed)} | ${count(total.faker)} | generator: ${total.generator} spec(s) |`,
    total,
    kinds,
  };
}

function detailsMarkdown(name, report, failuresBySchema) {
  const lines = [`# ${name}`, ''];
  const groups = failuresBySchema(report);
  lines.push(`${report.schemas} schemas, ${report.instances} instances; ${groups.length} (schema, kind) failures.`, '');
  if (report.skipped && report.skipped.length) lines.push(`Schemas of the index the harness does not find in the spec (skipped): ${report.skipped.join(', ')}`, '');
  if (report.unmapped.length) lines.push(`Component schemas without a type in the schema index: ${report.unmapped.join(', ')}`, '');
  if (report.notes.length) lines.push('Notes (how the harness read the schemas):', '', ...report.notes.map((n) => `- ${n}`), '');
  for (const g of groups) {
    const trail = (g.smallest.trail || []).map((line) => `- ${line}`);
    lines.push(`## ${g.schema}: ${g.kind} (${g.count})`, '', `- ${g.smallest.detail}`, ...trail, '', '```json', truncate(g.smallest.text, 2000), '```', '');
  }
  const faker = new Map();
  for (const f of report.faker) {
    const key = `${f.schema}: ${f.detail}`.slice(0, 300);
    faker.set(key, (faker.get(key) || 0) + 1);
  }
  if (faker.size) {
    lines.push('## faker', '');
    for (const [key, n] of faker) lines.push(`- ${key} (${n})`);
    lines.push('');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Modes

async function checkOne(jobPath) {
  const job = JSON.parse(readFileSync(jobPath, 'utf8'));
  const h = await harness();
  const started = Date.now();
  let result;
  try {
    const doc = h.loadDocument(job.spec);
    const report = h.roundTrip({ doc, keys: job.keys, count: job.instances, unionCount: job.unionInstances, seed: job.seed, run: (requests) => runDriver(job.bin, requests) });
    result = { report, summary: h.summarize(report), groups: h.failuresBySchema(report) };
  } catch (error) {
    result = { error: `the harness failed: ${error && error.stack || error}` };
  }
  result.seconds = (Date.now() - started) / 1000;
  writeFileSync(job.out, JSON.stringify(result));
}

async function manifest(options) {
  const h = await harness();
  const file = options.positional[0];
  const list = JSON.parse(readFileSync(file, 'utf8'));
  const out = { instances: options.instances, seed: options.seed, versions: h.VERSIONS, specs: [] };
  const rows = [];
  for (const entry of list.specs) {
    const doc = h.loadDocument(entry.spec);
    const report = h.roundTrip({ doc, keys: entry.keys, count: options.instances, unionCount: options.unionInstances, seed: options.seed, run: (requests) => runDriver(entry.bin, requests) });
    const summary = h.summarize(report);
    out.specs.push({ name: entry.name, summary, groups: h.failuresBySchema(report), faker: report.faker });
    rows.push({ name: entry.name, summary });
  }
  if (options.out) writeFileSync(options.out, JSON.stringify(out, null, 1));
  console.log(tableHeader());
  for (const row of rows) console.log(tableRow(row.name, row));
  console.log(totalsRow(rows).row);
}

function slug(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function rustString(text) {
  return JSON.stringify(text).replace(/\\u([0-9a-fA-F]{4})/g, '\\u{$1}');
}

/** The driver's source for a crate whose types are at `typesPath` (e.g. `rt_pet::types`). */
export function driverSource(entries) {
  const arms = entries.map(([key, path]) => `        ${rustString(key)} => rt::<${path}>(text),`).join('\n');
  return `${readFileSync(join(here, 'driver.rs'), 'utf8')}
fn dispatch(key: &str, text: &str) -> Option<Outcome> {
    Some(match key {
${arms}
        _ => return None,
    })
}
`;
}

function runProcess(command, args, { cwd, env, log, timeoutMs }) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = timeoutMs && setTimeout(() => {
      output += `\n(killed after ${timeoutMs / 60000} min)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', (error) => { output += String(error); });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      if (log) writeFileSync(log, output);
      resolvePromise({ code, output });
    });
  });
}

function firstError(output) {
  const line = output.split('\n').find((l) => /^error/.test(l));
  return (line || output.trim().split('\n')[0] || '').slice(0, 300);
}

async function corpus(options) {
  const h = await harness();
  const work = resolve(options.work);
  const specsOf = (dir) => readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
  const dirs = options.positional;
  if (!dirs.length) throw new Error('no corpus folder given');
  for (const dir of ['crates', 'logs', 'jobs', 'details']) mkdirSync(join(work, dir), { recursive: true });
  const targetDir = join(work, 'target');
  const env = { CARGO_TARGET_DIR: targetDir, CARGO_PROFILE_DEV_DEBUG: '0', CARGO_INCREMENTAL: '0' };
  const corpora = dirs.map((dir) => ({ dir, specs: specsOf(dir).filter((s) => !options.only || basename(s).includes(options.only)), entries: [] }));
  const started = Date.now();
  const checks = [];
  let checking = Promise.resolve();
  let previous = Promise.resolve();
  const total = corpora.reduce((n, c) => n + c.specs.length, 0);
  let done = 0;
  for (const c of corpora) {
    for (const spec of c.specs) {
      const name = basename(spec).replace(/\.[^.]+$/, '');
      const crateName = `rt-${slug(name)}`;
      const crate = join(work, 'crates', name);
      // The check of the spec before the last one is done (the last one's runs beside this build).
      await previous;
      const entry = { name, timings: {} };
      c.entries.push(entry);
      done += 1;
      rmSync(crate, { recursive: true, force: true });
      const index = join(work, 'crates', `${name}.schema-index.json`);
      let t = Date.now();
      const generated = await runProcess(options.oapigen, ['crate', spec, '-o', crate, '--name', crateName, '--all-serde-derives', '--schema-index', index], { log: join(work, 'logs', `${name}.generate`) });
      entry.timings.generate = (Date.now() - t) / 1000;
      if (generated.code !== 0) {
        entry.generator = `generation failed: ${firstError(generated.output)}`;
        process.stderr.write(`[${done}/${total}] ${name}: ${entry.generator}\n`);
        continue;
      }
      const types = JSON.parse(readFileSync(index, 'utf8'));
      const lib = crateName.replace(/-/g, '_');
      mkdirSync(join(crate, 'src', 'bin'), { recursive: true });
      writeFileSync(join(crate, 'src', 'bin', `${crateName}.rs`), driverSource(Object.entries(types).map(([schema, rust]) => [schema, typePath(`${lib}::types`, rust)])));
      copyFileSync(options.lock, join(crate, 'Cargo.lock'));
      t = Date.now();
      let built = await runProcess('cargo', ['build', '--quiet', '--offline'], { cwd: crate, env, log: join(work, 'logs', `${name}.build`) });
      if (built.code !== 0 && /offline|failed to select a version|no matching package/i.test(built.output)) {
        built = await runProcess('cargo', ['build', '--quiet'], { cwd: crate, env, log: join(work, 'logs', `${name}.build`) });
      }
      entry.timings.build = (Date.now() - t) / 1000;
      if (built.code !== 0) {
        entry.generator = `the crate does not build: ${firstError(built.output)}`;
        process.stderr.write(`[${done}/${total}] ${name}: ${entry.generator}\n`);
        continue;
      }
      const bin = join(targetDir, 'debug', crateName);
      const job = { name, spec, bin, keys: Object.fromEntries(Object.keys(types).map((k) => [k, k])), instances: options.instances, unionInstances: options.unionInstances, seed: options.seed, out: join(work, 'jobs', `${name}.result.json`) };
      writeFileSync(join(work, 'jobs', `${name}.json`), JSON.stringify(job));
      process.stderr.write(`[${done}/${total}] ${name}: built in ${entry.timings.build.toFixed(0)} s, checking\n`);
      // One check at a time, beside the next build.
      previous = checking;
      checking = checking.then(async () => {
        const t0 = Date.now();
        const ran = await runProcess(process.execPath, ['--max-old-space-size=4096', '--stack-size=8000', fileURLToPath(import.meta.url), 'check-one', join(work, 'jobs', `${name}.json`)], { log: join(work, 'logs', `${name}.check`), timeoutMs: 45 * 60_000 });
        entry.timings.check = (Date.now() - t0) / 1000;
        if (ran.code !== 0 || !existsSync(job.out)) {
          entry.harnessError = `the check process failed (exit ${ran.code}): ${ran.output.trim().split('\n').slice(-3).join(' ')}`;
        } else {
          const result = JSON.parse(readFileSync(job.out, 'utf8'));
          if (result.error) entry.harnessError = result.error;
          else {
            entry.summary = result.summary;
            writeFileSync(join(work, 'details', `${name}.md`), detailsMarkdown(name, result.report, () => result.groups));
            entry.groups = result.groups.map((g) => ({ schema: g.schema, kind: g.kind, count: g.count, detail: g.smallest.detail, instance: g.smallest.text.slice(0, 2000) }));
            entry.faker = result.report.faker.map((f) => ({ schema: f.schema, index: f.index, detail: f.detail }));
          }
        }
        if (entry.harnessError) {
          entry.generator = `(harness) ${entry.harnessError}`;
        }
        process.stderr.write(`    ${name}: checked in ${entry.timings.check.toFixed(0)} s${entry.summary ? `: ${entry.summary.instances} instances, ${h.KINDS.map((k) => `${k} ${entry.summary.byKind[k].instances}`).join(', ')}, faker ${entry.summary.faker.instances}` : `: ${entry.generator}`}\n`);
      });
      checks.push(checking);
    }
  }
  await Promise.all(checks);
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'generator'], { cwd: here, encoding: 'utf8' }).stdout.trim() ? ' (with uncommitted changes under generator/)' : '';
  const lines = [];
  lines.push(`Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, generator at commit ${commit}${dirty}, ${options.instances} instances per schema (${options.unionInstances} per union), seed ${options.seed}; json-schema-faker ${h.VERSIONS['json-schema-faker']}, ajv ${h.VERSIONS.ajv}, ajv-formats ${h.VERSIONS['ajv-formats']}; ${((Date.now() - started) / 60000).toFixed(0)} min.`);
  lines.push('');
  lines.push('Failure cells: instances (schemas). `faker`: instances json-schema-faker could not make, or made invalid (not counted as the generator\'s failures).');
  const report = { date: new Date().toISOString(), commit, instances: options.instances, seed: options.seed, versions: h.VERSIONS, corpora: [] };
  for (const c of corpora) {
    lines.push('', `## ${relative(resolve(here, '..', '..'), resolve(c.dir)) || '.'}`, '', tableHeader());
    for (const entry of c.entries) lines.push(tableRow(entry.name, entry));
    lines.push(totalsRow(c.entries).row);
    report.corpora.push({ dir: c.dir, entries: c.entries });
  }
  writeFileSync(join(work, 'report.json'), JSON.stringify(report, null, 1));
  console.log(lines.join('\n'));
}

const [mode, ...rest] = process.argv.slice(2);
try {
  if (mode === 'check-one') await checkOne(rest[0]);
  else if (mode === 'manifest') await manifest(parseArgs(rest));
  else if (mode === 'corpus') await corpus(parseArgs(rest));
  else {
    console.error('usage: node run.mjs corpus|manifest|check-one ... (see the comment at the top of run.mjs)');
    process.exit(2);
  }
} catch (error) {
  console.error(String(error && error.stack || error));
  process.exit(1);
}

// A type of the schema index (`Pet`; `Option<Pet>` for a schema that admits null; `Text<...>`
// around raw bytes, `Base64Text<...>` around base64 ones) as a path from the driver: each type
// name prefixed; a name followed by `<` is one of the wrappers (`Option`, the driver's `Text` and
// `Base64Text`), never a generated type (those are not
// generic), so a schema named `Text` is still found.
function typePath(prefix, rust) {
  return rust.replace(/[A-Za-z_][A-Za-z0-9_]*(<?)/g, (name, generic) => (generic ? name : `${prefix}::${name}`));
}
