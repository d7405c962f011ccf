package io.chaoschain.p2p;

import io.chaoschain.p2p.internal.Varint;
import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A multiaddr: a self-describing network address such as {@code /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW...}, with the
 * text and binary forms of the multiaddr spec for the protocols a TCP libp2p node needs.
 */
public final class Multiaddr {

    /** The multiaddr protocols this node understands, with their multicodec codes and value sizes. */
    public enum Protocol {
        IP4(4, "ip4", 32),
        TCP(6, "tcp", 16),
        DNS(53, "dns", -1),
        DNS4(54, "dns4", -1),
        DNS6(55, "dns6", -1),
        DNSADDR(56, "dnsaddr", -1),
        IP6(41, "ip6", 128),
        UDP(273, "udp", 16),
        P2P(421, "p2p", -1),
        QUIC_V1(0x01cc, "quic-v1", 0),
        WS(477, "ws", 0),
        WSS(478, "wss", 0);

        private final int code;
        private final String text;
        private final int bits;

        Protocol(int code, String text, int bits) {
            this.code = code;
            this.text = text;
            this.bits = bits;
        }

        public int code() {
            return code;
        }

        public String text() {
            return text;
        }

        static Protocol ofCode(long code) {
            for (Protocol p : values()) {
                if (p.code == code) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unsupported multiaddr protocol code " + code);
        }

        static Protocol ofText(String text) {
            if (text.equals("ipfs")) {
                return P2P;
            }
            for (Protocol p : values()) {
                if (p.text.equals(text)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unsupported multiaddr protocol '" + text + "'");
        }
    }

    /** One protocol with its binary value. */
    public record Component(Protocol protocol, byte[] value) {
        public Component {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Component c && c.protocol == protocol && Arrays.equals(c.value, value);
        }

        @Override
        public int hashCode() {
            return protocol.hashCode() * 31 + Arrays.hashCode(value);
        }

        public String valueText() {
            return switch (protocol) {
                case IP4, IP6 -> {
                    try {
                        String s = InetAddress.getByAddress(value).getHostAddress();
                        yield protocol == Protocol.IP6 ? compressIpv6(value) : s;
                    } catch (UnknownHostException e) {
                        throw new IllegalStateException(e);
                    }
                }
                case TCP, UDP -> Integer.toString(((value[0] & 0xFF) << 8) | (value[1] & 0xFF));
                case DNS, DNS4, DNS6, DNSADDR -> new String(value, StandardCharsets.UTF_8);
                case P2P -> PeerId.fromBytes(value).toBase58();
                case QUIC_V1, WS, WSS -> "";
            };
        }

        @Override
        public String toString() {
            String v = valueText();
            return "/" + protocol.text + (v.isEmpty() ? "" : "/" + v);
        }
    }

    private final List<Component> components;

    private Multiaddr(List<Component> components) {
        this.components = List.copyOf(components);
    }

    public static Multiaddr of(List<Component> components) {
        return new Multiaddr(components);
    }

    /** Parses the text form; throws IllegalArgumentException naming the bad part. */
    public static Multiaddr parse(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new IllegalArgumentException("multiaddr must start with '/', got '" + text + "'");
        }
        String[] parts = text.substring(1).split("/", -1);
        List<Component> out = new ArrayList<>();
        int i = 0;
        while (i < parts.length) {
            if (parts[i].isEmpty() && i == parts.length - 1) {
                break; // trailing slash
            }
            Protocol p = Protocol.ofText(parts[i++]);
            if (p.bits == 0) {
                out.add(new Component(p, new byte[0]));
                continue;
            }
            if (i >= parts.length || parts[i].isEmpty()) {
                throw new IllegalArgumentException("multiaddr '" + text + "': /" + p.text + " needs a value");
            }
            out.add(new Component(p, valueBytes(p, parts[i++])));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("multiaddr '" + text + "' is empty");
        }
        return new Multiaddr(out);
    }

    private static byte[] valueBytes(Protocol p, String v) {
        return switch (p) {
            case IP4 -> {
                if (!v.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                    throw new IllegalArgumentException("invalid ip4 address '" + v + "'");
                }
                byte[] b = new byte[4];
                String[] octets = v.split("\\.");
                for (int k = 0; k < 4; k++) {
                    int o = Integer.parseInt(octets[k]);
                    if (o > 255) {
                        throw new IllegalArgumentException("invalid ip4 address '" + v + "'");
                    }
                    b[k] = (byte) o;
                }
                yield b;
            }
            case IP6 -> {
                if (!v.contains(":") || !v.matches("[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException("invalid ip6 address '" + v + "'");
                }
                try {
                    InetAddress a = InetAddress.getByName(v); // literal only: the pattern above excludes host names
                    byte[] b = a.getAddress();
                    if (b.length == 4) { // IPv4-mapped literal collapses to 4 bytes
                        byte[] mapped = new byte[16];
                        mapped[10] = (byte) 0xFF;
                        mapped[11] = (byte) 0xFF;
                        System.arraycopy(b, 0, mapped, 12, 4);
                        b = mapped;
                    }
                    yield b;
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("invalid ip6 address '" + v + "'");
                }
            }
            case TCP, UDP -> {
                int port;
                try {
                    port = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid port '" + v + "'");
                }
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("port " + port + " out of range 0-65535");
                }
                yield new byte[] {(byte) (port >> 8), (byte) port};
            }
            case DNS, DNS4, DNS6, DNSADDR -> v.getBytes(StandardCharsets.UTF_8);
            case P2P -> PeerId.parse(v).bytes();
            case QUIC_V1, WS, WSS -> new byte[0];
        };
    }

    /** Decodes the binary form. */
    public static Multiaddr fromBytes(byte[] bytes) {
        List<Component> out = new ArrayList<>();
        int pos = 0;
        try {
            while (pos < bytes.length) {
                Varint.Decoded code = Varint.decode(bytes, pos, bytes.length);
                pos += code.length();
                Protocol p = Protocol.ofCode(code.value());
                int size;
                if (p.bits >= 0) {
                    size = p.bits / 8;
                } else {
                    Varint.Decoded len = Varint.decode(bytes, pos, bytes.length);
                    pos += len.length();
                    if (len.value() > bytes.length - pos) {
                        throw new MalformedMessageException("multiaddr component length exceeds the input");
                    }
                    size = (int) len.value();
                }
                if (size > bytes.length - pos) {
                    throw new MalformedMessageException("truncated multiaddr");
                }
                byte[] value = Arrays.copyOfRange(bytes, pos, pos + size);
                if (p == Protocol.P2P) {
                    PeerId.fromBytes(value);
                }
                out.add(new Component(p, value));
                pos += size;
            }
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid multiaddr: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new MalformedMessageException("empty multiaddr");
        }
        return new Multiaddr(out);
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Component c : components) {
            Varint.write(c.protocol.code, out);
            if (c.protocol.bits < 0) {
                Varint.write(c.value.length, out);
            }
            out.writeBytes(c.value);
        }
        return out.toByteArray();
    }

