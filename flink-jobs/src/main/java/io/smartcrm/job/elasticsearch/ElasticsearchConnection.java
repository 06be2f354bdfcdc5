package io.smartcrm.job.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Where Elasticsearch is and how to authenticate; builds clients on the task managers. */
public final class ElasticsearchConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> hosts;
    private final String username;
    private final String password;
    private final String apiKey;

    public ElasticsearchConnection(List<String> hosts, String username, String password, String apiKey) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no Elasticsearch host given");
        }
        this.hosts = List.copyOf(hosts);
        this.username = username;
        this.password = password;
        this.apiKey = apiKey;
    }

    public static ElasticsearchConnection of(String url) {
        return new ElasticsearchConnection(List.of(url), null, null, null);
    }

    public List<String> hosts() {
        return hosts;
    }

    /** A new client; release it with {@link #close(ElasticsearchClient)}. */
    public ElasticsearchClient createClient() {
        RestClientBuilder builder = RestClient.builder(hosts.stream().map(HttpHost::create).toArray(HttpHost[]::new));
        if (apiKey != null && !apiKey.isBlank()) {
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey)});
        } else if (username != null && !username.isBlank()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(username, password));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        builder.setRequestConfigCallback(r -> r.setConnectTimeout(5_000).setSocketTimeout(120_000));
        return new ElasticsearchClient(new RestClientTransport(builder.build(), new JacksonJsonpMapper()));
    }

    public static void close(ElasticsearchClient client) throws IOException {
        if (client != null) {
            client._transport().close();
        }
    }
}
