package io.jenkins.plugins.cloudflarepurge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Who may call the plugin's web methods. Checks that parse only their own value and fixed drop-downs answer anyone
 * who can reach them, so that the Snippet Generator and a read-only view of Manage Jenkins work; the credential
 * drop-downs and checks follow the Credentials plugin's consumer guide (only the current value, no list, for a user
 * who may not see credentials); "Test connection" answers only an administrator's POST with a crumb.
 */
@WithJenkins
class CloudflarePurgePermissionsITest {

    private static final String STEP = "descriptorByName/" + CloudflarePurgeStep.class.getName() + "/";
    private static final String RECORDER = "descriptorByName/" + CloudflarePurgeRecorder.class.getName() + "/";
    private static final String GLOBAL = "descriptorByName/" + CloudflarePurgeConfiguration.class.getName() + "/";

    /** The parse-only checks and fixed drop-downs the step's and the recorder's descriptors have. */
    private static final List<String> OPEN = List.of(
            "checkZoneId?value=x",
            "checkUrlPrefixes?value=x",
            "checkSourceRoot?value=x",
            "checkIncludes?value=x",
            "checkExcludes?value=x",
            "checkIndexDocuments?value=x",
            "checkExtraUrls?value=x",
            "checkVariants?value=x",
            "checkTags?value=x",
            "checkHosts?value=x",
            "checkPrefixes?value=x",
            "checkPaths?value=x",
            "checkMaxUrls?value=1",
            "fillFallbackItems",
            "fillOnFailureItems");

    private static final List<String> GLOBAL_OPEN = List.of(
            "checkZoneId?value=x",
            "checkUrlPrefixes?value=x",
            "fillPlanItems",
            "checkUrlsPerRequest?value=1",
            "checkUrlsPerSecond?value=1",
            "checkMaxInFlight?value=1",
            "checkConnectTimeoutSeconds?value=1",
            "checkRequestTimeoutSeconds?value=1",
            "checkApiBaseUrl?value=x");

    private JenkinsRule j;
    private CloudflareStub cloudflare;
    private FreeStyleProject job;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        cloudflare = new CloudflareStub().configure();
        job = j.createFreeStyleProject("site");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader", "viewer")
                .grant(Item.READ)
                .onItems(job)
                .to("viewer"));
    }

    @AfterEach
    void tearDown() {
        cloudflare.close();
    }

    private int status(String user, String relative) throws Exception {
        JenkinsRule.WebClient web = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        web.login(user);
        Page page = web.goTo(relative, null);
        return page.getWebResponse().getStatusCode();
    }

    private String body(String user, String relative) throws Exception {
        JenkinsRule.WebClient web = j.createWebClient();
        web.login(user);
        return web.goTo(relative, null).getWebResponse().getContentAsString();
    }

    @Test
    void aReaderGetsTheChecksAndDropDownsThatNeedNoPermission() throws Exception {
        for (String method : OPEN) {
            assertEquals(200, status("reader", STEP + method), STEP + method);
            assertEquals(200, status("reader", RECORDER + method), RECORDER + method);
            assertEquals(200, status("viewer", "job/site/" + STEP + method), "job/site/" + STEP + method);
        }
        assertEquals(200, status("reader", RECORDER + "fillResultThresholdItems"));
        for (String method : GLOBAL_OPEN) {
            assertEquals(200, status("reader", GLOBAL + method), GLOBAL + method);
        }
        assertTrue(body("reader", STEP + "fillFallbackItems").contains("\"everything\""), "the list is filled");
        assertTrue(body("reader", STEP + "checkZoneId?value=example.com").contains("zone name"), "and checked");
    }

    @Test
    void aUserWhoMayNotSeeCredentialsGetsOnlyTheCurrentValue() throws Exception {
        List<String> lists = List.of(
                STEP + "fillCredentialsIdItems?credentialsId=current",
                RECORDER + "fillCredentialsIdItems?credentialsId=current",
                GLOBAL + "fillCredentialsIdItems?credentialsId=current",
                "job/site/" + STEP + "fillCredentialsIdItems?credentialsId=current");
        for (String list : lists) {
            String json = body(list.startsWith("job/") ? "viewer" : "reader", list);
            assertTrue(json.contains("current"), list + ": " + json);
            assertFalse(json.contains(CloudflareStub.CREDENTIALS_ID), list + ": " + json);
        }
        assertTrue(body("admin", GLOBAL + "fillCredentialsIdItems").contains(CloudflareStub.CREDENTIALS_ID));
        assertTrue(
                body("admin", "job/site/" + STEP + "fillCredentialsIdItems").contains(CloudflareStub.CREDENTIALS_ID));

        // No check tells a reader whether a credential exists.
        String missing = body("reader", GLOBAL + "checkCredentialsId?value=nope");
        assertFalse(missing.contains("error"), missing);
        String known = body("viewer", "job/site/" + STEP + "checkCredentialsId?value=nope");
        assertFalse(known.contains("error"), known);
        assertTrue(body("admin", GLOBAL + "checkCredentialsId?value=nope").contains("error"));
    }

    @Test
    void testConnectionNeedsPostWithACrumbAndAnAdministrator() throws Exception {
        String query =
                "testConnection?credentialsId=" + CloudflareStub.CREDENTIALS_ID + "&zoneId=" + CloudflareStub.ZONE
                        + "&urlPrefixes=" + URLEncoder.encode(CloudflareStub.PREFIX, StandardCharsets.UTF_8)
                        + "&apiBaseUrl=" + URLEncoder.encode(cloudflare.apiBaseUrl(), StandardCharsets.UTF_8);
        int get = status("admin", GLOBAL + query);
        assertTrue(get == 404 || get == 405, "GET is refused, not " + get);
        assertEquals(0, cloudflare.purges().size(), "a GET reached Cloudflare");

        JenkinsRule.WebClient admin = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        admin.login("admin");
        WebRequest noCrumb = new WebRequest(new URL(j.getURL(), GLOBAL + query), HttpMethod.POST);
        assertEquals(403, admin.getPage(noCrumb).getWebResponse().getStatusCode(), "POST without a crumb is refused");

        JenkinsRule.WebClient reader = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        reader.login("reader");
        WebRequest readerPost = reader.addCrumb(new WebRequest(new URL(j.getURL(), GLOBAL + query), HttpMethod.POST));
        assertEquals(403, reader.getPage(readerPost).getWebResponse().getStatusCode());
        assertEquals(0, cloudflare.purges().size(), "nothing reached Cloudflare");

        WebRequest adminPost = admin.addCrumb(new WebRequest(new URL(j.getURL(), GLOBAL + query), HttpMethod.POST));
        assertEquals(200, admin.getPage(adminPost).getWebResponse().getStatusCode());
        assertEquals(1, cloudflare.purges().size(), "the administrator's test purged one URL");
    }
}
