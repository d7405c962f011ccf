package io.chaoschain.chains.anvil;

import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The funded development accounts of a default Anvil devnet, derived from Anvil's public test mnemonic along
 * {@code m/44'/60'/0'/0/i}. These keys are published test keys: never use them on a chain holding real value.
 */
public final class AnvilAccounts {
    /** Anvil's (and Hardhat's) documented default mnemonic. */
    public static final String TEST_MNEMONIC = "test test test test test test test test test test test junk";

    private static final Bip32ECKeyPair MASTER =
            Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(TEST_MNEMONIC, ""));

    private AnvilAccounts() {}

    /** The credentials of dev account {@code index} (0 is the account Anvil lists first). */
    public static Credentials credentials(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("account index must not be negative, got " + index);
        }
        int[] path = {
            44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT, Bip32ECKeyPair.HARDENED_BIT, 0, index
        };
        return Credentials.create(Bip32ECKeyPair.deriveKeyPair(MASTER, path));
    }
}
