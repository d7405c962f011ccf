package io.chaoschain.p2p.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.crypto.KeyType;
import io.chaoschain.p2p.crypto.PrivateKey;
import io.chaoschain.p2p.crypto.PublicKey;
import io.chaoschain.p2p.internal.IdentifyMessage;
import io.chaoschain.p2p.internal.LengthPrefixed;
import io.chaoschain.p2p.internal.Multistream;
import io.chaoschain.p2p.internal.Varint;
import io.chaoschain.p2p.protocol.SignedEnvelope;
import io.chaoschain.p2p.pubsub.MessageId;
import io.chaoschain.p2p.pubsub.PubsubMessage;
import io.chaoschain.p2p.pubsub.internal.Rpc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Decoders fed arbitrary bytes must either decode or fail with {@link MalformedMessageException} (or an IOException
 * for stream protocols) - never another exception, never an allocation sized by an untrusted length.
 */
class DecoderFuzzTest {

    private static void decodesOrRejects(byte[] input, Consumer<byte[]> decoder) {
        try {
            decoder.accept(input);
        } catch (MalformedMessageException expected) {
            // rejected cleanly
        }
    }

    @Property(tries = 400)
    void protobufDecodersShouldNeverThrowAnythingButMalformedMessage(@ForAll @Size(max = 300) byte[] input) {
        decodesOrRejects(input, Rpc::decode);
        decodesOrRejects(input, IdentifyMessage::decode);
        decodesOrRejects(input, PublicKey::unmarshal);
        decodesOrRejects(input, PrivateKey::unmarshal);
        decodesOrRejects(input, Multiaddr::fromBytes);
        decodesOrRejects(input, PeerId::fromBytes);
        decodesOrRejects(input, SignedEnvelope::decode);
    }

    @Property(tries = 300)
    void mutatedValidRpcsShouldDecodeOrBeRejected(
            @ForAll("rpcs") Rpc rpc, @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll byte flip) {
        byte[] bytes = rpc.encode();
        if (bytes.length > 0) {
            bytes[position % bytes.length] ^= (byte) (flip | 1);
        }
        decodesOrRejects(bytes, Rpc::decode);
    }

    @Property(tries = 200)
    void rpcsShouldSurviveAnEncodeDecodeRoundTrip(@ForAll("rpcs") Rpc rpc) {
        Rpc back = Rpc.decode(rpc.encode());
        assertThat(back.subscriptions()).isEqualTo(rpc.subscriptions());
        assertThat(back.publish()).isEqualTo(rpc.publish());
        assertThat(back.encode()).isEqualTo(rpc.encode());
    }

