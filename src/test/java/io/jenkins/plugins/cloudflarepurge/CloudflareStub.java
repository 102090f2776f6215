package io.jenkins.plugins.cloudflarepurge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import hudson.util.Secret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/**
 * WireMock standing in for Cloudflare's API, and a Jenkins configured to use it through the global API base URL:
 * a Secret text credential, a default zone and URL prefix.
 */
final class CloudflareStub implements AutoCloseable {

    static final String TOKEN = "cfut_ITEST-secret-token-0123456789abcdef";
    static final String CREDENTIALS_ID = "cloudflare-token";
    static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    static final String PREFIX = "https://www.example.com";
    static final String PURGE_PATH = "/client/v4/zones/" + ZONE + "/purge_cache";

    private static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

    private StubMapping filesRefused;

    CloudflareStub() {
        server.start();
        accept();
        server.stubFor(
                get(urlEqualTo("/client/v4/user/tokens/verify"))
                        .willReturn(
                                okJson(
                                        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"tok\",\"status\":\"active\"}}")));
    }

    String apiBaseUrl() {
        return server.baseUrl() + "/client/v4";
    }

    /** Adds the credential and sets the global defaults to this stub. */
    CloudflareStub configure() throws IOException {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, CREDENTIALS_ID, "Cloudflare", Secret.fromString(TOKEN)));
        SystemCredentialsProvider.getInstance().save();
        CloudflarePurgeConfiguration config = CloudflarePurgeConfiguration.get();
        config.setCredentialsId(CREDENTIALS_ID);
        config.setZoneId(ZONE);
        config.setUrlPrefixes(PREFIX);
        config.setApiBaseUrl(apiBaseUrl());
        return this;
    }

    void accept() {
        acceptAfter(0);
    }

    void answer(int status, String body) {
        answerAfter(0, status, body);
    }

    /** Accepts every purge, each answer sent {@code millis} after the request came in. */
    void acceptAfter(int millis) {
        answerAfter(
                millis, 200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"purge-req-1\"}}");
    }

    private void answerAfter(int millis, int status, String body) {
        server.stubFor(post(urlEqualTo(PURGE_PATH))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)
                        .withFixedDelay(millis)));
    }

    /** Refuses every purge as Cloudflare does for a token without the permission; the error echoes the token. */
    void refuse() {
        answer(
                403,
                "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error for Bearer " + TOKEN
                        + "\"}],\"messages\":[],\"result\":null}");
    }

    /**
     * Refuses purges of URLs (a body with {@code files}) only, so that a tags purge in the same run succeeds;
     * {@link #acceptFilePurges()} undoes it.
     */
    void refuseFilePurges() {
        filesRefused = server.stubFor(post(urlEqualTo(PURGE_PATH))
                .atPriority(1)
                .withRequestBody(containing("\"files\""))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication "
                                + "error\"}],\"messages\":[],\"result\":null}")));
    }

    void acceptFilePurges() {
        if (filesRefused != null) {
            server.removeStub(filesRefused);
            filesRefused = null;
        }
    }

    /** Waits until a purge request has come in (its answer may still be delayed). */
    void awaitPurgeRequest() throws InterruptedException {
        while (purges().isEmpty()) {
            Thread.sleep(50);
        }
    }

    List<LoggedRequest> purges() {
        return server.findAll(postRequestedFor(urlEqualTo(PURGE_PATH)));
    }

    /** Every URL sent in every purge request so far. */
    TreeSet<String> purgedUrls() throws IOException {
        TreeSet<String> urls = new TreeSet<>();
        for (LoggedRequest request : purges()) {
            for (JsonNode file : JSON.readTree(request.getBodyAsString()).path("files")) {
                urls.add(file.asText());
            }
        }
        return urls;
    }

    /** Whether some request purged everything. */
    boolean purgedEverything() throws IOException {
        for (LoggedRequest request : purges()) {
            if (JSON.readTree(request.getBodyAsString())
                    .path("purge_everything")
                    .asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        purges().forEach(r -> bodies.add(r.getBodyAsString()));
        return bodies;
    }

    void forgetRequests() {
        server.resetRequests();
    }

    @Override
    public void close() {
        server.stop();
    }
}
