package io.smartcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.app.cli.OptionsCommand;
import io.smartcrm.job.features.ProfileFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's references are what the code declares: the options table ({@code ./smartcrm options --markdown}) and the feature list. */
class ReadmeTest {
    static String readme() throws Exception {
        return Files.readString(Path.of("../README.md"));
    }

    @Test
    void readmeListsEveryJobOptionWithItsDefault() throws Exception {
        assertThat(readme()).contains(OptionsCommand.markdown());
    }

    @Test
    void readmeListsEveryFeatureWithItsTransformAndMeaning() throws Exception {
        String readme = readme();
        for (ProfileFeatures.Definition d : ProfileFeatures.BEHAVIOUR) {
            assertThat(readme).contains("| `" + d.name() + "` | " + (d.log1p() ? "log1p" : "as is") + " | "
                    + d.description() + " |");
        }
    }
}
