// Gossipsub benchmark: a 30-node loopback network of Java nodes (io.chaoschain.p2p.bench.BenchNode) and one of
// js-libp2p nodes (p2p/src/test/js/peer.mjs), driven identically over stdio JSON lines, in the same run.
// Measures propagation latency p50/p99 of 1 KiB messages at a fixed rate, burst throughput (msgs/s delivered),
// and CPU time and RSS per node; prints the Java/JS p99 ratio.
// Usage: node bench.mjs --java-cp CLASSPATH [--nodes 30] [--messages 300] [--rate 50] [--burst 1000] [--degree 4]
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { writeFileSync, mkdirSync } from 'node:fs'

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]])
  return acc
}, []))
const NODES = Number(args.nodes ?? 30)
const MESSAGES = Number(args.messages ?? 300)
const RATE = Number(args.rate ?? 50)
const BURST = Number(args.burst ?? 1000)
const DEGREE = Number(args.degree ?? 4)
const SIZE = 1024
const TOPIC = '/chaoschain/bench/1'
const here = path.dirname(fileURLToPath(import.meta.url))
const jsDir = path.resolve(here, '../../p2p/src/test/js')
const sleep = (ms) => new Promise(r => setTimeout(r, ms))
const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000)

// deterministic PRNG so both networks get the same topology and publisher sequence
function rng (seed) { let s = seed >>> 0; return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32 } }

class Proc {
  constructor (cmd, argv, cwd) {
    this.child = spawn(cmd, argv, { cwd, stdio: ['pipe', 'pipe', 'pipe'] })
    this.pending = new Map(); this.ids = 0; this.latencies = []; this.received = 0; this.stderr = ''
    this.ready = new Promise((resolve, reject) => { this.onReady = resolve; this.child.on('exit', (c) => reject(new Error('exited ' + c + ': ' + this.stderr))) })
    this.child.stderr.on('data', d => { if (this.stderr.length < 5000) this.stderr += d })
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      let m; try { m = JSON.parse(line) } catch { return }
      if (m.event === 'ready') this.onReady(m)
      else if (m.event === 'reply') { const p = this.pending.get(m.id); if (p) { this.pending.delete(m.id); m.ok ? p.resolve(m.result) : p.reject(new Error(m.error)) } }
      else if (m.event === 'message') {
        const sent = Number(BigInt('0x' + m.data.slice(0, 16)))
        this.latencies.push(m.receivedMicros - sent); this.received++
      }
    })
  }
  cmd (cmd, extra = {}) {
    const id = ++this.ids
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.child.stdin.write(JSON.stringify({ cmd, id, ...extra }) + '\n')
      setTimeout(() => { if (this.pending.delete(id)) reject(new Error(cmd + ' timed out')) }, 30000)
    })
  }
  async stop () { try { await this.cmd('stop') } catch {} ; this.child.kill('SIGTERM') }
}

const config = { topics: [TOPIC], quiet: true, D: 6, Dlo: 5, Dhi: 12, heartbeatMs: 1000 }

function launch (kind) {
  if (kind === 'js') return new Proc('node', ['peer.mjs', JSON.stringify(config)], jsDir)
  const javaBin = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
  return new Proc(javaBin, ['-Xmx128m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xss512k', '-cp', args['java-cp'],
    'io.chaoschain.p2p.bench.BenchNode', JSON.stringify(config)], here)
}

function pct (sorted, p) { return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))] : NaN }

