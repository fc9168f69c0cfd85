#!/usr/bin/env node
// Container healthcheck of the worker process: healthy while FILE was touched in
// the last MAX_AGE seconds (src/worker/health-file.ts touches it every 10 s).
// Usage: check-health-file.mjs FILE MAX_AGE_SECONDS
import { statSync } from 'node:fs';

const [file, maxAge] = process.argv.slice(2);
if (!file || !/^\d+$/.test(maxAge ?? '')) {
  console.error('usage: check-health-file.mjs FILE MAX_AGE_SECONDS');
  process.exit(2);
}
try {
  const age = (Date.now() - statSync(file).mtimeMs) / 1000;
  if (age > Number(maxAge)) {
    console.error(`${file} is ${Math.round(age)} s old (more than ${maxAge} s)`);
    process.exit(1);
  }
} catch (err) {
  console.error(`${file}: ${err.message}`);
  process.exit(1);
}