    @Provide
    Arbitrary<Rpc> rpcs() {
        Arbitrary<String> topics = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12);
        Arbitrary<Rpc.SubOpts> subs =
                Combinators.combine(Arbitraries.of(true, false), topics).as(Rpc.SubOpts::new);
        Arbitrary<byte[]> blobs = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<PubsubMessage> msgs = Combinators.combine(blobs, blobs, blobs, topics, blobs)
                .as((f, d, s, t, sig) -> new PubsubMessage(f, d, s, t, sig, null));
        Arbitrary<Rpc.Control> control = Combinators.combine(
                        topics.map(t -> new Rpc.IHave(t, List.of(new MessageId(t.getBytes()))))
                                .list()
                                .ofMaxSize(3),
                        blobs.map(b -> new Rpc.IWant(List.of(new MessageId(b))))
                                .list()
                                .ofMaxSize(3),
                        topics.map(Rpc.Graft::new).list().ofMaxSize(3),
                        topics.map(t -> new Rpc.Prune(t, List.of(), 60)).list().ofMaxSize(3))
                .as(Rpc.Control::new);
        return Combinators.combine(subs.list().ofMaxSize(4), msgs.list().ofMaxSize(4), control.injectNull(0.3))
                .as(Rpc::new);
    }

    @Property(tries = 200)
    void multiaddrsShouldRoundTripThroughTextAndBinary(
            @ForAll @IntRange(min = 0, max = 255) int a,
            @ForAll @IntRange(min = 0, max = 255) int b,
            @ForAll @IntRange(min = 0, max = 65535) int port) {
        Multiaddr m = Multiaddr.parse("/ip4/10." + a + "." + b + ".1/tcp/" + port);
        assertThat(Multiaddr.fromBytes(m.bytes())).isEqualTo(m);
        assertThat(Multiaddr.parse(m.toString())).isEqualTo(m);
    }

    @Property(tries = 300)
    void varintsShouldRoundTripAndRejectNonMinimalEncodings(
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int value) {
        byte[] enc = Varint.encode(value);
        assertThat(Varint.decode(enc, 0, enc.length).value()).isEqualTo(value);
        byte[] padded = new byte[enc.length + 1];
        System.arraycopy(enc, 0, padded, 0, enc.length);
        padded[enc.length - 1] |= (byte) 0x80;
        assertThatThrownBy(() -> Varint.decode(padded, 0, padded.length)).isInstanceOf(MalformedMessageException.class);
    }

    @Property(tries = 200)
    void declaredLengthsAboveTheLimitShouldBeRejectedBeforeReadingTheBody(
            @ForAll @IntRange(min = 1025, max = Integer.MAX_VALUE) int declared) {
        byte[] prefix = Varint.encode(declared);
        CountingInput in = new CountingInput(prefix);
        assertThatThrownBy(() -> LengthPrefixed.read(in, 1024)).isInstanceOf(MalformedMessageException.class);
        assertThat(in.reads).isEqualTo(prefix.length);
    }

    @Property(tries = 300)
    void nestedLengthsBeyondTheBufferShouldBeRejectedWithoutAllocatingThem(
            @ForAll @IntRange(min = 1, max = 15) int field,
            @ForAll @IntRange(min = 64, max = Integer.MAX_VALUE) int declared,
            @ForAll @Size(max = 32) byte[] tail) {
        // a length-delimited field claiming up to 2 GiB inside a message of a few dozen bytes: every protobuf decoder
        // must check the claim against the bytes actually present; allocating it would fail with OutOfMemoryError (an
        // Error, which decodesOrRejects does not catch), so passing this property means nothing was allocated
        byte[] tag = Varint.encode(field << 3 | 2);
        byte[] len = Varint.encode(declared);
        byte[] input = new byte[tag.length + len.length + tail.length];
        System.arraycopy(tag, 0, input, 0, tag.length);
        System.arraycopy(len, 0, input, tag.length, len.length);
        System.arraycopy(tail, 0, input, tag.length + len.length, tail.length);
        Map<String, Consumer<byte[]>> decoders = Map.of(
                "Rpc",
                Rpc::decode,
                "IdentifyMessage",
                IdentifyMessage::decode,
                "PublicKey",
                PublicKey::unmarshal,
                "PrivateKey",
                PrivateKey::unmarshal,
                "SignedEnvelope",
                SignedEnvelope::decode);
        List<String> accepted = new java.util.ArrayList<>();
        decoders.forEach((name, decoder) -> {
            try {
                decoder.accept(input);
                accepted.add(name);
            } catch (MalformedMessageException expected) {
                // rejected
            }
        });
        assertThat(accepted)
                .as("decoders that accepted a length beyond the buffer")
                .isEmpty();
    }

    @Property(tries = 300)
    void multistreamShouldFailCleanlyOnGarbage(@ForAll @Size(max = 200) byte[] input) {
        try {
            Multistream.handle(new ByteArrayInputStream(input), new ByteArrayOutputStream(), p -> true, Set.of("/x"));
        } catch (IOException | MalformedMessageException expected) {
            // rejected cleanly
        }
    }

    @Property(tries = 50)
    void peerIdsShouldRoundTripForGeneratedKeys(@ForAll boolean secp) {
        PeerId id = PeerId.fromPublicKey(
                PrivateKey.generate(secp ? KeyType.SECP256K1 : KeyType.ED25519).publicKey());
        assertThat(PeerId.parse(id.toString())).isEqualTo(id);
    }

    /** Counts bytes handed out, and would hand out an endless body if a decoder tried to read one. */
    static final class CountingInput extends InputStream {
        private final byte[] prefix;
        int reads;

        CountingInput(byte[] prefix) {
            this.prefix = prefix;
        }

        @Override
        public int read() {
            return reads < prefix.length ? prefix[reads++] & 0xFF : (reads++ & 0x7F);
        }
    }
}
