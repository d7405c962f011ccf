package io.chaoschain.chains.keys;

import java.util.Locale;
import java.util.Optional;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The funded accounts of a local devnet (Anvil, Hardhat): keys derived from the public test mnemonic along
 * {@code m/44'/60'/0'/0/i}. Everyone knows these keys; never use them on a real network.
 */
public final class DevAccounts {
  public static final String MNEMONIC = "test test test test test test test test test test test junk";
  private static final int HARDENED = Bip32ECKeyPair.HARDENED_BIT;
  private static final Bip32ECKeyPair MASTER = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));

  private DevAccounts() {}

  /** A signer for devnet account {@code index} (0 is Anvil's first account). */
  public static KeystoreSigner signer(int index) {
    return new KeystoreSigner(Credentials.create(keyPair(index)), Optional.empty());
  }

  /** The address of devnet account {@code index}. */
  public static String address(int index) {
    return signer(index).address().toLowerCase(Locale.ROOT);
  }

  private static Bip32ECKeyPair keyPair(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("account index must not be negative");
    }
    int[] path = {44 | HARDENED, 60 | HARDENED, HARDENED, 0, index};
    return Bip32ECKeyPair.deriveKeyPair(MASTER, path);
  }
}