async function runNetwork (kind) {
  const t0 = Date.now()
  const nodes = []
  for (let i = 0; i < NODES; i += 5) {
    // start in small batches: 30 simultaneous JVM or node start-ups would only fight over 2 cores
    const batch = []
    for (let j = i; j < Math.min(NODES, i + 5); j++) { const p = launch(kind); nodes.push(p); batch.push(p.ready) }
    await Promise.all(batch)
  }
  const infos = await Promise.all(nodes.map(n => n.ready))
  const startup = (Date.now() - t0) / 1000
  // every node dials DEGREE random others (same seed for both networks): minimum degree DEGREE, no star-shaped hubs
  const r = rng(7)
  const linked = new Set()
  for (let i = 0; i < NODES; i++) {
    const targets = new Set()
    while (targets.size < Math.min(DEGREE, NODES - 1)) { const t = Math.floor(r() * NODES); if (t !== i) targets.add(t) }
    for (const t of targets) {
      const key = Math.min(i, t) + '-' + Math.max(i, t)
      if (linked.has(key)) continue
      linked.add(key)
      await nodes[i].cmd('dial', { addr: infos[t].addrs[0] }).catch(e => console.error(kind, 'dial', e.message))
    }
  }
  // let heartbeats build the meshes: wait until every node has grafted at least Dlo - 1 peers (or 30 s)
  let meshSizes = []
  const meshDeadline = Date.now() + 30000
  do {
    await sleep(1000)
    meshSizes = await Promise.all(nodes.map(n => n.cmd('meshPeers', { topic: TOPIC }).then(x => x.peers.length)))
  } while (Math.min(...meshSizes) < config.Dlo - 1 && Date.now() < meshDeadline)
  const meshSettleSeconds = (Date.now() - t0) / 1000 - startup
  const cpu0 = await Promise.all(nodes.map(n => n.cmd('stats')))

  // phase 1: fixed-rate latency
  const pad = Buffer.alloc(SIZE); for (let i = 0; i < SIZE; i++) pad[i] = (i * 31) & 0xff
  const dataHex = pad.toString('hex')
  const interval = 1000 / RATE
  const p1Start = Date.now()
  for (let m = 0; m < MESSAGES; m++) {
    const target = p1Start + m * interval
    const wait = target - Date.now(); if (wait > 0) await sleep(wait)
    nodes[Math.floor(r() * NODES)].cmd('publish', { topic: TOPIC, dataHex, stampMicros: true }).catch(e => console.error(kind, 'publish', e.message))
  }
  const expected1 = MESSAGES * (NODES - 1)
  const deadline1 = Date.now() + 30000
  while (nodes.reduce((a, n) => a + n.received, 0) < expected1 && Date.now() < deadline1) await sleep(100)
  const delivered1 = nodes.reduce((a, n) => a + n.received, 0)
  const lat = nodes.flatMap(n => n.latencies).sort((a, b) => a - b)
  nodes.forEach(n => { n.received = 0; n.latencies = [] })

  // phase 2: burst throughput - every node publishes its share as fast as it can
  const perNode = Math.ceil(BURST / NODES)
  const b0 = nowMicros()
  await Promise.all(nodes.map(async n => { for (let k = 0; k < perNode; k++) await n.cmd('publish', { topic: TOPIC, dataHex, stampMicros: true }).catch(() => {}) }))
  const expected2 = perNode * NODES * (NODES - 1)
  const deadline2 = Date.now() + 30000
  while (nodes.reduce((a, n) => a + n.received, 0) < expected2 && Date.now() < deadline2) await sleep(100)
  const burstSeconds = (nowMicros() - b0) / 1e6
  const delivered2 = nodes.reduce((a, n) => a + n.received, 0)

  const cpu1 = await Promise.all(nodes.map(n => n.cmd('stats')))
  await Promise.all(nodes.map(n => n.stop()))
  const cpuPerNode = cpu1.map((s, i) => (s.cpuMicros - cpu0[i].cpuMicros) / 1e6)
  const rss = cpu1.map(s => s.rss / (1 << 20)).sort((a, b) => a - b)
  return {
    kind,
    nodes: NODES,
    startupSeconds: startup,
    meshSettleSeconds,
    meshMin: Math.min(...meshSizes),
    meshMax: Math.max(...meshSizes),
    latencyP50ms: pct(lat, 50) / 1000,
    latencyP99ms: pct(lat, 99) / 1000,
    deliveryRatio: delivered1 / expected1,
    burstMessages: perNode * NODES,
    burstDeliveredPerSecond: delivered2 / burstSeconds,
    burstPublishedPerSecond: (perNode * NODES) * (delivered2 / expected2) / burstSeconds,
    burstDeliveryRatio: delivered2 / expected2,
    cpuSecondsPerNodeAvg: cpuPerNode.reduce((a, b) => a + b, 0) / NODES,
    rssMiBPerNodeMedian: rss[Math.floor(rss.length / 2)],
    rssMiBPerNodeMax: rss[rss.length - 1]
  }
}

const kinds = (args.only ?? 'java,js').split(',')
const results = []
for (const k of kinds) {
  console.error(`running ${NODES}-node ${k} network...`)
  results.push(await runNetwork(k))
}
console.table(results.map(r => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(3)) : v]))))
const java = results.find(r => r.kind === 'java'); const js = results.find(r => r.kind === 'js')
if (java && js) console.log(`Java/JS p99 propagation ratio: ${(java.latencyP99ms / js.latencyP99ms).toFixed(2)} (below 1 means Java is faster)`)
mkdirSync(path.resolve(here, '../results'), { recursive: true })
const out = path.resolve(here, '../results', `p2p-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(out, JSON.stringify({ config: { NODES, MESSAGES, RATE, BURST, DEGREE, SIZE }, results }, null, 2))
console.log('results written to ' + out)
process.exit(0)
