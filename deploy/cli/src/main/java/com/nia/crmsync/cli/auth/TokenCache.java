package com.nia.crmsync.cli.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.nia.crmsync.client.CrmSyncClient;

/**
 * The token cache, {@code token.json} in the user's configuration directory: readable and
 * writable by the user only (mode 600, in a directory of mode 700), replaced atomically, so a
 * token is never on disk where another user can read it.
 */
public final class TokenCache {

    private static final ObjectMapper JSON = CrmSyncClient.mapper();

    private final Path file;

    public TokenCache(Path configDir) {
        this.file = configDir.resolve("token.json");
    }

    public Path file() {
        return file;
    }

    /** The cached token, if there is a readable one. */
    public Optional<CachedToken> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), CachedToken.class));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** Stores the token (mode 600), replacing the one before. */
    public void write(CachedToken token) {
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path next = dir.resolve("token.json.next");
            Files.deleteIfExists(next);
            try {
                Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException raced) {
                Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(next, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(token));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the token cache " + file + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the cached token. */
    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the token cache " + file + ": " + e.getMessage(), e);
        }
    }
}
