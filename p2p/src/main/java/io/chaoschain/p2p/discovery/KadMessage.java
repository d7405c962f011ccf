package io.chaoschain.p2p.discovery;

import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.internal.ProtoReader;
import io.chaoschain.p2p.internal.ProtoWriter;
import java.util.ArrayList;
import java.util.List;

/** The kad-dht Message protobuf, restricted to what FIND_NODE and PING use (type=1, key=2, closerPeers=8). */
record KadMessage(int type, byte[] key, List<KadPeer> closerPeers) {
    static final int FIND_NODE = 4;
    static final int PING = 5;
    static final int MAX_PEERS = 40;

    record KadPeer(PeerId id, List<Multiaddr> addrs) {}

    byte[] encode() {
        ProtoWriter w = new ProtoWriter().varint(1, type);
        if (key != null) {
            w.bytes(2, key);
        }
        for (KadPeer p : closerPeers) {
            ProtoWriter pw = new ProtoWriter().bytes(1, p.id().bytes());
            p.addrs().forEach(a -> pw.bytes(2, a.bytes()));
            pw.varint(3, 0);
            w.message(8, pw);
        }
        return w.toByteArray();
    }

    static KadMessage decode(byte[] bytes) {
        ProtoReader r = new ProtoReader(bytes);
        int type = -1;
        byte[] key = null;
        List<KadPeer> peers = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> type = (int) r.varint();
                case 2 -> key = r.bytes();
                case 8 -> {
                    if (peers.size() >= MAX_PEERS) {
                        throw new MalformedMessageException("kad message lists more than " + MAX_PEERS + " peers");
                    }
                    ProtoReader pr = r.message();
                    PeerId id = null;
                    List<Multiaddr> addrs = new ArrayList<>();
                    while (pr.next()) {
                        switch (pr.field()) {
                            case 1 -> id = PeerId.fromBytes(pr.bytes());
                            case 2 -> {
                                byte[] a = pr.bytes();
                                if (addrs.size() < 16) {
                                    try {
                                        addrs.add(Multiaddr.fromBytes(a));
                                    } catch (MalformedMessageException ignored) {
                                        // unknown transport
                                    }
                                }
                            }
                            default -> pr.skip();
                        }
                    }
                    if (id != null) {
                        peers.add(new KadPeer(id, List.copyOf(addrs)));
                    }
                }
                default -> r.skip();
            }
        }
        return new KadMessage(type, key, List.copyOf(peers));
    }
}
