package io.chaoschain.p2p;

import io.chaoschain.p2p.crypto.PublicKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What this node knows about other peers: addresses, supported protocols, public keys and agent versions. */
public final class Peerstore {
    private static final int MAX_ADDRS_PER_PEER = 16;
    private final Map<PeerId, Set<Multiaddr>> addrs = new ConcurrentHashMap<>();
    private final Map<PeerId, Set<String>> protocols = new ConcurrentHashMap<>();
    private final Map<PeerId, PublicKey> keys = new ConcurrentHashMap<>();
    private final Map<PeerId, String> agents = new ConcurrentHashMap<>();

    /** Records dialable addresses (without the /p2p suffix), keeping at most 16 per peer. */
    public void addAddrs(PeerId peer, List<Multiaddr> list) {
        Set<Multiaddr> set = addrs.computeIfAbsent(peer, p -> new LinkedHashSet<>());
        synchronized (set) {
            for (Multiaddr a : list) {
                if (set.size() >= MAX_ADDRS_PER_PEER) {
                    break;
                }
                set.add(a.withoutPeerId());
            }
        }
    }

    public List<Multiaddr> addrs(PeerId peer) {
        Set<Multiaddr> set = addrs.get(peer);
        if (set == null) {
            return List.of();
        }
        synchronized (set) {
            return List.copyOf(set);
        }
    }

    public void setProtocols(PeerId peer, List<String> list) {
        protocols.put(peer, Set.copyOf(list));
    }

    public Set<String> protocols(PeerId peer) {
        return protocols.getOrDefault(peer, Set.of());
    }

    public boolean supports(PeerId peer, String protocol) {
        return protocols(peer).contains(protocol);
    }

    public void setPublicKey(PeerId peer, PublicKey key) {
        if (!peer.matches(key)) {
            throw new IllegalArgumentException("public key does not belong to " + peer);
        }
        keys.put(peer, key);
    }

    public Optional<PublicKey> publicKey(PeerId peer) {
        PublicKey k = keys.get(peer);
        return k != null ? Optional.of(k) : peer.publicKey();
    }

    public void setAgentVersion(PeerId peer, String agent) {
        agents.put(peer, agent);
    }

    public Optional<String> agentVersion(PeerId peer) {
        return Optional.ofNullable(agents.get(peer));
    }

    public Set<PeerId> peers() {
        return Set.copyOf(addrs.keySet());
    }

    /** Drops everything known about a peer (used when pruning peers that are no longer useful). */
    public void remove(PeerId peer) {
        addrs.remove(peer);
        protocols.remove(peer);
        keys.remove(peer);
        agents.remove(peer);
    }
}
