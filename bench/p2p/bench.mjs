// Gossipsub benchmark: a loopback network of Java nodes (io.chaoschain.p2p.bench.BenchNode) and one of js-libp2p nodes
// (p2p/src/test/js/peer.mjs), driven identically over stdio JSON lines, one after the other in the same run.
// Every message carries its publish time (stamped by the publishing node just before it hands the message to its
// gossipsub) and a harness sequence number, so each delivery is attributed to the message and phase it belongs to:
// deliveries that arrive late are never counted in a later phase, and duplicates are detected.
// Phases: warm-up (JIT, unmeasured) -> latency at a fixed rate -> burst (every node publishes as fast as it can).
// Usage: node bench.mjs --java-cp CLASSPATH [--nodes 30] [--messages 150] [--rate 3] [--burst 300] [--degree 4]
//        [--warmup 30] [--only java,js] [--drain 30]
// The default rate is what a 30-node js-libp2p network sustains on the 2-core development machine; a higher rate
// saturates it and the percentiles then measure a growing queue (the run prints a warning when that happens).
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import os from 'node:os'
import { writeFileSync, mkdirSync } from 'node:fs'

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]])
  return acc
}, []))
const NODES = Number(args.nodes ?? 30)
const MESSAGES = Number(args.messages ?? 150)
const RATE = Number(args.rate ?? 3)
const BURST = Number(args.burst ?? 300)
const DEGREE = Number(args.degree ?? 4)
const WARMUP = Number(args.warmup ?? 30)
const DRAIN_MS = Number(args.drain ?? 30) * 1000
const SIZE = 1024
const TOPIC = '/chaoschain/bench/1'
const here = path.dirname(fileURLToPath(import.meta.url))
const jsDir = path.resolve(here, '../../p2p/src/test/js')
const sleep = (ms) => new Promise(r => setTimeout(r, ms))

// deterministic PRNG so both networks get the same topology and publisher sequence
function rng (seed) { let s = seed >>> 0; return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32 } }

// per-message bookkeeping shared by all nodes of one network: seq -> { phase, receivers, latencies }
let ledger = new Map()

class Proc {
  constructor (cmd, argv, cwd) {
    this.child = spawn(cmd, argv, { cwd, stdio: ['pipe', 'pipe', 'pipe'] })
    this.pending = new Map(); this.ids = 0; this.stderr = ''; this.duplicates = 0; this.unknown = 0
    this.ready = new Promise((resolve, reject) => { this.onReady = resolve; this.child.on('exit', (c) => reject(new Error('exited ' + c + ': ' + this.stderr))) })
    this.child.stderr.on('data', d => { if (this.stderr.length < 5000) this.stderr += d })
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      let m; try { m = JSON.parse(line) } catch { return }
      if (m.event === 'ready') this.onReady(m)
      else if (m.event === 'reply') { const p = this.pending.get(m.id); if (p) { this.pending.delete(m.id); m.ok ? p.resolve(m.result) : p.reject(new Error(m.error)) } }
      else if (m.event === 'message') {
        const head = Buffer.from(m.data, 'hex')
        const entry = ledger.get(head.readUInt32BE(8))
        if (!entry) { this.unknown++; return }
        if (entry.receivers.has(this)) { this.duplicates++; return }
        entry.receivers.add(this)
        entry.latencies.push(m.receivedMicros - Number(head.readBigUInt64BE(0)))
        entry.arrivals.push([this.index, Number(head.readBigUInt64BE(0)), m.receivedMicros])
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

// identical gossipsub parameters on both sides. P6 (IP colocation) is switched off on both: every node is on
// 127.0.0.1, and the two implementations' default P6 weights differ (-10 Java, -5 js), so leaving it on would
// penalise well-connected nodes differently on each side.
const config = { topics: [TOPIC], quiet: true, D: 6, Dlo: 5, Dhi: 12, heartbeatMs: 1000, floodPublish: true, ipColocationWeight: 0 }

function launch (kind) {
  if (kind === 'js') return new Proc('node', ['peer.mjs', JSON.stringify(config)], jsDir)
  const javaBin = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
  // BENCH_JAVA_OPTS adds JVM flags, e.g. -Xlog:gc,safepoint:file=/tmp/node-%p.log to see pauses
  const extra = (process.env.BENCH_JAVA_OPTS ?? '').split(' ').filter(Boolean)
  // a fixed, pre-touched heap: without AlwaysPreTouch the first young collections fault in never-touched survivor and
  // tenured pages, and on a loaded machine those page faults stretched 10-40 ms collections to 0.3-1.6 s pauses that
  // were the Java p99 outliers (User 0.04 s, Real 1.6 s in -Xlog:gc)
  return new Proc(javaBin, ['-Xms64m', '-Xmx64m', '-XX:+AlwaysPreTouch', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xss512k', ...extra, '-cp', args['java-cp'],
    'io.chaoschain.p2p.bench.BenchNode', JSON.stringify(config)], here)
}

function pct (sorted, p) { return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))] : NaN }

