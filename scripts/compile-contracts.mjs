#!/usr/bin/env node
// Compiles contracts/src/*.sol with solcjs (standard JSON) against OpenZeppelin from node_modules.
// Writes <out>/<Contract>.abi, <out>/<Contract>.bin and <out>/combined.json for every contract in the source
// directory (default contracts/src; the build also compiles contracts/test, test-only helpers, into a separate dir).
// Usage: node scripts/compile-contracts.mjs <outDir> [sourceDir relative to the repository root]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
let solc;
try {
  solc = require('solc');
} catch (e) {
  console.error('error: solc is not installed; run `npm ci` in the repository root (the ./chaoschain launcher does this)');
  process.exit(2);
}

const outDir = path.resolve(process.argv[2] || path.join(root, 'target', 'contracts'));
const srcRel = (process.argv[3] || 'contracts/src').replace(/\/+$/, '');
const srcDir = path.join(root, srcRel);
const sources = {};
for (const file of fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[`${srcRel}/${file}`] = { content: fs.readFileSync(path.join(srcDir, file), 'utf8') };
}

// Skip the compile when nothing changed since the last successful one.
const stamp = path.join(outDir, '.inputs');
const fingerprint = JSON.stringify({ solc: solc.version(), sources });
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === fingerprint) {
  console.log(`contracts up to date (${Object.keys(sources).length} sources, solc ${solc.version()})`);
  process.exit(0);
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'storageLayout'] } },
  },
};

function findImports(importPath) {
  const candidates = [path.join(root, 'node_modules', importPath), path.join(root, importPath)];
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, 'utf8') };
  }
  return { error: `import not found: ${importPath} (is @openzeppelin/contracts installed? run npm ci)` };
}

const started = Date.now();
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) {
  if (e.severity !== 'error' && !/SPDX|code size/.test(e.message)) console.error(e.formattedMessage.trim());
}
if (errors.length) {
  for (const e of errors) console.error(e.formattedMessage);
  process.exit(1);
}

fs.mkdirSync(outDir, { recursive: true });
const combined = {};
for (const [file, contracts] of Object.entries(output.contracts)) {
  if (!file.startsWith(`${srcRel}/`)) continue;
  for (const [name, artifact] of Object.entries(contracts)) {
    const bin = artifact.evm.bytecode.object;
    if (!bin) continue; // interfaces and abstract contracts
    const runtimeSize = artifact.evm.deployedBytecode.object.length / 2;
    if (runtimeSize > 24576) {
      console.error(`error: ${name} runtime code is ${runtimeSize} bytes, above the EIP-170 limit of 24576`);
      process.exit(1);
    }
    fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(artifact.abi));
    fs.writeFileSync(path.join(outDir, `${name}.bin`), bin);
    combined[name] = {
      abi: artifact.abi,
      bin,
      runtimeSize,
      storageLayout: artifact.storageLayout,
    };
  }
}
fs.writeFileSync(path.join(outDir, 'combined.json'), JSON.stringify(combined));
fs.writeFileSync(stamp, fingerprint);
console.log(
  `compiled ${Object.keys(combined).length} contracts with solc ${solc.version()} in ${Date.now() - started} ms -> ${outDir}`,
);
