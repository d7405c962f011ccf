package io.chaoschain.p2p.pubsub;

import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.crypto.PublicKey;
import io.chaoschain.p2p.internal.ProtoReader;
import io.chaoschain.p2p.internal.ProtoWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A pubsub message as on the wire (pubsub spec: from=1, data=2, seqno=3, topic=4, signature=5, key=6). Fields absent
 * on the wire are null, so a received message re-encodes to the bytes its publisher signed.
 */
public record PubsubMessage(byte[] from, byte[] data, byte[] seqno, String topic, byte[] signature, byte[] key) {
    /** Prefix of the signed bytes (pubsub spec, "Message Signing"). */
    public static final byte[] SIGN_PREFIX = "libp2p-pubsub:".getBytes(StandardCharsets.US_ASCII);

    public PubsubMessage {
        if (topic == null) {
            throw new MalformedMessageException("pubsub message without topic");
        }
    }

    /** The publisher, when {@code from} holds a valid peer ID. */
    public Optional<PeerId> publisher() {
        if (from == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PeerId.fromBytes(from));
        } catch (MalformedMessageException e) {
            return Optional.empty();
        }
    }

    /** The default message ID: from || seqno, as go- and js-libp2p compute it. */
    public MessageId defaultId() {
        byte[] f = from == null ? new byte[0] : from;
        byte[] s = seqno == null ? new byte[0] : seqno;
        byte[] id = Arrays.copyOf(f, f.length + s.length);
        System.arraycopy(s, 0, id, f.length, s.length);
        return new MessageId(id);
    }

    /** The bytes covered by the signature: the prefix and the message encoded without signature and key. */
    public byte[] signedBytes() {
        byte[] body = encode(false);
        byte[] out = Arrays.copyOf(SIGN_PREFIX, SIGN_PREFIX.length + body.length);
        System.arraycopy(body, 0, out, SIGN_PREFIX.length, body.length);
        return out;
    }

    /**
     * StrictSign verification: {@code from}, an 8-byte {@code seqno} and a signature by the key of {@code from} (inlined
     * in the peer ID, or carried in {@code key} and matching it) over {@link #signedBytes()} are all required.
     */
    public boolean verifyStrictSignature() {
        if (from == null || signature == null || seqno == null || seqno.length != 8) {
            return false;
        }
        try {
            PeerId publisher = PeerId.fromBytes(from);
            PublicKey pk;
            if (key != null) {
                pk = PublicKey.unmarshal(key);
                if (!publisher.matches(pk)) {
                    return false;
                }
            } else {
                pk = publisher.publicKey().orElse(null);
            }
            return pk != null && pk.verify(signedBytes(), signature);
        } catch (MalformedMessageException e) {
            return false;
        }
    }

    public PubsubMessage withSignature(byte[] sig, byte[] keyBytes) {
        return new PubsubMessage(from, data, seqno, topic, sig, keyBytes);
    }

    public byte[] encode() {
        return encode(true);
    }

    ProtoWriter writer(boolean withSignature) {
        ProtoWriter w = new ProtoWriter();
        w.optionalBytes(1, from);
        w.optionalBytes(2, data);
        w.optionalBytes(3, seqno);
        w.string(4, topic);
        if (withSignature) {
            w.optionalBytes(5, signature);
            w.optionalBytes(6, key);
        }
        return w;
    }

    private byte[] encode(boolean withSignature) {
        return writer(withSignature).toByteArray();
    }

    public static PubsubMessage decode(ProtoReader r) {
        byte[] from = null;
        byte[] data = null;
        byte[] seqno = null;
        String topic = null;
        byte[] sig = null;
        byte[] key = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> from = r.bytes();
                case 2 -> data = r.bytes();
                case 3 -> seqno = r.bytes();
                case 4 -> topic = r.string();
                case 5 -> sig = r.bytes();
                case 6 -> key = r.bytes();
                default -> r.skip();
            }
        }
        return new PubsubMessage(from, data, seqno, topic, sig, key);
    }

    public int size() {
        return (from == null ? 0 : from.length)
                + (data == null ? 0 : data.length)
                + (seqno == null ? 0 : seqno.length)
                + topic.length()
                + (signature == null ? 0 : signature.length)
                + (key == null ? 0 : key.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PubsubMessage m
                && Arrays.equals(from, m.from)
                && Arrays.equals(data, m.data)
                && Arrays.equals(seqno, m.seqno)
                && topic.equals(m.topic)
                && Arrays.equals(signature, m.signature)
                && Arrays.equals(key, m.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(from) * 31 + Arrays.hashCode(seqno) * 17 + topic.hashCode();
    }

    @Override
    public String toString() {
        return "PubsubMessage[topic=" + topic + ", from="
                + publisher().map(PeerId::toString).orElse("?") + ", " + (data == null ? 0 : data.length) + " bytes]";
    }
}
