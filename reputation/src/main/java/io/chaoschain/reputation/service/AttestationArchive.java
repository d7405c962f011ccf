package io.chaoschain.reputation.service;

import io.chaoschain.reputation.attestation.AttestationJson;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The node's signed attestations as files, {@code <dir>/<uid>.json} in the EAS SDK's shareable format, so that
 * {@code chaoschain reputation verify FILE} (or any EAS tool) checks each one. Files are written to a temporary name and
 * moved into place, so a crash leaves either the whole file or none.
 */
public final class AttestationArchive {
    private final Path dir;

    public AttestationArchive(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path fileOf(String uid) {
        return dir.resolve(uid.toLowerCase(Locale.ROOT) + ".json");
    }

    public boolean contains(String uid) {
        return Files.exists(fileOf(uid));
    }

    /** Writes {@code attestation} unless a file for its UID exists; true when it was written now. */
    public boolean write(OffchainAttestation attestation) {
        Path file = fileOf(attestation.uid());
        if (Files.exists(file)) {
            return false;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.writeString(tmp, AttestationJson.write(attestation));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write attestation " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every archived attestation, sorted by file name (the UID). */
    public List<OffchainAttestation> readAll() {
        List<OffchainAttestation> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                out.add(AttestationJson.read(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read attestations in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
