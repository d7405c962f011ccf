package io.chaoschain.p2p.pubsub.internal;

import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.internal.ProtoReader;
import io.chaoschain.p2p.internal.ProtoWriter;
import io.chaoschain.p2p.pubsub.MessageId;
import io.chaoschain.p2p.pubsub.PubsubMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The pubsub RPC envelope with gossipsub control messages (pubsub spec and gossipsub v1.0/v1.1 protobufs). Decoding
 * caps every repeated field so that one RPC cannot make the router do unbounded work.
 */
public record Rpc(List<SubOpts> subscriptions, List<PubsubMessage> publish, Control control) {
    public static final int MAX_SUBSCRIPTIONS = 200;
    public static final int MAX_MESSAGES = 500;
    public static final int MAX_CONTROL_ENTRIES = 5000;

    public Rpc {
        subscriptions = List.copyOf(subscriptions);
        publish = List.copyOf(publish);
    }

    public static Rpc ofMessages(List<PubsubMessage> msgs) {
        return new Rpc(List.of(), msgs, null);
    }

    public static Rpc ofSubscriptions(List<SubOpts> subs) {
        return new Rpc(subs, List.of(), null);
    }

    public static Rpc ofControl(Control c) {
        return new Rpc(List.of(), List.of(), c);
    }

    public boolean isEmpty() {
        return subscriptions.isEmpty() && publish.isEmpty() && (control == null || control.isEmpty());
    }

    public record SubOpts(boolean subscribe, String topic) {}

    public record IHave(String topic, List<MessageId> messageIds) {}

    public record IWant(List<MessageId> messageIds) {}

    public record Graft(String topic) {}

    /** PRUNE with optional peer exchange: peer IDs (bytes) and the backoff in seconds (0 = unspecified). */
    public record Prune(String topic, List<byte[]> peers, long backoffSeconds) {}

    public record Control(List<IHave> ihave, List<IWant> iwant, List<Graft> graft, List<Prune> prune) {
        public Control {
            ihave = List.copyOf(ihave);
            iwant = List.copyOf(iwant);
            graft = List.copyOf(graft);
            prune = List.copyOf(prune);
        }

        public static Control empty() {
            return new Control(List.of(), List.of(), List.of(), List.of());
        }

        public boolean isEmpty() {
            return ihave.isEmpty() && iwant.isEmpty() && graft.isEmpty() && prune.isEmpty();
        }
    }

    public byte[] encode() {
        ProtoWriter w = new ProtoWriter();
        for (SubOpts s : subscriptions) {
            w.message(1, new ProtoWriter().bool(1, s.subscribe()).string(2, s.topic()));
        }
        for (PubsubMessage m : publish) {
            w.bytes(2, m.encode());
        }
        if (control != null && !control.isEmpty()) {
            ProtoWriter c = new ProtoWriter();
            for (IHave ih : control.ihave()) {
                ProtoWriter x = new ProtoWriter().string(1, ih.topic());
                ih.messageIds().forEach(id -> x.bytes(2, id.bytes()));
                c.message(1, x);
            }
            for (IWant iw : control.iwant()) {
                ProtoWriter x = new ProtoWriter();
                iw.messageIds().forEach(id -> x.bytes(1, id.bytes()));
                c.message(2, x);
            }
            for (Graft g : control.graft()) {
                c.message(3, new ProtoWriter().string(1, g.topic()));
            }
            for (Prune p : control.prune()) {
                ProtoWriter x = new ProtoWriter().string(1, p.topic());
                for (byte[] peer : p.peers()) {
                    x.message(2, new ProtoWriter().bytes(1, peer));
                }
                if (p.backoffSeconds() > 0) {
                    x.varint(3, p.backoffSeconds());
                }
                c.message(4, x);
            }
            w.message(3, c);
        }
        return w.toByteArray();
    }

    public static Rpc decode(byte[] bytes) {
        ProtoReader r = new ProtoReader(bytes);
        List<SubOpts> subs = new ArrayList<>();
        List<PubsubMessage> msgs = new ArrayList<>();
        Control control = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    ProtoReader s = r.message();
                    boolean subscribe = false;
                    String topic = null;
                    while (s.next()) {
                        switch (s.field()) {
                            case 1 -> subscribe = s.bool();
                            case 2 -> topic = s.string();
                            default -> s.skip();
                        }
                    }
                    if (topic != null) {
                        limit(subs.size(), MAX_SUBSCRIPTIONS, "subscriptions");
                        subs.add(new SubOpts(subscribe, topic));
                    }
                }
                case 2 -> {
                    limit(msgs.size(), MAX_MESSAGES, "messages");
                    msgs.add(PubsubMessage.decode(r.message()));
                }
                case 3 -> control = decodeControl(r.message());
                default -> r.skip();
            }
        }
        return new Rpc(subs, msgs, control);
    }

    private static Control decodeControl(ProtoReader r) {
        List<IHave> ihave = new ArrayList<>();
        List<IWant> iwant = new ArrayList<>();
        List<Graft> graft = new ArrayList<>();
        List<Prune> prune = new ArrayList<>();
        int entries = 0;
        while (r.next()) {
            limit(entries++, MAX_CONTROL_ENTRIES, "control entries");
            switch (r.field()) {
                case 1 -> {
                    ProtoReader x = r.message();
                    String topic = null;
                    List<MessageId> ids = new ArrayList<>();
                    while (x.next()) {
                        switch (x.field()) {
                            case 1 -> topic = x.string();
                            case 2 -> {
                                limit(ids.size(), MAX_CONTROL_ENTRIES, "ihave ids");
                                ids.add(new MessageId(x.bytes()));
                            }
                            default -> x.skip();
                        }
                    }
                    ihave.add(new IHave(topic == null ? "" : topic, ids));
                }
                case 2 -> {
                    ProtoReader x = r.message();
                    List<MessageId> ids = new ArrayList<>();
                    while (x.next()) {
                        if (x.field() == 1) {
                            limit(ids.size(), MAX_CONTROL_ENTRIES, "iwant ids");
                            ids.add(new MessageId(x.bytes()));
                        } else {
                            x.skip();
                        }
                    }
                    iwant.add(new IWant(ids));
                }
                case 3 -> {
                    ProtoReader x = r.message();
                    String topic = null;
                    while (x.next()) {
                        if (x.field() == 1) {
                            topic = x.string();
                        } else {
                            x.skip();
                        }
                    }
                    if (topic != null) {
                        graft.add(new Graft(topic));
                    }
                }
                case 4 -> {
                    ProtoReader x = r.message();
                    String topic = null;
                    List<byte[]> peers = new ArrayList<>();
                    long backoff = 0;
                    while (x.next()) {
                        switch (x.field()) {
                            case 1 -> topic = x.string();
                            case 2 -> {
                                ProtoReader pi = x.message();
                                while (pi.next()) {
                                    if (pi.field() == 1 && peers.size() < 100) {
                                        peers.add(pi.bytes());
                                    } else {
                                        pi.skip();
                                    }
                                }
                            }
                            case 3 -> backoff = x.varint();
                            default -> x.skip();
                        }
                    }
                    if (topic != null) {
                        prune.add(new Prune(topic, peers, backoff));
                    }
                }
                default -> r.skip(); // IDONTWANT (v1.2) and extensions are not used by /meshsub/1.1.0
            }
        }
        return new Control(ihave, iwant, graft, prune);
    }

    private static void limit(int count, int max, String what) {
        if (count >= max) {
            throw new MalformedMessageException("pubsub RPC carries more than " + max + " " + what);
        }
    }
}
