package io.chaoschain.p2p.internal;

import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.Multiaddr;
import java.util.ArrayList;
import java.util.List;

/**
 * The identify protobuf (libp2p identify spec): protocolVersion=5, agentVersion=6, publicKey=1, listenAddrs=2,
 * observedAddr=4, protocols=3, signedPeerRecord=8 (not produced; ignored on receipt). Unparseable addresses are dropped
 * rather than failing the whole message, since peers may list transports this node does not know.
 */
public record IdentifyMessage(
        String protocolVersion,
        String agentVersion,
        byte[] publicKey,
        List<Multiaddr> listenAddrs,
        Multiaddr observedAddr,
        List<String> protocols) {
    public static final String PROTOCOL_ID = "/ipfs/id/1.0.0";
    public static final String PUSH_PROTOCOL_ID = "/ipfs/id/push/1.0.0";
    public static final int MAX_SIZE = 64 * 1024;
    private static final int MAX_ENTRIES = 512;

    public byte[] encode() {
        ProtoWriter w = new ProtoWriter();
        w.optionalString(5, protocolVersion);
        w.optionalString(6, agentVersion);
        w.optionalBytes(1, publicKey);
        listenAddrs.forEach(a -> w.bytes(2, a.bytes()));
        if (observedAddr != null) {
            w.bytes(4, observedAddr.bytes());
        }
        protocols.forEach(p -> w.string(3, p));
        return w.toByteArray();
    }

    public static IdentifyMessage decode(byte[] bytes) {
        ProtoReader r = new ProtoReader(bytes);
        String protocolVersion = null;
        String agent = null;
        byte[] key = null;
        List<Multiaddr> addrs = new ArrayList<>();
        Multiaddr observed = null;
        List<String> protocols = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 5 -> protocolVersion = r.string();
                case 6 -> agent = r.string();
                case 1 -> key = r.bytes();
                case 2 -> {
                    byte[] a = r.bytes();
                    if (addrs.size() < MAX_ENTRIES) {
                        try {
                            addrs.add(Multiaddr.fromBytes(a));
                        } catch (MalformedMessageException ignored) {
                            // a transport we do not speak (quic, webrtc...)
                        }
                    }
                }
                case 4 -> {
                    byte[] a = r.bytes(); // a truncated field is a malformed message, not an unknown address
                    try {
                        observed = Multiaddr.fromBytes(a);
                    } catch (MalformedMessageException ignored) {
                        // informational only
                    }
                }
                case 3 -> {
                    String p = r.string();
                    if (protocols.size() < MAX_ENTRIES) {
                        protocols.add(p);
                    }
                }
                default -> r.skip();
            }
        }
        return new IdentifyMessage(protocolVersion, agent, key, List.copyOf(addrs), observed, List.copyOf(protocols));
    }
}
