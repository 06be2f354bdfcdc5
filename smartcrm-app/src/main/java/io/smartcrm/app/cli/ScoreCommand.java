package io.smartcrm.app.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.app.runtime.ModelVersions;
import io.smartcrm.job.CustomerJob;
import io.smartcrm.job.SmartcrmOptions;
import io.smartcrm.job.elasticsearch.ElasticsearchConnection;
import io.smartcrm.job.features.FeatureValues;
import io.smartcrm.job.features.ProfileFeatures;
import io.smartcrm.job.models.ClassifierModel;
import io.smartcrm.job.models.FeatureScale;
import io.smartcrm.job.models.ScoreBands;
import io.smartcrm.job.models.SegmentModel;
import io.smartcrm.model.profile.CustomerProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Explains one customer's segment and scores from the newest model versions in Elasticsearch. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Explain a customer's segment, churn and purchase propensity from the current models: "
                + "every feature's value, its standardized value and its contribution.")
public class ScoreCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Parameters(paramLabel = "CUSTOMER_ID", description = "The customer id.")
    String customerId;

    @Option(names = "--es", defaultValue = "http://127.0.0.1:9200", description = "Elasticsearch. Default: ${DEFAULT-VALUE}.")
    String es;

    @Mixin
    JobOptions jobOptions;

    @Override
    public Integer call() throws Exception {
        Configuration conf = jobOptions.configuration(Map.of(SmartcrmOptions.ES_HOSTS.key(), es));
        ElasticsearchClient client = CustomerJob.esConnection(conf).createClient();
        try {
            GetResponse<ObjectNode> doc;
            try {
                doc = client.get(g -> g.index(conf.get(SmartcrmOptions.CUSTOMERS_INDEX)).id(customerId),
                        ObjectNode.class);
            } catch (IOException e) {
                System.err.println("smartcrm score: cannot reach Elasticsearch at " + conf.get(SmartcrmOptions.ES_HOSTS)
                        + " (" + e.getMessage() + "); is `./smartcrm run` running? (--es sets the URL)");
                return 2;
            }
            if (!doc.found()) {
                System.err.println("smartcrm score: no customer '" + customerId + "' in "
                        + conf.get(SmartcrmOptions.CUSTOMERS_INDEX));
                return 2;
            }
            CustomerProfile profile = MAPPER.treeToValue(doc.source(), CustomerProfile.class);
            String models = conf.get(SmartcrmOptions.MODELS_INDEX);
            explain(System.out, profile,
                    newest(client, models, SegmentModel.MODEL, SegmentModel.class),
                    newest(client, models, "churn", ClassifierModel.class),
                    newest(client, models, "propensity", ClassifierModel.class),
                    CustomerJob.labelSettings(conf).labelAttributes(),
                    new ScoreBands(conf.get(SmartcrmOptions.BAND_MEDIUM), conf.get(SmartcrmOptions.BAND_HIGH)));
            return 0;
        } finally {
            ElasticsearchConnection.close(client);
        }
    }

    private static <T> T newest(ElasticsearchClient client, String index, String model, Class<T> type)
            throws Exception {
        ObjectNode doc = ModelVersions.newest(client, index, model);
        return doc == null ? null : MAPPER.treeToValue(doc, type);
    }

    static void explain(PrintStream out, CustomerProfile p, SegmentModel segments, ClassifierModel churn,
            ClassifierModel propensity, Set<String> labelAttributes, ScoreBands bands) {
        FeatureValues f = ProfileFeatures.extract(p, labelAttributes);
        out.printf("Customer %s: %d events, as of %s%n", p.customerId, p.eventCount, p.asOf);
        if (segments == null || !segments.ready()) {
            out.println("Segment: no segmentation model yet");
        } else {
            SegmentModel.Assignment a = segments.assign(f);
            out.printf(Locale.ROOT, "Segment %d \"%s\" (model version %d), distance %.2f to its centroid:%n",
                    a.segment().id, a.segment().name, segments.version, a.distance());
            double[] x = FeatureScale.vector(segments.features, f);
            for (int i = 0; i < x.length; i++) {
                out.printf(Locale.ROOT, "  %-26s customer %+6.2f  centroid %+6.2f  (%s)%n", segments.features.get(i).name,
                        x[i], a.segment().centroid[i], text(f, segments.features.get(i).name));
            }
        }
        classifier(out, "Churn", churn, f, bands);
        classifier(out, "Purchase propensity", propensity, f, bands);
    }

    private static void classifier(PrintStream out, String title, ClassifierModel m, FeatureValues f, ScoreBands bands) {
        if (m == null) {
            out.printf("%s: warming_up (no model yet)%n", title);
            return;
        }
        if (!m.ready()) {
            out.printf("%s: warming_up (model version %d has %d positive and %d negative labels, needs %d of each)%n",
                    title, m.version, m.positives, m.negatives, m.minLabels);
            return;
        }
        double p = m.probability(f);
        out.printf(Locale.ROOT, "%s: %.3f (%s), model version %d, prequential AUC %s over %d examples%n", title, p,
                bands.of(p), m.version, m.quality.auc == null ? "n/a" : String.format(Locale.ROOT, "%.3f", m.quality.auc),
                m.quality.evaluated);
        out.printf(Locale.ROOT, "  %+7.3f  intercept%n", m.features.get(0).coefficient);
        for (ClassifierModel.Contribution c : m.contributions(f)) {
            out.printf(Locale.ROOT, "  %+7.3f  %-40s (%s: %+.2f × %+.3f)%n", c.contribution(),
                    c.text() == null ? c.feature() : c.text(), c.feature(), c.value(), c.coefficient());
        }
    }

    private static String text(FeatureValues f, String feature) {
        String t = f.text(feature);
        return t == null ? "missing" : t;
    }
}
