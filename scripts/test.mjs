#!/usr/bin/env node
// `npm test`: every check of the repository, in order, with one summary line at the very end:
//   build shared → lint → typecheck server, client → jest shared, server, client → build server + client → faults → e2e
// A failing step makes the exit code 1 but later test suites still run, so every failure shows in one go
// (only e2e is skipped when the build it needs failed). The last line printed is always `N passed, N failed`.
//
//   node scripts/test.mjs                     everything (what CI runs)
//   node scripts/test.mjs --only=shared,server   just these steps (plus what they need, e.g. e2e needs build)
//   node scripts/test.mjs --skip-e2e          everything but the browser journeys
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ESM_JEST = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() };
const JEST_CONFIGS = ['jest.config.js', 'jest.config.mjs', 'jest.config.cjs', 'jest.config.ts', 'jest.config.json'];

/**
 * The steps, in the order they run. `needs` are pulled in when a step is chosen with --only.
 * kind 'jest' counts tests from jest's JSON report; kind 'command' counts 1 failed when it fails.
 */
const STEPS = [
  { id: 'build-shared', title: 'build @relay/shared', kind: 'command', cmd: 'npm', args: ['run', 'build', '-w', '@relay/shared'] },
  { id: 'lint', title: 'lint (eslint + prettier)', kind: 'command', cmd: 'npm', args: ['run', 'lint'] },
  {
    id: 'typecheck-server',
    title: 'typecheck server',
    kind: 'command',
    requires: 'server/tsconfig.json',
    cmd: 'npx',
    args: ['tsc', '-p', 'server/tsconfig.json', '--noEmit'],
  },
  {
    id: 'typecheck-client',
    title: 'typecheck client',
    kind: 'command',
    requires: 'client/tsconfig.json',
    cmd: 'npx',
    args: ['tsc', '-p', 'client/tsconfig.json', '--noEmit'],
  },
  { id: 'shared', title: 'jest shared', kind: 'jest', dir: 'shared', env: ESM_JEST, jestArgs: [] },
  { id: 'server', title: 'jest server', kind: 'jest', dir: 'server', env: ESM_JEST, jestArgs: [], needs: ['build-shared'] },
  { id: 'client', title: 'jest client', kind: 'jest', dir: 'client', env: {}, jestArgs: [], needs: ['build-shared'] },
  {
    id: 'build',
    title: 'build server + client',
    kind: 'command',
    cmd: 'npm',
    args: ['run', 'build', '-w', '@relay/server', '-w', '@relay/client'],
    needs: ['build-shared'],
  },
  {
    id: 'faults',
    title: 'jest server faults (kill -9 under load, restarts)',
    kind: 'jest',
    dir: 'server',
    env: ESM_JEST,
    jestArgs: ['-c', 'jest.faults.config.js'],
    needs: ['build'],
  },
  { id: 'e2e', title: 'jest e2e (browser journeys)', kind: 'jest', dir: 'e2e', env: ESM_JEST, jestArgs: ['--runInBand'], needs: ['build'] },
];
const ALIASES = { typecheck: ['typecheck-server', 'typecheck-client'] };
const BUILD_STEPS = new Set(['build-shared', 'build']);

function parseArgs(argv) {
  const opts = { only: null, skipE2e: false };
  for (const arg of argv) {
    if (arg === '--skip-e2e') opts.skipE2e = true;
    else if (arg.startsWith('--only='))
      opts.only = arg
        .slice('--only='.length)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (arg === '--help' || arg === '-h') usage(0);
    else {
      console.error(`Unknown argument: ${arg}`);
      usage(2);
    }
  }
  return opts;
}

function usage(code) {
  const names = [...STEPS.map((s) => s.id), ...Object.keys(ALIASES)].join(', ');
  console.log(`Usage: node scripts/test.mjs [--only=step,step] [--skip-e2e]\nSteps: ${names}`);
  process.exit(code);
}

/** The ids to run: all, or the chosen ones plus what they need, in pipeline order. */
function selectSteps({ only, skipE2e }) {
  let chosen = new Set(STEPS.map((s) => s.id));
  if (only) {
    chosen = new Set();
    const add = (id) => {
      if (ALIASES[id]) return ALIASES[id].forEach(add);
      const step = STEPS.find((s) => s.id === id);
      if (!step) {
        console.error(`Unknown step "${id}".`);
        usage(2);
      }
      chosen.add(id);
      (step.needs ?? []).forEach(add);
    };
    only.forEach(add);
  }
  if (skipE2e) chosen.delete('e2e');
  return STEPS.filter((s) => chosen.has(s.id));
}

// ---- child processes: own process group, signals forwarded to the whole group ----

let current = null;
let interrupted = null;

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    const again = interrupted !== null;
    interrupted = signal;
    if (!current) return;
    try {
      // A second Ctrl-C means "now": kill whatever is left of the group.
      process.kill(-current.pid, again ? 'SIGKILL' : signal);
    } catch {
      // The group is already gone.
    }
  });
}

function run(cmd, args, { cwd = root, env = {} } = {}) {
  return new Promise((resolve) => {
    let settled = false;
    const done = (code) => {
      if (settled) return;
      settled = true;
      current = null;
      resolve(code);
    };
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: 'inherit', detached: true });
    current = child;
    child.on('error', (err) => {
      console.error(`could not start ${cmd}: ${err.message}`);
      done(127);
    });
    child.on('exit', (code, signal) => done(code ?? 128 + (osConstants.signals[signal] ?? 0)));
  });
}

