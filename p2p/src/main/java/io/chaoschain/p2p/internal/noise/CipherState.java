package io.chaoschain.p2p.internal.noise;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Noise CipherState with ChaChaPoly: a key and a 64-bit counter nonce (4 zero bytes, then little-endian n). */
final class CipherState {
    private final SecretKeySpec key;
    private final Cipher cipher;
    private long nonce;

    CipherState(byte[] key) {
        this.key = new SecretKeySpec(key, "ChaCha20");
        try {
            this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable in this JDK", e);
        }
    }

    private IvParameterSpec nextNonce() {
        if (nonce == -1L) {
            throw new IllegalStateException("noise nonce exhausted");
        }
        long n = nonce++;
        byte[] iv = new byte[12];
        for (int i = 0; i < 8; i++) {
            iv[4 + i] = (byte) (n >>> (8 * i));
        }
        return new IvParameterSpec(iv);
    }

    byte[] encrypt(byte[] ad, byte[] plaintext, int off, int len) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nextNonce());
            if (ad.length > 0) {
                cipher.updateAAD(ad);
            }
            return cipher.doFinal(plaintext, off, len);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("noise encryption failed", e);
        }
    }

    /** Decrypts into a new array; throws AEADBadTagException when the frame was forged or corrupted. */
    byte[] decrypt(byte[] ad, byte[] ciphertext, int off, int len) throws AEADBadTagException {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nextNonce());
            if (ad.length > 0) {
                cipher.updateAAD(ad);
            }
            return cipher.doFinal(ciphertext, off, len);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("noise decryption failed", e);
        }
    }
}
