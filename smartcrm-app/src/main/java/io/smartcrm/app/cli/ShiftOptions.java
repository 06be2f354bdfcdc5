package io.smartcrm.app.cli;

import io.smartcrm.generator.GeneratorConfig;
import io.smartcrm.generator.ShiftKind;
import io.smartcrm.model.alert.AlertRule;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Generator options that inject a behaviour shift, for seeing the alerts work. */
public class ShiftOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--shift", paramLabel = "KIND",
            description = "Inject a behaviour shift: window_shopper_surge, loyal_stop_buying or campaign_converts_window_shoppers.")
    String kind;

    @Option(names = "--shift-at", paramLabel = "TIME",
            description = "When the shift starts in simulated time: an instant (2026-10-01T00:00:00Z) or a time after the simulated start (100d, 2400h).")
    String at;

    @Option(names = "--shift-until", paramLabel = "TIME", description = "When the shift is reversed (same forms); default: it lasts.")
    String until;

    /** Adds the shift, if any, to {@code config}, whose simulated clock starts at {@code start}. */
    void apply(GeneratorConfig.Builder config, Instant start) {
        if (kind == null) {
            if (at != null || until != null) {
                throw new ParameterException(spec.commandLine(), "--shift-at and --shift-until need --shift");
            }
            return;
        }
        ShiftKind shift;
        try {
            shift = ShiftKind.valueOf(kind.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--shift: unknown kind '" + kind
                    + "'; use window_shopper_surge, loyal_stop_buying or campaign_converts_window_shoppers");
        }
        if (at == null) {
            throw new ParameterException(spec.commandLine(), "--shift needs --shift-at");
        }
        Instant from = time("--shift-at", at, start);
        Instant to = until == null ? null : time("--shift-until", until, start);
        if (to != null && !to.isAfter(from)) {
            throw new ParameterException(spec.commandLine(), "--shift-until must come after --shift-at");
        }
        config.shift(from, shift).shiftUntil(to);
    }

    private Instant time(String option, String text, Instant start) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            Duration after = AlertRule.parsePeriod(text);
            if (after == null) {
                throw new ParameterException(spec.commandLine(), option + ": '" + text
                        + "' is neither an instant (2026-10-01T00:00:00Z) nor a time after the start (100d, 2400h)");
            }
            return start.plus(after);
        }
    }
}
