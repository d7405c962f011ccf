#!/usr/bin/env node
// The reference side of the tree bench: @openzeppelin/merkle-tree builds the tree of the entries in FILE
// (JSON array of [account, token, amount]) and computes every proof, RUNS times; prints one JSON line with each run's
// milliseconds (JSON parsing excluded) and the root.
// Usage: node bench/incentives/tree-reference.mjs FILE [RUNS]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
let StandardMerkleTree;
try {
  ({ StandardMerkleTree } = require('@openzeppelin/merkle-tree'));
} catch (e) {
  console.error('error: @openzeppelin/merkle-tree is not installed; run `npm ci` in the repository root');
  process.exit(2);
}
const values = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const runs = Number(process.argv[3] || 3);
const ms = [];
let treeRoot;
for (let r = 0; r < runs; r++) {
  const started = process.hrtime.bigint();
  const tree = StandardMerkleTree.of(values, ['address', 'address', 'uint256']);
  let hashes = 0;
  for (let i = 0; i < values.length; i++) hashes += tree.getProof(i).length;
  ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  treeRoot = tree.root;
  if (hashes === 0 && values.length > 1) throw new Error('no proofs');
}
process.stdout.write(JSON.stringify({ ms, root: treeRoot }) + '\n');
