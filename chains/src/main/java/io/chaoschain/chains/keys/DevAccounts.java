package io.chaoschain.chains.keys;

import io.chaoschain.chains.anvil.AnvilAccounts;
import java.util.Locale;
import java.util.Optional;

/**
 * The funded accounts of a local devnet as transaction signers; the keys are {@link AnvilAccounts}', derived from the
 * public test mnemonic. Everyone knows these keys; never use them on a real network.
 */
public final class DevAccounts {
    private DevAccounts() {}

    /** A signer for devnet account {@code index} (0 is Anvil's first account). */
    public static KeystoreSigner signer(int index) {
        return new KeystoreSigner(AnvilAccounts.credentials(index), Optional.empty());
    }

    /** The address of devnet account {@code index}. */
    public static String address(int index) {
        return signer(index).address().toLowerCase(Locale.ROOT);
    }
}