let nextSeq = 1
function payload (seq) {
  const b = Buffer.alloc(SIZE); for (let i = 16; i < SIZE; i++) b[i] = (i * 31) & 0xff
  b.writeUInt32BE(seq, 8)
  return b.toString('hex')
}
function register (phase) { const seq = nextSeq++; ledger.set(seq, { phase, receivers: new Set(), latencies: [], arrivals: [] }); return seq }
function phaseEntries (phase) { return [...ledger.values()].filter(e => e.phase === phase) }
function delivered (phase) { return phaseEntries(phase).reduce((a, e) => a + e.receivers.size, 0) }

// waits until every message of the phase reached every other node, or the drain deadline passes
async function drain (phase, count) {
  const expected = count * (NODES - 1)
  const deadline = Date.now() + DRAIN_MS
  while (delivered(phase) < expected && Date.now() < deadline) await sleep(50)
  return delivered(phase) / expected
}

// publishes count messages at rate msgs/s from the seeded sequence of random nodes
async function paced (nodes, r, phase, count, rate, kind) {
  const start = Date.now()
  for (let m = 0; m < count; m++) {
    const wait = start + m * 1000 / rate - Date.now(); if (wait > 0) await sleep(wait)
    nodes[Math.floor(r() * NODES)].cmd('publish', { topic: TOPIC, dataHex: payload(register(phase)), stampMicros: true })
      .catch(e => console.error(kind, 'publish', e.message))
  }
}

