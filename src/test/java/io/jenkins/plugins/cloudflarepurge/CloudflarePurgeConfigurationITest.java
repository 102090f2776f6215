package io.jenkins.plugins.cloudflarepurge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.util.FormValidation;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.yaml.YamlSource;
import io.jenkins.plugins.cloudflarepurge.engine.execution.CloudflarePlan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class CloudflarePurgeConfigurationITest {

    static final String ZONE = "0123456789abcdef0123456789abcdef";

    private static void assertConfigured(CloudflarePurgeConfiguration c) {
        assertEquals("cf-token", c.getCredentialsId());
        assertEquals(ZONE, c.getZoneId());
        assertEquals("https://www.example.com\nhttps://cdn.example.com/site", c.getUrlPrefixes());
        assertEquals("BUSINESS", c.getPlan());
        assertEquals(100, c.getUrlsPerRequest());
        assertEquals(1200, c.getUrlsPerSecond());
        assertEquals(4, c.getMaxInFlight());
        assertEquals(5, c.getConnectTimeoutSeconds());
        assertEquals(45, c.getRequestTimeoutSeconds());
        assertEquals("https://cf-gateway.example.com/client/v4", c.getApiBaseUrl());
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void configurationAsCodeRoundTrips(JenkinsConfiguredWithCodeRule j) throws Exception {
        CloudflarePurgeConfiguration config = CloudflarePurgeConfiguration.get();
        assertConfigured(config);
        assertEquals(
                CloudflarePlan.BUSINESS.requestsPerPeriod(),
                config.apiSettings().limits().requestsPerPeriod());
        assertEquals(100, config.apiSettings().limits().urlsPerRequest());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(out);
        String exported = out.toString(StandardCharsets.UTF_8);
        String section = unclassifiedSection(exported, "cloudflarePurge");
        assertTrue(section.contains(ZONE), exported);
        assertTrue(section.contains("urlsPerRequest: 100"), section);
        assertTrue(section.contains("cf-gateway.example.com"), section);

        config.setZoneId(null);
        config.setPlan(null);
        config.setUrlsPerRequest(null);
        config.setApiBaseUrl(null);
        assertNull(config.getZoneId());
        ConfigurationAsCode.get()
                .configureWith(YamlSource.of(
                        new ByteArrayInputStream(("unclassified:\n" + section).getBytes(StandardCharsets.UTF_8))));
        assertConfigured(CloudflarePurgeConfiguration.get());
    }

    /** The lines of {@code unclassified: <name>:} in an exported YAML, with their indentation. */
    private static String unclassifiedSection(String yaml, String name) {
        StringBuilder section = new StringBuilder();
        boolean inUnclassified = false;
        boolean inSection = false;
        for (String line : yaml.split("\n")) {
            if (!line.startsWith(" ")) {
                inUnclassified = line.equals("unclassified:");
                inSection = false;
                continue;
            }
            if (inUnclassified && line.startsWith("  ") && !line.startsWith("   ")) {
                inSection = line.equals("  " + name + ":");
            }
            if (inSection) {
                section.append(line).append('\n');
            }
        }
        assertTrue(section.length() > 0, "no unclassified." + name + " in\n" + yaml);
        return section.toString();
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void theWebFormKeepsEveryValue(JenkinsConfiguredWithCodeRule j) throws Exception {
        j.configRoundtrip();
        assertConfigured(CloudflarePurgeConfiguration.get());
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void testConnectionProvesTheTokenAndThePurgePermission(JenkinsConfiguredWithCodeRule j) throws Exception {
        try (CloudflareStub cloudflare = new CloudflareStub().configure()) {
            CloudflarePurgeConfiguration config = CloudflarePurgeConfiguration.get();
            FormValidation ok = config.doTestConnection(
                    CloudflareStub.CREDENTIALS_ID,
                    CloudflareStub.ZONE,
                    CloudflareStub.PREFIX,
                    cloudflare.apiBaseUrl(),
                    "",
                    "");
            assertEquals(FormValidation.Kind.OK, ok.kind, ok.getMessage());
            assertTrue(ok.getMessage().contains("may purge zone " + CloudflareStub.ZONE), ok.getMessage());
            assertTrue(
                    cloudflare.bodies().get(0).contains("cloudflare-purge-connection-test-"),
                    cloudflare.bodies().toString());

            cloudflare.refuse();
            FormValidation refused = config.doTestConnection(
                    CloudflareStub.CREDENTIALS_ID,
                    CloudflareStub.ZONE,
                    CloudflareStub.PREFIX,
                    cloudflare.apiBaseUrl(),
                    "",
                    "");
            assertEquals(FormValidation.Kind.ERROR, refused.kind);
            assertTrue(refused.getMessage().contains("Cache Purge"), refused.getMessage());
            assertTrue(!refused.getMessage().contains(CloudflareStub.TOKEN), refused.getMessage());

            FormValidation missing = config.doTestConnection(
                    "nope", CloudflareStub.ZONE, CloudflareStub.PREFIX, cloudflare.apiBaseUrl(), "", "");
            assertEquals(FormValidation.Kind.ERROR, missing.kind);
        }
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void everyFieldHasHelp(JenkinsConfiguredWithCodeRule j) throws Exception {
        HelpFiles.assertEachLoads(
                j,
                CloudflarePurgeConfiguration.class,
                List.of(
                        "credentialsId",
                        "zoneId",
                        "urlPrefixes",
                        "plan",
                        "urlsPerRequest",
                        "urlsPerSecond",
                        "maxInFlight",
                        "connectTimeoutSeconds",
                        "requestTimeoutSeconds",
                        "apiBaseUrl"));
    }
}
