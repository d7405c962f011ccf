package io.chaoschain.p2p.internal.noise;

import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.crypto.PrivateKey;
import io.chaoschain.p2p.crypto.PublicKey;
import io.chaoschain.p2p.internal.ProtoReader;
import io.chaoschain.p2p.internal.ProtoWriter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The libp2p Noise handshake (libp2p noise spec): pattern XX over X25519/ChaChaPoly/SHA256, messages framed with a
 * 2-byte big-endian length, and a NoiseHandshakePayload carrying the libp2p identity key and its signature over
 * {@code "noise-libp2p-static-key:" || static DH public key}. The initiator's first message has an empty payload; the
 * responder's payload goes in message 2 and the initiator's in message 3.
 */
public final class NoiseHandshake {
    public static final String PROTOCOL_ID = "/noise";
    static final byte[] SIGNATURE_PREFIX = "noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HANDSHAKE_MESSAGE = 65535;
    private static final SecureRandom RANDOM = new SecureRandom();

    private NoiseHandshake() {}

    /** Outcome of a completed handshake. */
    public record Result(NoiseSession session, PeerId remotePeer, PublicKey remoteKey, List<String> remoteMuxers) {}

    /** Signals that the peer failed authentication (bad signature, wrong peer ID, forged frame). */
    public static final class HandshakeException extends IOException {
        public HandshakeException(String message) {
            super(message);
        }
    }

    private static final class KeyPair {
        final byte[] priv = new byte[32];
        final byte[] pub = new byte[32];

        KeyPair() {
            X25519.generatePrivateKey(RANDOM, priv);
            X25519.generatePublicKey(priv, 0, pub, 0);
        }
    }

    private static byte[] dh(byte[] priv, byte[] pub) throws HandshakeException {
        byte[] out = new byte[32];
        if (!X25519.calculateAgreement(priv, 0, pub, 0, out, 0)) {
            throw new HandshakeException("noise: degenerate X25519 public key");
        }
        return out;
    }

    /** Runs the handshake as initiator; {@code expectedPeer} (nullable) is checked against the responder's identity. */
    public static Result initiate(
            InputStream in, OutputStream out, PrivateKey identity, PeerId expectedPeer, List<String> muxers)
            throws IOException {
        SymmetricState ss = new SymmetricState();
        ss.mixHash(new byte[0]); // empty prologue
        KeyPair s = new KeyPair();
        KeyPair e = new KeyPair();

        // -> e
        ss.mixHash(e.pub);
        byte[] p1 = ss.encryptAndHash(new byte[0]);
        writeFrame(out, concat(e.pub, p1));

        // <- e, ee, s, es
        byte[] m2 = readFrame(in);
        if (m2.length < 32 + 48 + 16) {
            throw new HandshakeException("noise: handshake message 2 too short");
        }
        byte[] re = Arrays.copyOfRange(m2, 0, 32);
        ss.mixHash(re);
        ss.mixKey(dh(e.priv, re));
        byte[] rs = decrypt(ss, Arrays.copyOfRange(m2, 32, 80));
        ss.mixKey(dh(e.priv, rs));
        byte[] payload2 = decrypt(ss, Arrays.copyOfRange(m2, 80, m2.length));
        Verified remote = verifyPayload(payload2, rs, expectedPeer);

        // -> s, se
        byte[] encS = ss.encryptAndHash(s.pub);
        ss.mixKey(dh(s.priv, re));
        byte[] p3 = ss.encryptAndHash(payload(identity, s.pub, muxers));
        writeFrame(out, concat(encS, p3));
        out.flush();

        CipherState[] cs = ss.split();
        return new Result(new NoiseSession(in, out, cs[0], cs[1]), remote.peer, remote.key, remote.muxers);
    }

