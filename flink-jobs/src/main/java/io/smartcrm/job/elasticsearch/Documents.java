package io.smartcrm.job.elasticsearch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartcrm.job.models.ClassifierModel;
import io.smartcrm.job.models.PublishedModels;
import io.smartcrm.job.models.ScoredProfile;
import io.smartcrm.model.alert.Alert;
import io.smartcrm.model.alert.SegmentSnapshot;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.quality.QualityCounts;
import io.smartcrm.model.wire.DeadLetter;
import io.smartcrm.model.wire.EventCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The JSON documents smartcrm writes: profiles, events, dead letters, model versions, segment snapshots, alerts. */
public final class Documents {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Documents() {}

    public static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    /** A scored profile under its customer id, versioned by profile version and re-scorings. */
    public static EsDocument customer(String index, ScoredProfile p) {
        if (p.profile.erased) {
            return EsDocument.delete(index, p.profile.customerId);
        }
        return new EsDocument(index, p.profile.customerId, p.writeVersion(), json(p.profile));
    }

    /** Every model version in {@code published}, under "MODEL-VERSION" (the last write of a version wins). */
    public static List<EsDocument> models(String index, PublishedModels published) {
        List<EsDocument> docs = new ArrayList<>(3);
        if (published.segments != null) {
            docs.add(model(index, published.segments.model, published.segments.version, published.segments));
        }
        for (ClassifierModel m : new ClassifierModel[] {published.churn, published.propensity}) {
            if (m != null) {
                docs.add(model(index, m.model, m.version, m));
            }
        }
        return docs;
    }

    private static EsDocument model(String index, String model, long version, Object doc) {
        return new EsDocument(index, model + "-" + version, EsDocument.OVERWRITE, json(doc));
    }

    /** A segment snapshot under "WINDOWSTARTMILLIS-SEGMENTID" (a replay after a restore writes it again). */
    public static EsDocument segmentSnapshot(String index, SegmentSnapshot s) {
        return new EsDocument(index, Instant.parse(s.windowStart).toEpochMilli() + "-" + s.segmentId,
                EsDocument.OVERWRITE, json(s));
    }

    /** An hour's data-quality counts of a source under "HOURSTARTMILLIS-SOURCE", versioned by their growing total. */
    public static EsDocument quality(String index, QualityCounts c) {
        return new EsDocument(index, Instant.parse(c.windowStart).toEpochMilli() + "-" + c.source, c.total(), json(c));
    }

    /** An alert under its id, versioned by its updates. */
    public static EsDocument alert(String index, Alert a) {
        return new EsDocument(index, a.id, a.version, json(a));
    }

    /** An event in its daily index under its event id, created once. */
    public static EsDocument event(String index, CustomerEvent e) {
        ObjectNode tree = EventCodec.toTree(e);
        if (e.warnings != null) {
            ArrayNode w = tree.putArray("warnings");
            e.warnings.forEach(w::add);
        }
        return new EsDocument(index, e.eventId, EsDocument.CREATE_ONLY, json(tree));
    }

    /**
     * A dead letter under the id of the original message, created once. Its key and ids are cut to
     * {@value #MAX_DEAD_LETTER_KEYWORD} characters: they are keywords, and anything can arrive on the topic (the
     * payload keeps the original bytes, the dead-letter topic the whole key).
     */
    public static EsDocument deadLetter(String index, DeadLetter d) {
        ObjectNode tree = MAPPER.valueToTree(d);
        cut(tree, "key");
        cut(tree, "customerId");
        cut(tree, "eventId");
        return new EsDocument(index, d.id(), EsDocument.CREATE_ONLY, json(tree));
    }

    /** Longest key or id a dead-letter document keeps; Elasticsearch refuses keyword terms over 32 766 bytes. */
    public static final int MAX_DEAD_LETTER_KEYWORD = 1_024;

    private static void cut(ObjectNode tree, String field) {
        String v = tree.path(field).textValue();
        if (v != null && v.length() > MAX_DEAD_LETTER_KEYWORD) {
            tree.put(field, v.substring(0, MAX_DEAD_LETTER_KEYWORD));
        }
    }
}
