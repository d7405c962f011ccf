// A js-libp2p reference peer driven over stdio, for the Java interop tests and bench/p2p.
// stdout: one JSON object per line ({"event": ...}); stdin: one JSON command per line ({"cmd": ..., "id": n}).
// Config comes from argv[2] as JSON: { listen, topics, privateKeyHex, D, Dlo, Dhi, heartbeatMs, floodPublish,
// ipColocationWeight, quiet }.
import './polyfill.mjs'
import { createInterface } from 'node:readline'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { gossipsub } from '@chainsafe/libp2p-gossipsub'
import { privateKeyFromProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'

const config = JSON.parse(process.argv[2] ?? '{}')
const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000)

const options = {
  addresses: { listen: [config.listen ?? '/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: {
    identify: identify(),
    ping: ping(),
    pubsub: gossipsub({
      allowPublishToZeroTopicPeers: true,
      emitSelf: false,
      globalSignaturePolicy: 'StrictSign',
      D: config.D ?? 6,
      Dlo: config.Dlo ?? 4,
      Dhi: config.Dhi ?? 12,
      heartbeatInterval: config.heartbeatMs ?? 1000,
      floodPublish: config.floodPublish ?? true,
      ...(config.ipColocationWeight === undefined ? {} : { scoreParams: { IPColocationFactorWeight: config.ipColocationWeight } }),
      fallbackToFloodsub: false
    })
  }
}
if (config.privateKeyHex) {
  options.privateKey = privateKeyFromProtobuf(Uint8Array.from(Buffer.from(config.privateKeyHex, 'hex')))
}
const node = await createLibp2p(options)
const pubsub = node.services.pubsub

pubsub.addEventListener('message', (evt) => {
  const m = evt.detail
  out({
    event: 'message',
    topic: m.topic,
    from: m.type === 'signed' ? m.from.toString() : null,
    seqno: m.type === 'signed' ? m.sequenceNumber.toString() : null,
    // quiet (benchmark) mode reports only the stamped header instead of the whole payload
    data: Buffer.from(config.quiet ? m.data.subarray(0, 16) : m.data).toString('hex'),
    receivedMicros: nowMicros()
  })
})
node.addEventListener('peer:connect', (evt) => { if (!config.quiet) out({ event: 'connected', peer: evt.detail.toString() }) })
node.addEventListener('peer:disconnect', (evt) => { if (!config.quiet) out({ event: 'disconnected', peer: evt.detail.toString() }) })
pubsub.addEventListener('subscription-change', (evt) => {
  if (config.quiet) return
  for (const s of evt.detail.subscriptions) {
    out({ event: 'subscription', peer: evt.detail.peerId.toString(), topic: s.topic, subscribe: s.subscribe })
  }
})

for (const t of config.topics ?? []) pubsub.subscribe(t)

const target = (s) => s.startsWith('/') ? multiaddr(s) : peerIdFromString(s)

const commands = {
  async dial ({ addr }) { const c = await node.dial(multiaddr(addr)); return { peer: c.remotePeer.toString() } },
  async ping ({ target: t }) { return { rttMs: await node.services.ping.ping(target(t)) } },
  async subscribe ({ topic }) { pubsub.subscribe(topic); return {} },
  async unsubscribe ({ topic }) { pubsub.unsubscribe(topic); return {} },
  async publish ({ topic, dataHex, stampMicros }) {
    const data = Buffer.from(dataHex ?? '', 'hex')
    if (stampMicros) data.writeBigUInt64BE(BigInt(nowMicros()), 0)
    const r = await pubsub.publish(topic, data)
    return { recipients: r.recipients.map(String) }
  },
  async peers () { return { peers: node.getPeers().map(String) } },
  async meshPeers ({ topic }) { return { peers: pubsub.getMeshPeers(topic).map(String) } },
  async topicPeers ({ topic }) { return { peers: pubsub.getSubscribers(topic).map(String) } },
  async protocols ({ peer }) {
    const p = await node.peerStore.get(peerIdFromString(peer))
    return { protocols: p.protocols, agent: new TextDecoder().decode(p.metadata.get('AgentVersion') ?? new Uint8Array()), addrs: p.addresses.map(a => a.multiaddr.toString()) }
  },
  async score ({ peer }) { return { score: pubsub.getScore(peer) } },
  async hangUp ({ peer }) { await node.hangUp(peerIdFromString(peer)); return {} },
  async stats () { const u = process.cpuUsage(); return { rss: process.memoryUsage().rss, cpuMicros: u.user + u.system } },
  async stop () { await node.stop(); setTimeout(() => process.exit(0), 50); return {} }
}

const rl = createInterface({ input: process.stdin })
rl.on('line', async (line) => {
  if (!line.trim()) return
  let cmd
  try { cmd = JSON.parse(line) } catch (e) { out({ event: 'error', error: 'bad json: ' + line }); return }
  const fn = commands[cmd.cmd]
  if (!fn) { out({ event: 'reply', id: cmd.id, ok: false, error: 'unknown command ' + cmd.cmd }); return }
  try {
    out({ event: 'reply', id: cmd.id, ok: true, result: await fn(cmd) })
  } catch (e) {
    out({ event: 'reply', id: cmd.id, ok: false, error: String(e?.stack ?? e) })
  }
})
rl.on('close', async () => { await node.stop().catch(() => {}); process.exit(0) })
process.on('SIGTERM', async () => { await node.stop().catch(() => {}); process.exit(0) })

out({ event: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(String) })
