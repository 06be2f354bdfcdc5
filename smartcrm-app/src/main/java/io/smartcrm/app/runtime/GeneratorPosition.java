package io.smartcrm.app.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.generator.GeneratorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where the embedded generator's stream stands, kept in the data directory so that a restarted {@code run}
 * continues the same deterministic stream instead of sending its history again.
 */
public record GeneratorPosition(long seed, int customers, String baseCurrency, String shift, String startTime,
        long position) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Optional<GeneratorPosition> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), GeneratorPosition.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable generator position " + file + "; delete it to start over", e);
        }
    }

    /** Same stream: the settings that decide the events match ({@code shift}: null for none). */
    public boolean sameStream(long seed, int customers, String baseCurrency, String shift) {
        return this.seed == seed && this.customers == customers && this.baseCurrency.equals(baseCurrency)
                && java.util.Objects.equals(this.shift, shift);
    }

    /** The shift of {@code config} as recorded here: null for none. */
    public static String shift(GeneratorConfig config) {
        if (config.shiftKind() == null) {
            return null;
        }
        return config.shiftKind() + " from " + config.shiftAt()
                + (config.shiftUntil() == null ? "" : " until " + config.shiftUntil());
    }

    /** Writes atomically (a crash leaves the old or the new position, never half a file). */
    public void write(Path file) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write generator position " + file, e);
        }
    }
}
