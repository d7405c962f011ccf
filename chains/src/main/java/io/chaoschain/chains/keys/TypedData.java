package io.chaoschain.chains.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

/** EIP-712 typed data as the contracts verify it: the digest of a typed-data JSON document and its signature. */
public final class TypedData {
    private TypedData() {}

    /** keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message)) of an EIP-712 typed-data JSON document. */
    public static byte[] digest(String typedDataJson) {
        try {
            return new StructuredDataEncoder(typedDataJson).hashStructuredData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 65-byte signature r ‖ s ‖ v (v = 27 or 28) of {@code digest} with {@code signer}'s key, unhashed. */
    public static byte[] sign(byte[] digest, Credentials signer) {
        Sign.SignatureData sig = Sign.signMessage(digest, signer.getEcKeyPair(), false);
        byte[] out = new byte[65];
        System.arraycopy(sig.getR(), 0, out, 0, 32);
        System.arraycopy(sig.getS(), 0, out, 32, 32);
        out[64] = sig.getV()[0];
        return out;
    }

    /** One member of a struct type: {@code {"name": name, "type": type}}. */
    public static Map<String, String> field(String name, String type) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("type", type);
        return f;
    }
}
