package io.smartcrm.api.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API keys and their roles. A presented key is compared with every known key in constant time (SHA-256
 * digests compared with {@link MessageDigest#isEqual}, all keys every time), so timing tells nothing about them.
 */
public final class ApiKeys {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~+/=-]{16,256}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final List<Key> keys;

    private record Key(String value, byte[] digest, Role role) {}

    private ApiKeys(List<Key> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("api.keys: at least one KEY:ROLE is required");
        }
        this.keys = List.copyOf(keys);
    }

    /** Parses {@code KEY:ROLE,KEY:ROLE} (ROLE admin or read; a key is 16–256 characters of [A-Za-z0-9._~+/=-]). */
    public static ApiKeys parse(String spec) {
        List<Key> keys = new ArrayList<>();
        for (String entry : spec.lines().map(String::strip).filter(l -> !l.startsWith("#"))
                .flatMap(l -> Arrays.stream(l.split(","))).toList()) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("api.keys: '" + mask(e) + "' is not KEY:ROLE");
            }
            String key = e.substring(0, colon).strip();
            String role = e.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("api.keys: key '" + mask(key)
                        + "' must be 16-256 characters of A-Z a-z 0-9 . _ ~ + / = -");
            }
            if (!role.equals("admin") && !role.equals("read")) {
                throw new IllegalArgumentException("api.keys: role '" + role + "' of key '" + mask(key)
                        + "' must be admin or read");
            }
            keys.add(new Key(key, sha256(key), Role.valueOf(role.toUpperCase(Locale.ROOT))));
        }
        return new ApiKeys(keys);
    }

    /**
     * The embedded default: the keys stored in {@code file}, or, on first use, a new random admin key and read key
     * written there readable by the owner only.
     */
    public static ApiKeys loadOrGenerate(Path file) throws IOException {
        if (Files.exists(file)) {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        }
        SecureRandom random = new SecureRandom();
        String text = "# smartcrm API keys (KEY:ROLE), generated " + Instant.now() + "\n"
                + "scrm_admin_" + token(random) + ":admin\n"
                + "scrm_read_" + token(random) + ":read\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp); // another process won the race: use its keys
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The role of the presented key, if it is one of the keys. */
    public Optional<Role> roleOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        Role found = null;
        for (Key k : keys) {
            if (MessageDigest.isEqual(k.digest, digest)) {
                found = k.role;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The first key with this role, for the start banner. */
    public Optional<String> first(Role role) {
        return keys.stream().filter(k -> k.role == role).map(Key::value).findFirst();
    }

    private static String token(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key as shown in error messages: its first 4 characters. */
    private static String mask(String key) {
        return key.length() <= 4 ? "****" : key.substring(0, 4) + "…";
    }
}