    /** Runs the handshake as responder. */
    public static Result respond(InputStream in, OutputStream out, PrivateKey identity, List<String> muxers)
            throws IOException {
        SymmetricState ss = new SymmetricState();
        ss.mixHash(new byte[0]);
        KeyPair s = new KeyPair();
        KeyPair e = new KeyPair();

        // -> e
        byte[] m1 = readFrame(in);
        if (m1.length < 32) {
            throw new HandshakeException("noise: handshake message 1 too short");
        }
        byte[] re = Arrays.copyOfRange(m1, 0, 32);
        ss.mixHash(re);
        decrypt(ss, Arrays.copyOfRange(m1, 32, m1.length));

        // <- e, ee, s, es
        ss.mixHash(e.pub);
        ss.mixKey(dh(e.priv, re));
        byte[] encS = ss.encryptAndHash(s.pub);
        ss.mixKey(dh(s.priv, re));
        byte[] p2 = ss.encryptAndHash(payload(identity, s.pub, muxers));
        writeFrame(out, concat(e.pub, encS, p2));
        out.flush();

        // -> s, se
        byte[] m3 = readFrame(in);
        if (m3.length < 48 + 16) {
            throw new HandshakeException("noise: handshake message 3 too short");
        }
        byte[] rs = decrypt(ss, Arrays.copyOfRange(m3, 0, 48));
        ss.mixKey(dh(e.priv, rs));
        byte[] payload3 = decrypt(ss, Arrays.copyOfRange(m3, 48, m3.length));
        Verified remote = verifyPayload(payload3, rs, null);

        CipherState[] cs = ss.split();
        return new Result(new NoiseSession(in, out, cs[1], cs[0]), remote.peer, remote.key, remote.muxers);
    }

    private static byte[] decrypt(SymmetricState ss, byte[] c) throws HandshakeException {
        try {
            return ss.decryptAndHash(c);
        } catch (AEADBadTagException ex) {
            throw new HandshakeException("noise: handshake message failed authentication");
        }
    }

    static byte[] payload(PrivateKey identity, byte[] staticPub, List<String> muxers) {
        ProtoWriter w = new ProtoWriter()
                .bytes(1, identity.publicKey().marshal())
                .bytes(2, identity.sign(concat(SIGNATURE_PREFIX, staticPub)));
        if (!muxers.isEmpty()) {
            ProtoWriter ext = new ProtoWriter();
            muxers.forEach(m -> ext.string(2, m));
            w.message(4, ext);
        }
        return w.toByteArray();
    }

    private record Verified(PeerId peer, PublicKey key, List<String> muxers) {}

    private static Verified verifyPayload(byte[] payload, byte[] remoteStatic, PeerId expected)
            throws HandshakeException {
        byte[] keyBytes = null;
        byte[] sig = null;
        List<String> muxers = new java.util.ArrayList<>();
        try {
            ProtoReader r = new ProtoReader(payload);
            while (r.next()) {
                switch (r.field()) {
                    case 1 -> keyBytes = r.bytes();
                    case 2 -> sig = r.bytes();
                    case 4 -> {
                        ProtoReader ext = r.message();
                        while (ext.next()) {
                            if (ext.field() == 2) {
                                muxers.add(ext.string());
                            } else {
                                ext.skip();
                            }
                        }
                    }
                    default -> r.skip();
                }
            }
            if (keyBytes == null || sig == null) {
                throw new HandshakeException("noise: handshake payload lacks identity key or signature");
            }
            PublicKey key = PublicKey.unmarshal(keyBytes);
            if (!key.verify(concat(SIGNATURE_PREFIX, remoteStatic), sig)) {
                throw new HandshakeException("noise: invalid identity signature over the static key");
            }
            PeerId peer = PeerId.fromPublicKey(key);
            if (expected != null && !expected.equals(peer)) {
                throw new HandshakeException("noise: remote peer is " + peer + ", expected " + expected);
            }
            return new Verified(peer, key, List.copyOf(muxers));
        } catch (MalformedMessageException ex) {
            throw new HandshakeException("noise: malformed handshake payload: " + ex.getMessage());
        }
    }

    static void writeFrame(OutputStream out, byte[] msg) throws IOException {
        if (msg.length > MAX_HANDSHAKE_MESSAGE) {
            throw new IOException("noise message too long");
        }
        out.write(new byte[] {(byte) (msg.length >> 8), (byte) msg.length});
        out.write(msg);
        out.flush();
    }

    static byte[] readFrame(InputStream in) throws IOException {
        DataInputStream din = new DataInputStream(in);
        int len = din.readUnsignedShort();
        byte[] msg = new byte[len];
        din.readFully(msg);
        return msg;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