// ---- steps ----

/** Where jest writes its JSON reports; made once the arguments are known to be good. */
let tmp = null;

function header(index, total, step, command) {
  const line = '━'.repeat(Math.max(10, 100 - step.title.length));
  console.log(`\n━━━ [${index}/${total}] ${step.title} ${line}`);
  if (command) console.log(`$ ${command}`);
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}

function hasJestConfig(dir) {
  if (JEST_CONFIGS.some((f) => existsSync(join(root, dir, f)))) return true;
  try {
    return JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).jest !== undefined;
  } catch {
    return false;
  }
}

async function runCommand(step) {
  const code = await run(step.cmd, step.args);
  return { status: code === 0 ? 'passed' : 'failed', passed: 0, failed: code === 0 ? 0 : 1, note: code === 0 ? '' : `exit ${code}` };
}

async function runJest(step) {
  const outputFile = join(tmp, `${step.id}.json`);
  const args = ['jest', ...step.jestArgs, '--passWithNoTests', '--json', `--outputFile=${outputFile}`];
  const code = await run('npx', args, { cwd: join(root, step.dir), env: step.env });
  let report = null;
  try {
    report = JSON.parse(readFileSync(outputFile, 'utf8'));
  } catch {
    // No report: jest did not get as far as running tests (bad config, crash, signal).
  }
  if (!report) return { status: 'failed', passed: 0, failed: 1, note: `exit ${code}, no jest report` };
  const passed = report.numPassedTests ?? 0;
  // A suite that fails to load has no failed *tests*; count it so the summary cannot read "0 failed".
  let failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  if (code !== 0 && failed === 0) failed = 1;
  const notes = [];
  if ((report.numTotalTestSuites ?? 0) === 0) notes.push('no test files yet');
  if (report.numPendingTests) notes.push(`${report.numPendingTests} skipped`);
  if (code !== 0) notes.push(`exit ${code}`);
  return { status: failed === 0 ? 'passed' : 'failed', passed, failed, note: notes.join(', ') };
}

function commandLine(step) {
  if (step.kind === 'command') return `${step.cmd} ${step.args.join(' ')}`;
  const env = Object.entries(step.env)
    .map(([k, v]) => `${k}=${v} `)
    .join('');
  return `cd ${step.dir} && ${env}npx jest ${[...step.jestArgs, '--passWithNoTests', '--json', '--outputFile=…'].join(' ')}`;
}

/** Why a step will not run, or null to run it. */
function skipReason(step, results) {
  if (step.id === 'e2e') {
    const failedBuild = results.find((r) => BUILD_STEPS.has(r.step.id) && r.status === 'failed');
    if (failedBuild) return `${failedBuild.step.title} failed`;
  }
  if (step.requires && !existsSync(join(root, step.requires))) return `no ${step.requires}`;
  if (step.kind === 'jest' && !existsSync(join(root, step.dir, 'package.json'))) return `no ${step.dir}/ workspace`;
  if (step.kind === 'jest' && !hasJestConfig(step.dir)) return `no jest config in ${step.dir}/`;
  return null;
}

async function main() {
  const steps = selectSteps(parseArgs(process.argv.slice(2)));
  tmp = mkdtempSync(join(tmpdir(), 'relay-test-'));
  const started = Date.now();
  const results = [];
  for (const [i, step] of steps.entries()) {
    if (interrupted) break;
    const skip = skipReason(step, results);
    header(i + 1, steps.length, step, skip ? null : commandLine(step));
    if (skip) {
      console.log(`skipped: ${skip}`);
      results.push({ step, status: 'skipped', passed: 0, failed: 0, note: skip, ms: 0 });
      continue;
    }
    const t0 = Date.now();
    const result = step.kind === 'jest' ? await runJest(step) : await runCommand(step);
    const ms = Date.now() - t0;
    results.push({ step, ...result, ms });
    const counts = step.kind === 'jest' ? ` — ${result.passed} passed, ${result.failed} failed` : '';
    console.log(
      `${result.status === 'passed' ? '✓' : '✗'} ${step.title}${counts} (${seconds(ms)})${result.note ? ` [${result.note}]` : ''}`,
    );
  }
  rmSync(tmp, { recursive: true, force: true });
  return summarize(results, Date.now() - started);
}

function summarize(results, ms) {
  const width = Math.max(...STEPS.map((s) => s.title.length));
  console.log(`\n━━━ summary (${seconds(ms)}${interrupted ? `, interrupted by ${interrupted}` : ''}) ${'━'.repeat(80)}`);
  for (const r of results) {
    const mark = { passed: '✓', failed: '✗', skipped: '-' }[r.status];
    const counts = r.step.kind === 'jest' && r.status !== 'skipped' ? `${r.passed} passed, ${r.failed} failed` : r.status;
    console.log(
      `${mark} ${r.step.title.padEnd(width)}  ${counts.padEnd(24)} ${r.ms ? seconds(r.ms).padStart(7) : '       '}${r.note ? `  ${r.note}` : ''}`,
    );
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  if (interrupted) return 128 + (osConstants.signals[interrupted] ?? 0);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    console.error(err);
    console.log(`0 passed, 1 failed`);
    process.exitCode = 1;
  },
);
