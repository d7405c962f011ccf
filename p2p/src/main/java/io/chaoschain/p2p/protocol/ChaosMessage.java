package io.chaoschain.p2p.protocol;

import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.internal.ProtoReader;
import io.chaoschain.p2p.internal.ProtoWriter;

/**
 * A ChaosChain gossip payload. Each kind travels on its own topic inside a {@link SignedEnvelope}; protobuf field
 * numbers are part of the wire format (version 1) and must never be reused.
 */
public sealed interface ChaosMessage
        permits ChaosMessage.Insight, ChaosMessage.ProposalAnnouncement, ChaosMessage.ProposalAck {
    String INSIGHTS_TOPIC = "/chaoschain/insights/1";
    String PROPOSALS_TOPIC = "/chaoschain/proposals/1";
    String ACKS_TOPIC = "/chaoschain/acks/1";
    int MAX_TEXT = 4096;
    /** Most structured attributes one message may carry (keys up to 64 characters, values up to {@link #MAX_TEXT}). */
    int MAX_ATTRIBUTES = 32;

    String kind();

    String topic();

    byte[] encode();

    /**
     * An observation an agent made about a protocol on some chain (e.g. utilisation above the kink for 6 hours), with
     * optional structured evidence in {@code attributes} (field 6, e.g. the function changed, old/new values, the
     * simulation report hash) so a receiving agent can judge it without parsing the summary.
     */
    record Insight(
            long chainId,
            String target,
            String category,
            String summary,
            double severity,
            java.util.Map<String, String> attributes)
            implements ChaosMessage {
        public Insight(long chainId, String target, String category, String summary, double severity) {
            this(chainId, target, category, summary, severity, java.util.Map.of());
        }

        public Insight {
            attributes = checkAttributes(attributes);
            checkText("summary", summary);
            checkText("category", category);
            checkText("target", target);
            if (!(severity >= 0 && severity <= 1)) {
                throw new IllegalArgumentException("severity must be within [0, 1], got " + severity);
            }
        }

        @Override
        public String kind() {
            return "insight";
        }

        @Override
        public String topic() {
            return INSIGHTS_TOPIC;
        }

        @Override
        public byte[] encode() {
            ProtoWriter w = new ProtoWriter()
                    .varint(1, chainId)
                    .string(2, target)
                    .string(3, category)
                    .string(4, summary)
                    .varint(5, Math.round(severity * 1_000_000));
            writeAttributes(w, 6, attributes);
            return w.toByteArray();
        }

        static Insight decode(byte[] b) {
            ProtoReader r = new ProtoReader(b);
            long chain = 0;
            String target = "";
            String category = "";
            String summary = "";
            long severity = 0;
            java.util.Map<String, String> attributes = new java.util.TreeMap<>();
            while (r.next()) {
                switch (r.field()) {
                    case 1 -> chain = r.varint();
                    case 2 -> target = r.string();
                    case 3 -> category = r.string();
                    case 4 -> summary = r.string();
                    case 5 -> severity = r.varint();
                    case 6 -> readAttribute(r.message(), attributes);
                    default -> r.skip();
                }
            }
            return new Insight(chain, target, category, summary, severity / 1_000_000.0, attributes);
        }
    }

    /** A governance proposal an agent drafted and proved on a fork, announced to other nodes. */
    record ProposalAnnouncement(
            long chainId,
            String governor,
            String proposalId,
            String title,
            String descriptionHash,
            String simulationReportHash)
            implements ChaosMessage {
        public ProposalAnnouncement {
            checkText("governor", governor);
            checkText("proposalId", proposalId);
            checkText("title", title);
            checkText("descriptionHash", descriptionHash);
            checkText("simulationReportHash", simulationReportHash);
        }

        @Override
        public String kind() {
            return "proposal";
        }

        @Override
        public String topic() {
            return PROPOSALS_TOPIC;
        }

        @Override
        public byte[] encode() {
            return new ProtoWriter()
                    .varint(1, chainId)
                    .string(2, governor)
                    .string(3, proposalId)
                    .string(4, title)
                    .string(5, descriptionHash)
                    .string(6, simulationReportHash)
                    .toByteArray();
        }

        static ProposalAnnouncement decode(byte[] b) {
            ProtoReader r = new ProtoReader(b);
            long chain = 0;
            String[] s = {"", "", "", "", ""};
            while (r.next()) {
                if (r.field() == 1) {
                    chain = r.varint();
                } else if (r.field() >= 2 && r.field() <= 6) {
                    s[r.field() - 2] = r.string();
                } else {
                    r.skip();
                }
            }
            return new ProposalAnnouncement(chain, s[0], s[1], s[2], s[3], s[4]);
        }
    }

    /**
     * Another agent's verdict on an announced proposal or a shared insight (then {@code proposalId} is the insight's id),
     * with optional structured details in {@code attributes} (field 5), e.g. the acknowledging agent's own proposal.
     */
    record ProposalAck(
            long chainId, String proposalId, Verdict verdict, String reason, java.util.Map<String, String> attributes)
            implements ChaosMessage {
        public enum Verdict {
            SUPPORT,
            OPPOSE,
            ABSTAIN
        }

        public ProposalAck(long chainId, String proposalId, Verdict verdict, String reason) {
            this(chainId, proposalId, verdict, reason, java.util.Map.of());
        }

        public ProposalAck {
            attributes = checkAttributes(attributes);
            checkText("proposalId", proposalId);
            checkText("reason", reason);
            if (verdict == null) {
                throw new IllegalArgumentException("verdict is required");
            }
        }

        @Override
        public String kind() {
            return "ack";
        }

        @Override
        public String topic() {
            return ACKS_TOPIC;
        }

        @Override
        public byte[] encode() {
            ProtoWriter w = new ProtoWriter()
                    .varint(1, chainId)
                    .string(2, proposalId)
                    .varint(3, verdict.ordinal())
                    .string(4, reason);
            writeAttributes(w, 5, attributes);
            return w.toByteArray();
        }

        static ProposalAck decode(byte[] b) {
            ProtoReader r = new ProtoReader(b);
            long chain = 0;
            String id = "";
            long verdict = -1;
            String reason = "";
            java.util.Map<String, String> attributes = new java.util.TreeMap<>();
            while (r.next()) {
                switch (r.field()) {
                    case 1 -> chain = r.varint();
                    case 2 -> id = r.string();
                    case 3 -> verdict = r.varint();
                    case 4 -> reason = r.string();
                    case 5 -> readAttribute(r.message(), attributes);
                    default -> r.skip();
                }
            }
            if (verdict < 0 || verdict >= Verdict.values().length) {
                throw new MalformedMessageException("unknown ack verdict " + verdict);
            }
            return new ProposalAck(chain, id, Verdict.values()[(int) verdict], reason, attributes);
        }
    }

    static ChaosMessage decode(String kind, byte[] payload) {
        try {
            return switch (kind) {
                case "insight" -> Insight.decode(payload);
                case "proposal" -> ProposalAnnouncement.decode(payload);
                case "ack" -> ProposalAck.decode(payload);
                default -> throw new MalformedMessageException("unknown ChaosChain message kind '" + kind + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid " + kind + ": " + e.getMessage(), e);
        }
    }

    static String topicOf(String kind) {
        return switch (kind) {
            case "insight" -> INSIGHTS_TOPIC;
            case "proposal" -> PROPOSALS_TOPIC;
            case "ack" -> ACKS_TOPIC;
            default -> throw new MalformedMessageException("unknown ChaosChain message kind '" + kind + "'");
        };
    }

    /** Sorted, bounded copy; attributes are encoded in key order so the same message always encodes the same. */
    private static java.util.Map<String, String> checkAttributes(java.util.Map<String, String> attributes) {
        if (attributes == null) {
            return java.util.Map.of();
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("more than " + MAX_ATTRIBUTES + " attributes");
        }
        attributes.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.length() > 64) {
                throw new IllegalArgumentException("attribute keys must be 1-64 characters");
            }
            checkText("attribute " + k, v);
        });
        return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(attributes));
    }

    private static void writeAttributes(ProtoWriter w, int field, java.util.Map<String, String> attributes) {
        attributes.forEach(
                (k, v) -> w.message(field, new ProtoWriter().string(1, k).string(2, v)));
    }

    private static void readAttribute(ProtoReader r, java.util.Map<String, String> into) {
        String key = null;
        String value = "";
        while (r.next()) {
            switch (r.field()) {
                case 1 -> key = r.string();
                case 2 -> value = r.string();
                default -> r.skip();
            }
        }
        if (key == null || into.size() >= MAX_ATTRIBUTES) {
            throw new MalformedMessageException("attribute without a key, or more than " + MAX_ATTRIBUTES);
        }
        into.put(key, value);
    }

    private static void checkText(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + " longer than " + MAX_TEXT + " characters");
        }
    }
}
