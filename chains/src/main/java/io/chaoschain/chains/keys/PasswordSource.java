package io.chaoschain.chains.keys;

import io.chaoschain.core.UserFacingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Where a keystore's password comes from. A password is never logged or included in a message. */
public sealed interface PasswordSource {

    /** The environment variable the node reads by default. */
    String DEFAULT_ENV = "CHAOSCHAIN_KEYSTORE_PASSWORD";

    /** The config key naming a password file. */
    String FILE_KEY = "keystore.passwordFile";

    /** A file holding the password; one trailing line break is ignored. */
    record File(Path path) implements PasswordSource {
        public File {
            Objects.requireNonNull(path, "path");
        }
    }

    /** An environment variable holding the password, looked up in {@code environment}. */
    record Env(String variable, Map<String, String> environment) implements PasswordSource {
        public Env {
            Objects.requireNonNull(variable, "variable");
            environment = Map.copyOf(environment);
        }

        @Override
        public String toString() {
            return "Env[" + variable + "]"; // the map holds the password itself
        }
    }

    /** A password given directly (tests, demos). */
    record Literal(String password) implements PasswordSource {
        public Literal {
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Literal[***]";
        }
    }

    /** The configured password file if there is one, else {@value #DEFAULT_ENV} from the process environment. */
    static PasswordSource fromConfig(Optional<Path> passwordFile) {
        return passwordFile.<PasswordSource>map(File::new).orElseGet(() -> new Env(DEFAULT_ENV, System.getenv()));
    }

    static PasswordSource literal(String password) {
        return new Literal(password);
    }

    /**
     * Reads the password for the keystore at {@code keystore}.
     *
     * @throws UserFacingException when the file or variable is missing or empty
     */
    default String read(Path keystore) {
        return switch (this) {
            case Literal l -> l.password();
            case Env e -> {
                String value = e.environment().get(e.variable());
                if (value == null || value.isEmpty()) {
                    throw new UserFacingException("error: keystore " + keystore + ": no password given (set "
                            + e.variable() + " or " + FILE_KEY + ")");
                }
                yield value;
            }
            case File f -> {
                if (!Files.isRegularFile(f.path())) {
                    throw new UserFacingException("error: " + FILE_KEY + " " + f.path() + " does not exist");
                }
                String content;
                try {
                    content = Files.readString(f.path(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UserFacingException(
                            "error: " + FILE_KEY + " " + f.path() + " cannot be read ("
                                    + e.getClass().getSimpleName() + ")",
                            e);
                }
                if (content.endsWith("\n")) {
                    content = content.substring(0, content.length() - 1);
                }
                if (content.endsWith("\r")) {
                    content = content.substring(0, content.length() - 1);
                }
                if (content.isEmpty()) {
                    throw new UserFacingException("error: " + FILE_KEY + " " + f.path() + " is empty");
                }
                yield content;
            }
        };
    }
}
