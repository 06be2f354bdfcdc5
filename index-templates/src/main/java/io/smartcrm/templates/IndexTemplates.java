package io.smartcrm.templates;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned index templates shipped as resources under {@code index-templates/}, and their idempotent
 * application: each is PUT as a composable index template, then every index whose pattern has no wildcard
 * is created if missing, so readers never race the first write, and indices that already exist get the
 * template's (additive) mappings, so an upgrade can write new fields to them.
 */
public final class IndexTemplates {
    private static final Logger LOG = LoggerFactory.getLogger(IndexTemplates.class);
    private static final String DIR = "/index-templates/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IndexTemplates() {}

    /** Template names, in the order they are applied. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String line : resource("templates.list").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    /** The template's JSON body as shipped. */
    public static String json(String name) {
        return resource(name + ".json");
    }

    /** The template's JSON body as a tree. */
    public static JsonNode tree(String name) {
        try {
            return MAPPER.readTree(json(name));
        } catch (IOException e) {
            throw new UncheckedIOException("index template " + name + " is not valid JSON", e);
        }
    }

    /** Puts every template for its shipped index pattern and creates the indices they fully name. */
    public static void apply(ElasticsearchClient client) throws IOException {
        apply(client, Map.of());
    }

    /**
     * Puts every template and creates the indices they fully name; safe to call on every start.
     * {@code patterns} maps a template name to the index pattern to use instead of the shipped one (for
     * custom index names); such a template is stored under a name derived from its pattern, with a higher
     * priority, so it wins over a shipped template whose pattern also matches.
     */
    public static void apply(ElasticsearchClient client, Map<String, String> patterns) throws IOException {
        for (String name : names()) {
            ObjectNode template = (ObjectNode) tree(name);
            String pattern = patterns.get(name);
            String storedName = name;
            if (pattern != null && !pattern.equals(template.path("index_patterns").path(0).asText())) {
                template.putArray("index_patterns").add(pattern);
                template.put("priority", template.path("priority").asInt() + 10);
                storedName = "smartcrm-" + pattern.replace("*", "").replaceAll("[^a-z0-9_.-]", "-");
            }
            String body = MAPPER.writeValueAsString(template);
            String templateName = storedName;
            client.indices().putIndexTemplate(r -> r.name(templateName).withJson(new StringReader(body)));
            LOG.info("Index template {} applied (version {})", templateName, template.path("version").asInt());
            String mappings = MAPPER.writeValueAsString(template.path("template").path("mappings"));
            for (JsonNode p : template.path("index_patterns")) {
                String index = p.asText();
                if (!index.contains("*") && !client.indices().exists(r -> r.index(index)).value()) {
                    createIndex(client, index);
                } else {
                    client.indices().putMapping(r -> r.index(index).allowNoIndices(true).ignoreUnavailable(true)
                            .withJson(new StringReader(mappings)));
                }
            }
        }
    }

    private static void createIndex(ElasticsearchClient client, String index) throws IOException {
        try {
            client.indices().create(r -> r.index(index));
            LOG.info("Index {} created", index);
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    private static String resource(String file) {
        try (InputStream in = IndexTemplates.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DIR + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
