#!/usr/bin/env node
// `npm start`: builds Relay (skipped with --no-build), then runs server/dist/main.js in this very process.
//
// Under a service manager the signal to stop usually reaches npm alone. npm passes SIGTERM and SIGINT on to
// the shell running this script, but a shell need not pass them further; so Relay runs here rather than in
// a child of ours, and stops itself (and its embedded PostgreSQL) as soon as the process that started it is
// gone (npm, or that shell).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const parent = process.ppid;

if (!process.argv.includes('--no-build')) {
  const build = spawn('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  const forward = (signal) => build.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  const watch = setInterval(() => process.ppid !== parent && build.kill('SIGTERM'), 500);
  const [code, signal] = await new Promise((done) => build.once('exit', (c, s) => done([c, s])));
  clearInterval(watch);
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeListener(s, forward);
  if (code !== 0) {
    console.error(`npm start: the build ${signal ? `was stopped by ${signal}` : `failed (exit code ${code})`}`);
    process.exit(code ?? 1);
  }
}

// Relay handles SIGTERM by stopping in order; send it that when our parent has gone.
setInterval(() => process.ppid !== parent && process.kill(process.pid, 'SIGTERM'), 500).unref();
await import(pathToFileURL(join(root, 'server', 'dist', 'main.js')).href);
