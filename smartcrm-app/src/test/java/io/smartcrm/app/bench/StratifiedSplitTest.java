package io.smartcrm.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The split equals scikit-learn's; expected values printed by NumPy 2.4 / the sklearn 1.2 algorithm. */
class StratifiedSplitTest {
    static final Path TELCO = Path.of("../../shared/data/telco-customer-churn.csv");

    @Test
    void mt19937MatchesNumpyRandomState() {
        LegacyNumpyRandom r = new LegacyNumpyRandom(42);
        // np.random.RandomState(42).randint(0, 2**32, size=3, dtype=np.uint64) draws raw 32-bit outputs
        assertThat(new long[] {r.nextUnsignedInt(), r.nextUnsignedInt(), r.nextUnsignedInt()})
                .containsExactly(1608637542L, 3421126067L, 4083286876L);
        // np.random.RandomState(42).permutation(10)
        assertThat(new LegacyNumpyRandom(42).permutation(10)).containsExactly(8, 1, 5, 0, 7, 2, 9, 4, 3, 6);
    }

    @Test
    void telcoSplitIsScikitLearns() throws IOException {
        List<String> labels = Files.readAllLines(TELCO).stream().skip(1)
                .map(l -> l.substring(l.lastIndexOf(',') + 1)).toList();
        StratifiedSplit s = StratifiedSplit.of(labels, 0.3, 42);
        assertThat(s.train()).hasSize(4930).startsWith(5888, 1061, 6281, 2932, 398, 4406, 2812, 3781, 5771, 2726);
        assertThat(s.test()).hasSize(2113).startsWith(3124, 6888, 323, 748, 1535, 5169, 3445, 4627, 552, 4834);
        assertThat(Arrays.stream(s.train()).asLongStream().sum()).isEqualTo(17326207L);
        assertThat(Arrays.stream(s.test()).asLongStream().sum()).isEqualTo(7472196L);
        Set<Integer> all = new HashSet<>();
        IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.test())).forEach(all::add);
        assertThat(all).hasSize(7043);
        assertThat(Arrays.stream(s.train()).filter(i -> labels.get(i).equals("Yes")).count()).isEqualTo(1308);
    }
}
