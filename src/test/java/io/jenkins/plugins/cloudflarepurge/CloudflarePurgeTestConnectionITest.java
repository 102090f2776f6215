package io.jenkins.plugins.cloudflarepurge;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.util.FormValidation;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** "Test connection" on Manage Jenkins &gt; System, as an administrator presses it. */
@WithJenkins
class CloudflarePurgeTestConnectionITest {

    private JenkinsRule j;
    private CloudflareStub cloudflare;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        cloudflare = new CloudflareStub().configure();
    }

    @AfterEach
    void tearDown() {
        cloudflare.close();
    }

    /** An API base URL on this machine where nothing listens: the port was free a moment ago. */
    private static String nothingListens() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/client/v4";
        }
    }

    private int verifications() {
        return cloudflare
                .server
                .findAll(getRequestedFor(urlEqualTo("/client/v4/user/tokens/verify")))
                .size();
    }

    @Test
    void theButtonSendsTheApiBaseUrlAndTimeoutsTypedInTheForm() throws Exception {
        // Saved: a base URL where nothing answers. Typed in the form, not saved: the stub's.
        CloudflarePurgeConfiguration.get().setApiBaseUrl(nothingListens());
        JenkinsRule.WebClient web = j.createWebClient();
        HtmlPage page = web.goTo("manage/configure");
        web.waitForBackgroundJavaScript(5_000); // the credential drop-down is filled by a request of its own
        HtmlForm form = page.getFormByName("config");
        form.getInputByName("_.apiBaseUrl").setValue(cloudflare.apiBaseUrl());
        form.getInputByName("_.requestTimeoutSeconds").setValue("20");
        HtmlButton button = page.getFirstByXPath("//button[@data-validate-button-method='testConnection']");
        button.click();
        web.waitForBackgroundJavaScript(10_000);

        assertEquals(1, verifications(), "the test went to the base URL typed in the form");
        assertEquals(1, cloudflare.purges().size(), "and purged its one test URL there");
        String answer = page.asNormalizedText();
        assertTrue(answer.contains("may purge zone " + CloudflareStub.ZONE), answer);
        assertFalse(answer.contains(CloudflareStub.TOKEN));
    }

    @Test
    void anInvalidTimeoutInTheFormIsNamed() {
        FormValidation answer = CloudflarePurgeConfiguration.get()
                .doTestConnection(
                        CloudflareStub.CREDENTIALS_ID,
                        CloudflareStub.ZONE,
                        CloudflareStub.PREFIX,
                        cloudflare.apiBaseUrl(),
                        "",
                        "601");
        assertEquals(FormValidation.Kind.ERROR, answer.kind);
        assertTrue(answer.getMessage().contains("Request timeout"), answer.getMessage());
        assertEquals(0, verifications(), "nothing was sent with settings a build would refuse");
    }

    @Test
    void anUnreachableHostIsNotBlamedOnTheToken() throws Exception {
        FormValidation answer = CloudflarePurgeConfiguration.get()
                .doTestConnection(
                        CloudflareStub.CREDENTIALS_ID,
                        CloudflareStub.ZONE,
                        CloudflareStub.PREFIX,
                        nothingListens(),
                        "2",
                        "2");
        assertEquals(FormValidation.Kind.ERROR, answer.kind);
        String message = answer.getMessage();
        assertFalse(message.contains("did not accept the token"), message);
        // The sentence is the engine's (ConnectionCheck, CloudflareClient): its test purge must not end with a
        // build's "the request is retried", since Test connection sends each request once.
        assertFalse(message.contains("retried"), "a one-shot test retries nothing: " + message);
        assertFalse(message.contains(CloudflareStub.TOKEN));
    }
}