    public List<Component> components() {
        return components;
    }

    public Optional<String> valueOf(Protocol p) {
        return components.stream().filter(c -> c.protocol == p).findFirst().map(Component::valueText);
    }

    public boolean has(Protocol p) {
        return components.stream().anyMatch(c -> c.protocol == p);
    }

    /** The trailing /p2p peer ID, if any. */
    public Optional<PeerId> peerId() {
        Component last = components.getLast();
        return last.protocol == Protocol.P2P ? Optional.of(PeerId.fromBytes(last.value)) : Optional.empty();
    }

    public Multiaddr withPeerId(PeerId id) {
        List<Component> out = new ArrayList<>(withoutPeerId().components);
        out.add(new Component(Protocol.P2P, id.bytes()));
        return new Multiaddr(out);
    }

    public Multiaddr withoutPeerId() {
        if (components.getLast().protocol != Protocol.P2P) {
            return this;
        }
        return new Multiaddr(components.subList(0, components.size() - 1));
    }

    /** A multiaddr for a TCP socket address: /ip4/../tcp/.. or /ip6/../tcp/.. */
    public static Multiaddr tcp(InetSocketAddress address) {
        InetAddress a = address.getAddress();
        Protocol ip = a instanceof Inet6Address ? Protocol.IP6 : Protocol.IP4;
        return new Multiaddr(List.of(new Component(ip, a.getAddress()), new Component(Protocol.TCP, new byte[] {
            (byte) (address.getPort() >> 8), (byte) address.getPort()
        })));
    }

    /** The TCP endpoint this address names (resolving /dns* names), or empty when it is not a TCP address. */
    public Optional<InetSocketAddress> toTcpSocketAddress() {
        if (components.size() < 2 || components.get(1).protocol != Protocol.TCP) {
            return Optional.empty();
        }
        Component host = components.get(0);
        int port = Integer.parseInt(components.get(1).valueText());
        return switch (host.protocol) {
            case IP4, IP6 -> {
                try {
                    yield Optional.of(new InetSocketAddress(InetAddress.getByAddress(host.value), port));
                } catch (UnknownHostException e) {
                    yield Optional.empty();
                }
            }
            case DNS, DNS4, DNS6 -> Optional.of(new InetSocketAddress(host.valueText(), port));
            default -> Optional.empty();
        };
    }

    /** Whether the host part is a loopback address. */
    public boolean isLoopback() {
        Component host = components.get(0);
        if (host.protocol == Protocol.IP4 || host.protocol == Protocol.IP6) {
            try {
                return InetAddress.getByAddress(host.value).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return host.protocol != Protocol.P2P
                && "localhost".equals(host.valueText().toLowerCase(Locale.ROOT));
    }

    static String compressIpv6(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multiaddr m && m.components.equals(components);
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        components.forEach(sb::append);
        return sb.toString();
    }
}
