#!/usr/bin/env node
// Minimal proposal simulation with viem + Anvil, the baseline for `chaoschain simulate`:
// per run: fork the chain with Anvil, impersonate the executor, execute the draft's actions,
// fetch callTracer and prestateTracer (diff mode) traces of each, stop the fork. No decoding, no checks.
// Usage: node simulate.mjs --rpc URL --draft FILE [--runs N] [--block N]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestClient, http, publicActions } from 'viem';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
if (!args.rpc || !args.draft) {
  console.error('usage: node simulate.mjs --rpc URL --draft FILE [--runs N] [--block N]');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const anvilBin = process.env.ANVIL_BIN || path.join(root, 'node_modules/.bin/anvil');
const draft = JSON.parse(readFileSync(args.draft, 'utf8'));
const runs = Number(args.runs || 10);

async function latestBlock() {
  const res = await fetch(args.rpc, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }) });
  return BigInt((await res.json()).result);
}

function startFork(block) {
  // the same flags chaoschain's engine forks with
  const anvil = spawn(anvilBin, ['--port', '0', '--host', '127.0.0.1', '--accounts', '1', '--fork-url', args.rpc,
    '--retries', '2', '--no-storage-caching', '--fork-block-number', String(block),
    '--block-base-fee-per-gas', '0', '--order', 'fifo'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    anvil.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/Listening on ([0-9.]+):(\d+)/);
      if (m) resolve({ anvil, url: `http://${m[1]}:${m[2]}` });
    });
    anvil.on('exit', (code) => reject(new Error(`anvil exited with ${code}: ${out}`)));
  });
}

async function simulateOnce(block) {
  const { anvil, url } = await startFork(block);
  try {
    const client = createTestClient({ mode: 'anvil', transport: http(url) }).extend(publicActions);
    const executor = draft.executor;
    await client.impersonateAccount({ address: executor });
    const needed = draft.actions.reduce((s, a) => s + BigInt(a.value || 0), 0n);
    if (needed > 0n && (await client.getBalance({ address: executor })) < needed) {
      await client.setBalance({ address: executor, value: needed });
    }
    const traces = [];
    for (const a of draft.actions) {
      const hash = await client.sendUnsignedTransaction({ from: executor, to: a.target, value: BigInt(a.value || 0),
        data: a.calldata, gas: 16_000_000n, gasPrice: 0n });
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 5 });
      const calls = await client.request({ method: 'debug_traceTransaction', params: [hash, { tracer: 'callTracer' }] });
      const diff = await client.request({ method: 'debug_traceTransaction',
        params: [hash, { tracer: 'prestateTracer', tracerConfig: { diffMode: true } }] });
      traces.push({ status: receipt.status, calls, diff });
    }
    return traces;
  } finally {
    const exited = new Promise((r) => anvil.once('exit', r));
    anvil.kill('SIGTERM');
    await exited;
  }
}

const block = args.block !== undefined ? BigInt(args.block) : await latestBlock();
const times = [];
let last;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  last = await simulateOnce(block);
  times.push(performance.now() - t0);
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]
  : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(JSON.stringify({ runs, medianMs: Number(median.toFixed(1)), perProposalMs: Number(median.toFixed(1)),
  statuses: last.map((t) => t.status), timesMs: times.map((t) => Number(t.toFixed(1))) }));
