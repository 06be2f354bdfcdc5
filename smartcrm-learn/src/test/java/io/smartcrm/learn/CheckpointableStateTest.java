package io.smartcrm.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stateful learners must stay plain objects that Kryo (and Java serialization) can checkpoint. */
class CheckpointableStateTest {

    @ParameterizedTest
    @ValueSource(classes = {FtrlLogisticRegression.class, OnlineKMeans.class, PrequentialQuality.class})
    void isAPlainMutableObject(Class<?> type) throws NoSuchMethodException {
        assertThat(Serializable.class).isAssignableFrom(type);
        assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            assertThat(Modifier.isFinal(field.getModifiers())).as(field.getName()).isFalse();
            Class<?> t = field.getType();
            while (t.isArray()) {
                t = t.getComponentType();
            }
            assertThat(t.isPrimitive() || t == ArrayList.class).as(field.getName() + " has type " + t).isTrue();
        }
    }

    @Test
    void learnersContinueIdenticallyAfterARoundTrip() throws Exception {
        Random random = new Random(8);
        FtrlLogisticRegression ftrl = new FtrlLogisticRegression(0.1, 1, 0.01, 0.5);
        OnlineKMeans kMeans = new OnlineKMeans(3, 0.8, 3);
        PrequentialQuality quality = new PrequentialQuality(50);
        kMeans.update(List.of(new double[] {1}, new double[] {1})); // leaves a pending point list
        feed(random, ftrl, kMeans, quality);

        FtrlLogisticRegression ftrlCopy = roundTrip(ftrl);
        OnlineKMeans kMeansCopy = roundTrip(kMeans);
        PrequentialQuality qualityCopy = roundTrip(quality);
        feed(new Random(9), ftrl, kMeans, quality);
        feed(new Random(9), ftrlCopy, kMeansCopy, qualityCopy);

        assertThat(ftrlCopy.coefficients()).containsExactly(ftrl.coefficients());
        assertThat(ftrlCopy.examples()).isEqualTo(ftrl.examples());
        assertThat(kMeansCopy.centroids()).isDeepEqualTo(kMeans.centroids());
        assertThat(kMeansCopy.weights()).containsExactly(kMeans.weights());
        assertThat(qualityCopy.auc()).isEqualTo(quality.auc());
        assertThat(qualityCopy.total()).isEqualTo(quality.total());
    }

    private static void feed(Random random, FtrlLogisticRegression ftrl, OnlineKMeans kMeans,
            PrequentialQuality quality) {
        for (int batch = 0; batch < 20; batch++) {
            List<double[]> xs = new ArrayList<>();
            double[] labels = new double[10];
            for (int j = 0; j < labels.length; j++) {
                double[] x = {random.nextGaussian(), random.nextGaussian(), 1};
                labels[j] = x[0] > 0 ? 1 : 0;
                quality.add(ftrl.predict(x), labels[j] == 1);
                xs.add(x);
            }
            ftrl.update(xs, labels);
            kMeans.update(xs);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
