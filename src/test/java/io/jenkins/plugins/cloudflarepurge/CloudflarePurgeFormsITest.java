package io.jenkins.plugins.cloudflarepurge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PlannerSettings;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every form of the plugin renders where users meet it: a freestyle job's configure page with the post-build
 * action, the form "Add post-build action" loads, the Snippet Generator's step form (global and per job), and
 * Manage Jenkins &gt; System. A Jelly error in any of them answers HTTP 500, which fails the test.
 *
 * <p>The forms that Jenkins loads on demand (the post-build action added, the Snippet Generator's step) are fetched
 * the way the browser's script fetches them: a POST to the {@code render} method of the placeholder's proxy.
 */
@WithJenkins
class CloudflarePurgeFormsITest {

    /** Fields of the shared form, from the top, from each advanced block, and the last one. */
    private static final List<String> STEP_FIELDS =
            List.of("_.credentialsId", "_.zoneId", "_.fallback", "_.onFailure", "_.maxUrls", "_.prefixes");

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
    }

    /** A web client that reads the server's HTML as it is: the test checks what Jenkins renders, not a script. */
    private JenkinsRule.WebClient web() {
        JenkinsRule.WebClient web = j.createWebClient();
        web.getOptions().setJavaScriptEnabled(false);
        return web;
    }

    private static void assertHasFields(String html, List<String> names) {
        for (String name : names) {
            assertTrue(html.contains("name=\"" + name + "\""), name + " missing in\n" + html);
        }
    }

    /** Renders a placeholder of a form loaded on demand, as the browser's script does; fails on any HTTP error. */
    private String renderOnDemand(JenkinsRule.WebClient web, DomElement placeholder) throws Exception {
        assertNotNull(placeholder, "no placeholder for the form");
        String proxy = placeholder.getAttribute("data-proxy-url");
        assertFalse(proxy.isEmpty(), placeholder.asXml());
        WebRequest request = new WebRequest(new URL(j.getURL(), proxy + "/render"), HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/x-stapler-method-invocation;charset=UTF-8");
        request.setAdditionalHeader("Crumb", placeholder.getAttribute("data-proxy-crumb"));
        request.setAdditionalHeader(
                j.jenkins.getCrumbIssuer().getDescriptor().getCrumbRequestField(),
                j.jenkins.getCrumbIssuer().getCrumb());
        request.setRequestBody("[]");
        WebResponse response = web.loadWebResponse(request);
        assertEquals(200, response.getStatusCode(), response.getContentAsString());
        return response.getContentAsString();
    }

    @Test
    void aFreestyleJobWithTheActionCanBeConfigured() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("site");
        CloudflarePurgeRecorder recorder = new CloudflarePurgeRecorder();
        recorder.setZoneId(CloudflareStub.ZONE);
        recorder.setPrefixes("www.example.com/blog");
        project.getPublishersList().add(recorder);

        HtmlPage page = web().getPage(project, "configure");
        HtmlForm form = page.getFormByName("config");
        String html = form.asXml();
        assertHasFields(html, STEP_FIELDS);
        assertHasFields(html, List.of("_.resultThreshold"));
        assertEquals(CloudflareStub.ZONE, form.getInputByName("_.zoneId").getValue());
        assertEquals(
                "www.example.com/blog", form.getTextAreaByName("_.prefixes").getText());
        assertTrue(html.contains("Prefixes, purged with everything below them"), "the label keeps its words");
        assertNotNull(form.getButtonByName("Submit"), "the page ends with its Save button");
    }

    @Test
    void theAddPostBuildActionFormRenders() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("empty");
        JenkinsRule.WebClient web = web();
        HtmlPage page = web.getPage(project, "configure");
        String id = CloudflarePurgeRecorder.class.getName();
        // the HTML parser may keep the attribute's name as written or lower-case it
        DomElement placeholder = page.getFirstByXPath("//div[@descriptorId='" + id + "' or @descriptorid='" + id
                + "']//div[contains(@class,'render-on-demand')]");
        String html = renderOnDemand(web, placeholder);
        assertHasFields(html, STEP_FIELDS);
        assertHasFields(html, List.of("_.resultThreshold"));
        assertTrue(
                html.contains("value=\"" + PlannerSettings.DEFAULT_INDEX_DOCUMENTS + "\""),
                "a new action starts with the engine's index documents");
        assertTrue(html.contains("value=\"" + PlannerSettings.DEFAULT_MAX_URLS + "\""), "and its URL limit");
    }

    /** The placeholder of the step's form in the Snippet Generator: the one just before its class entry. */
    private static DomElement stepPlaceholder(HtmlPage page) {
        return page.getFirstByXPath("//input[@name='stapler-class' and @value='" + CloudflarePurgeStep.class.getName()
                + "']/preceding::div[contains(@class,'render-on-demand')][1]");
    }

    @Test
    void theSnippetGeneratorRendersTheStepForm() throws Exception {
        JenkinsRule.WebClient web = web();
        String global = renderOnDemand(web, stepPlaceholder(web.goTo("pipeline-syntax")));
        assertHasFields(global, STEP_FIELDS);

        WorkflowJob job = j.createProject(WorkflowJob.class, "pipeline");
        String perJob = renderOnDemand(web, stepPlaceholder(web.getPage(job, "pipeline-syntax")));
        assertHasFields(perJob, STEP_FIELDS);
        assertTrue(perJob.contains("value=\"" + PlannerSettings.DEFAULT_MAX_URLS + "\""), perJob);
    }

    @Test
    void theSnippetGeneratorRendersForAUserWhoMayOnlyReadTheJob() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "pipeline");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader")
                .grant(Item.READ, Item.EXTENDED_READ)
                .onItems(job)
                .to("reader"));
        JenkinsRule.WebClient web = j.createWebClient().login("reader");
        web.getOptions().setJavaScriptEnabled(false);
        assertHasFields(renderOnDemand(web, stepPlaceholder(web.getPage(job, "pipeline-syntax"))), STEP_FIELDS);
        assertHasFields(renderOnDemand(web, stepPlaceholder(web.goTo("pipeline-syntax"))), STEP_FIELDS);
    }

    @Test
    void manageJenkinsSystemRendersTheSectionWithTestConnectionAfterItsFields() throws Exception {
        HtmlPage page = web().goTo("manage/configure");
        String html = page.getFormByName("config").asXml();
        List<String> fields = List.of(
                "_.credentialsId",
                "_.zoneId",
                "_.urlPrefixes",
                "_.plan",
                "_.urlsPerRequest",
                "_.urlsPerSecond",
                "_.maxInFlight",
                "_.connectTimeoutSeconds",
                "_.requestTimeoutSeconds",
                "_.apiBaseUrl");
        assertHasFields(html, fields);
        assertTrue(html.contains("Connect timeout in seconds"), "the unit stays in the label");
        assertTrue(html.contains("Request timeout in seconds"));
        int button = html.indexOf("data-validate-button-method=\"testConnection\"");
        assertTrue(button > 0, html);
        for (String field : fields) {
            assertTrue(
                    html.indexOf("name=\"" + field + "\"") < button,
                    field + " comes after Test connection, which sends only the fields before it");
        }
    }
}
