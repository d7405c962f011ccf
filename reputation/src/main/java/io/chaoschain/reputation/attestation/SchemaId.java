package io.chaoschain.reputation.attestation;

import io.chaoschain.core.Hex;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.reputation.attestation.internal.Fields;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.web3j.crypto.Hash;

/**
 * An EAS schema UID as the SchemaRegistry assigns it: keccak256(abi.encodePacked(schema, resolver, revocable)).
 *
 * @param value the UID as 0x-prefixed lower-case hex
 */
public record SchemaId(String value) {

    public SchemaId {
        Fields.bytes32(value, "schema UID");
    }

    /** The UID the SchemaRegistry gives {@code schema} registered with {@code resolver} and {@code revocable}. */
    public static SchemaId of(String schema, String resolver, boolean revocable) {
        if (schema == null) {
            throw new UserFacingException("error: schema must be a schema string such as 'bool like', got null");
        }
        Fields.address(resolver, "resolver");
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        packed.writeBytes(schema.getBytes(StandardCharsets.UTF_8));
        packed.writeBytes(Hex.decode(resolver));
        packed.write(revocable ? 1 : 0);
        return new SchemaId(Hex.encode(Hash.sha3(packed.toByteArray())).toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
