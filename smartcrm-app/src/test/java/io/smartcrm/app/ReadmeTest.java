package io.smartcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.app.cli.OptionsCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's configuration reference is the options table the code prints: regenerate it with `./smartcrm options --markdown`. */
class ReadmeTest {
    @Test
    void readmeListsEveryJobOptionWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).contains(OptionsCommand.markdown());
    }
}
