package io.chaoschain.chains.keys;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

/**
 * A signer holding a decrypted key in memory, loaded from an encrypted keystore by {@link Keystores} or, for devnet
 * accounts, built from a raw private key.
 */
public final class KeystoreSigner implements TransactionSigner {
    private final Credentials credentials;
    private final String address;
    private final Optional<Path> source;

    KeystoreSigner(Credentials credentials, Optional<Path> source) {
        this.credentials = Objects.requireNonNull(credentials);
        this.address = credentials.getAddress().toLowerCase(Locale.ROOT);
        this.source = source;
    }

    /**
     * A signer for a raw private key (0x-prefixed hex). Meant for devnet accounts such as Anvil's well-known keys;
     * real keys belong in an encrypted keystore.
     */
    public static KeystoreSigner ofPrivateKey(String privateKeyHex) {
        String digits = privateKeyHex.startsWith("0x") ? privateKeyHex.substring(2) : privateKeyHex;
        if (!digits.matches("[0-9a-fA-F]{64}")) {
            // never echo the input: it is (almost) a private key
            throw new IllegalArgumentException("a private key must be 32 bytes of hex");
        }
        return new KeystoreSigner(Credentials.create(digits), Optional.empty());
    }

    @Override
    public String address() {
        return address;
    }

    /** The keystore file the key came from, if any. */
    public Optional<Path> source() {
        return source;
    }

    @Override
    public byte[] sign(RawTransaction transaction, long chainId) {
        return TransactionEncoder.signMessage(transaction, chainId, credentials);
    }

    /**
     * web3j credentials for APIs that insist on them. They contain the private key: never log them or keep them
     * longer than the call that needs them.
     */
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public String toString() {
        return "KeystoreSigner[" + address + source.map(p -> ", " + p).orElse("") + "]";
    }
}
