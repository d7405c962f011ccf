#!/usr/bin/env node
// Writes the bench's draft proposal for a devnet started by `chaoschain devnet up`: the timelock sets the lending
// market's reserve factor to 15 % (the kind of change the agents propose).
// Usage: node make-draft.mjs DEVNET_JSON > draft.json
import { readFileSync } from 'node:fs';
import { encodeFunctionData, parseAbi } from 'viem';

const state = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const d = state.deployment;
const calldata = encodeFunctionData({ abi: parseAbi(['function setReserveFactor(uint256)']),
  functionName: 'setReserveFactor', args: [150000000000000000n] });
console.log(JSON.stringify({ chainId: d.chainId, executor: d.timelock, description: 'bench: reserve factor 15%',
  actions: [{ target: d.market, value: '0', calldata }] }, null, 2));
