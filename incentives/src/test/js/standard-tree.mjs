#!/usr/bin/env node
// Builds trees with the reference library, @openzeppelin/merkle-tree, for the Java tests to compare against.
// stdin: a JSON array of {"leafEncoding": [...], "values": [[...], ...], "sortLeaves": true|false}
// stdout: a JSON array of {"root": "0x…", "proofs": [["0x…", …], …], "dump": "<JSON.stringify(tree.dump())>"}
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const require = createRequire(path.join(root, 'package.json'));
let StandardMerkleTree;
try {
  ({ StandardMerkleTree } = require('@openzeppelin/merkle-tree'));
} catch (e) {
  console.error('error: @openzeppelin/merkle-tree is not installed; run `npm ci` in the repository root');
  process.exit(2);
}

const requests = JSON.parse(fs.readFileSync(0, 'utf8'));
const results = requests.map(({ leafEncoding, values, sortLeaves }) => {
  const tree = StandardMerkleTree.of(values, leafEncoding, { sortLeaves });
  return {
    root: tree.root,
    proofs: values.map((_, i) => tree.getProof(i)),
    dump: JSON.stringify(tree.dump()),
  };
});
process.stdout.write(JSON.stringify(results));