async function runNetwork (kind) {
  ledger = new Map()
  const t0 = Date.now()
  const nodes = []
  for (let i = 0; i < NODES; i += 5) {
    // start in small batches: 30 simultaneous JVM or node start-ups would only fight over 2 cores
    const batch = []
    for (let j = i; j < Math.min(NODES, i + 5); j++) { const p = launch(kind); p.index = j; nodes.push(p); batch.push(p.ready) }
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
  // let heartbeats build the meshes: wait until every node has grafted at least min(Dlo, peers) - 1 peers (or 30 s)
  const wanted = Math.min(config.Dlo, NODES - 1) - 1
  let meshSizes = []
  const meshDeadline = Date.now() + 30000
  do {
    await sleep(1000)
    meshSizes = await Promise.all(nodes.map(n => n.cmd('meshPeers', { topic: TOPIC }).then(x => x.peers.length)))
  } while (Math.min(...meshSizes) < wanted && Date.now() < meshDeadline)
  const meshSettleSeconds = (Date.now() - t0) / 1000 - startup

  // warm-up: same paced traffic, not measured, so neither the JVM nor V8 is measured while still compiling
  await paced(nodes, r, 'warmup', WARMUP, Math.min(RATE, 20), kind)
  const warmupDelivery = await drain('warmup', WARMUP)

  const idle0 = await Promise.all(nodes.map(n => n.cmd('stats')))
  await sleep(2000)
  const cpu0 = await Promise.all(nodes.map(n => n.cmd('stats')))
  const idleCpuMsPerSecond = cpu0.reduce((a, s, i) => a + s.cpuMicros - idle0[i].cpuMicros, 0) / NODES / 2000

  // phase 1: fixed-rate latency
  const p1 = Date.now()
  await paced(nodes, r, 'latency', MESSAGES, RATE, kind)
  const deliveryRatio = await drain('latency', MESSAGES)
  const p1Seconds = (Date.now() - p1) / 1000
  const cpu1 = await Promise.all(nodes.map(n => n.cmd('stats')))
  const entries = phaseEntries('latency')
  const lat = entries.flatMap(e => e.latencies).sort((a, b) => a - b)
  // a latency that grows from the first to the last quarter of the messages means the offered rate exceeds what
  // the network can process on this machine: then the percentiles measure a growing queue, not propagation
  const quarter = Math.max(1, Math.floor(entries.length / 4))
  const median = (es) => pct(es.flatMap(e => e.latencies).sort((a, b) => a - b), 50)
  const latencyTrend = median(entries.slice(-quarter)) / median(entries.slice(0, quarter))

  // phase 2: burst throughput - every node publishes its share back to back
  const perNode = Math.ceil(BURST / NODES)
  const b0 = performance.now()
  await Promise.all(nodes.map(async n => {
    for (let k = 0; k < perNode; k++) await n.cmd('publish', { topic: TOPIC, dataHex: payload(register('burst')), stampMicros: true }).catch(() => {})
  }))
  const burstDelivery = await drain('burst', perNode * NODES)
  const burstSeconds = (performance.now() - b0) / 1000
  const burstLat = phaseEntries('burst').flatMap(e => e.latencies).sort((a, b) => a - b)

  const cpu2 = await Promise.all(nodes.map(n => n.cmd('stats')))
  const duplicatesPerNode = nodes.reduce((a, n) => a + n.duplicates, 0) / NODES
  await Promise.all(nodes.map(n => n.stop()))
  const cpuSum = (a, b) => b.reduce((acc, s, i) => acc + s.cpuMicros - a[i].cpuMicros, 0) / 1e6
  const rss = cpu2.map(s => s.rss / (1 << 20)).sort((a, b) => a - b)
  const deliveredLatency = delivered('latency'); const deliveredBurst = delivered('burst')
  return {
    kind,
    nodes: NODES,
    startupSeconds: startup,
    meshSettleSeconds,
    meshMin: Math.min(...meshSizes),
    meshMax: Math.max(...meshSizes),
    warmupDelivery,
    rate: RATE,
    latencyP50ms: pct(lat, 50) / 1000,
    latencyP99ms: pct(lat, 99) / 1000,
    latencyMaxMs: lat[lat.length - 1] / 1000,
    // deliveries slower than 100 ms: a message that missed the mesh and waited for gossip (IHAVE/IWANT, one
    // heartbeat) shows up here, as does a stalled process
    latencyOver100msFraction: lat.filter(x => x > 100000).length / Math.max(1, lat.length),
    // of the slow deliveries, the share belonging to messages whose fastest delivery was slow as well: a stall at
    // the publisher (or a machine-wide stall); the rest are single receivers behind a fast majority (a missed mesh hop)
    slowDeliveriesOfSlowMessages: (() => {
      const slow = entries.flatMap(e => e.latencies.filter(x => x > 100000).map(() => Math.min(...e.latencies)))
      return slow.filter(m => m > 50000).length / Math.max(1, slow.length)
    })(),
    droppedRpcsPerNode: cpu2.reduce((a, s) => a + (s.droppedRpcs ?? 0), 0) / NODES,
    latencyTrend,
    deliveryRatio,
    // lost deliveries spread over many messages point at slow or excluded receivers; whole messages missing at
    // the publisher
    messagesFullyDelivered: entries.filter(e => e.receivers.size === NODES - 1).length / entries.length,
    messagesReachingNobody: entries.filter(e => e.receivers.size === 0).length,
    burstMessages: perNode * NODES,
    burstSeconds,
    burstDeliveredPerSecond: deliveredBurst / burstSeconds,
    burstMessagesPerSecond: deliveredBurst / (NODES - 1) / burstSeconds,
    burstDeliveryRatio: burstDelivery,
    burstP50ms: pct(burstLat, 50) / 1000,
    burstP99ms: pct(burstLat, 99) / 1000,
    duplicatesPerNode,
    idleCpuMsPerSecondPerNode: idleCpuMsPerSecond,
    cpuSecondsPerNodeLatency: cpuSum(cpu0, cpu1) / NODES,
    cpuMsPerDeliveryLatency: cpuSum(cpu0, cpu1) * 1000 / Math.max(1, deliveredLatency),
    cpuMsPerDeliveryBurst: cpuSum(cpu1, cpu2) * 1000 / Math.max(1, deliveredBurst),
    cpuBusyFractionLatency: cpuSum(cpu0, cpu1) / p1Seconds / os.cpus().length,
    cpuMsPerSecondPerNodeLatency: cpuSum(cpu0, cpu1) * 1000 / NODES / p1Seconds,
    rssMiBPerNodeMedian: rss[Math.floor(rss.length / 2)],
    rssMiBPerNodeMax: rss[rss.length - 1],
    // every latency-phase delivery slower than 100 ms: [receiver, published µs, received µs, fastest delivery of
    // that message µs], for telling a missed mesh hop (isolated) from a stalled process (clustered in time)
    slowDeliveries: entries.flatMap(e => e.arrivals.filter(a => a[2] - a[1] > 100000)
      .map(a => [a[0], a[1], a[2], Math.min(...e.latencies)]))
  }
}

const kinds = (args.only ?? 'java,js').split(',')
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAvgAtStart: os.loadavg(), node: process.version }
const results = []
for (const k of kinds) {
  console.error(`running ${NODES}-node ${k} network (load average ${os.loadavg().map(x => x.toFixed(1)).join(' ')})...`)
  try {
    results.push(await runNetwork(k))
  } catch (e) {
    // one line saying what failed (a node that would not start names its exit code and stderr)
    console.error(`error: bench/p2p: the ${k} network failed: ${e.message}`)
    process.exit(1)
  }
}
const fmt = (v) => typeof v === 'number' ? Number(v.toFixed(3)) : v
// one column per network keeps the table readable in a terminal
const table = {}
for (const key of Object.keys(results[0]).filter(k => k !== 'slowDeliveries')) table[key] = Object.fromEntries(results.map(r => [r.kind, fmt(r[key])]))
console.table(table)
const java = results.find(r => r.kind === 'java'); const js = results.find(r => r.kind === 'js')
// a network kept up when its latency did not grow over the phase and (almost) every message reached every node;
// only then do its percentiles measure propagation rather than a queue
const keptUp = (r) => r.latencyTrend <= 2 && r.deliveryRatio >= 0.99
console.log(`\nsummary: ${NODES} nodes, degree ${DEGREE}, ${MESSAGES} messages of ${SIZE} B at ${RATE} msgs/s (load average at start ${machine.loadAvgAtStart.map(x => x.toFixed(1)).join(' ')}, ${machine.cpus} CPUs)`)
console.table(results.map(r => ({
  network: r.kind,
  'p50 ms': fmt(r.latencyP50ms),
  'p99 ms': fmt(r.latencyP99ms),
  delivery: fmt(r.deliveryRatio),
  'kept up': keptUp(r),
  'burst msgs/s': fmt(r.burstMessagesPerSecond),
  'CPU ms/s per node': fmt(r.cpuMsPerSecondPerNodeLatency),
  'CPU ms per delivery (burst)': fmt(r.cpuMsPerDeliveryBurst),
  'RSS MiB per node': fmt(r.rssMiBPerNodeMedian)
})))
if (java && js) {
  console.log(`Java/JS p50 ratio ${(java.latencyP50ms / js.latencyP50ms).toFixed(2)}, p99 ratio ${(java.latencyP99ms / js.latencyP99ms).toFixed(2)} (below 1 means Java is faster)`)
  if (!keptUp(java) || !keptUp(js)) console.log('the ratios are NOT a propagation comparison: a network that did not keep up measures its queue; lower --rate until both keep up')
}
for (const r of results) if (!keptUp(r)) console.log(`warning: ${r.kind} did not keep up with ${RATE} msgs/s (latency trend ${r.latencyTrend.toFixed(1)}x, delivery ${r.deliveryRatio.toFixed(3)}): its percentiles measure queueing`)
mkdirSync(path.resolve(here, '../results'), { recursive: true })
const out = path.resolve(here, '../results', `p2p-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(out, JSON.stringify({ config: { NODES, MESSAGES, RATE, BURST, DEGREE, WARMUP, SIZE, gossipsub: config }, machine, results }, null, 2))
console.log('results written to ' + out)
process.exit(0)
