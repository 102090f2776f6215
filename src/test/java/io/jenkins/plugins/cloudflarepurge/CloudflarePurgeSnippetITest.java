package io.jenkins.plugins.cloudflarepurge;

import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.PREFIX;
import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.ZONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.planning.PlannerSettings;
import java.net.URL;
import java.util.List;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.actions.ArgumentsAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graphanalysis.NodeStepTypePredicate;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Snippet Generator turns the step's form, as a browser submits it, into the Groovy a user would write: only
 * the values that differ from the defaults. Running that Groovy gives the same step back.
 */
@WithJenkins
class CloudflarePurgeSnippetITest {

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

    /** Every field of the step's form as the browser sends it: untouched fields with the form's defaults. */
    private static JSONObject form() {
        JSONObject json = new JSONObject();
        json.put("stapler-class", CloudflarePurgeStep.class.getName());
        json.put("$class", CloudflarePurgeStep.class.getName());
        json.put("credentialsId", "");
        json.put("includeUser", "false");
        json.put("zoneId", "");
        json.put("urlPrefixes", "");
        json.put("siteDirectory", "");
        json.put("sourceRoot", "");
        json.put("includes", "");
        json.put("excludes", "");
        json.put("fallback", "everything");
        json.put("dryRun", false);
        json.put("onFailure", "fail");
        json.put("indexDocuments", PlannerSettings.DEFAULT_INDEX_DOCUMENTS);
        json.put("purgeDirectoryWithoutSlash", false);
        json.put("extraUrls", "");
        json.put("variants", "");
        json.put("maxUrls", String.valueOf(PlannerSettings.DEFAULT_MAX_URLS));
        json.put("repository", "");
        json.put("purgeEverything", false);
        json.put("paths", "");
        json.put("tags", "");
        json.put("hosts", "");
        json.put("prefixes", "");
        return json;
    }

    /** Posts the form to the Snippet Generator, as its "Generate Pipeline Script" button does. */
    private String generate(JSONObject form) throws Exception {
        WebRequest request = new WebRequest(new URL(j.getURL(), "pipeline-syntax/generateSnippet"), HttpMethod.POST);
        request.setRequestParameters(List.of(
                new NameValuePair("json", form.toString()),
                new NameValuePair(
                        j.jenkins.getCrumbIssuer().getDescriptor().getCrumbRequestField(),
                        j.jenkins.getCrumbIssuer().getCrumb())));
        WebResponse response = j.createWebClient().loadWebResponse(request);
        assertEquals(200, response.getStatusCode(), response.getContentAsString());
        return response.getContentAsString().trim();
    }

    @Test
    void anUntouchedFormGeneratesTheBareStep() throws Exception {
        assertEquals("cloudflarePurge()", generate(form()));
    }

    @Test
    void aConfiguredStepRoundTripsThroughTheSnippetGeneratorAndAPipeline() throws Exception {
        JSONObject form = form();
        form.put("zoneId", ZONE);
        form.put("urlPrefixes", PREFIX);
        form.put("sourceRoot", "public");
        form.put("fallback", "prefixes");
        form.put("dryRun", true);
        form.put("onFailure", "unstable");
        form.put("maxUrls", "42");
        String groovy = generate(form);
        assertEquals(
                "cloudflarePurge dryRun: true, fallback: 'prefixes', maxUrls: 42, onFailure: 'unstable',"
                        + " sourceRoot: 'public', urlPrefixes: '" + PREFIX + "', zoneId: '" + ZONE + "'",
                groovy);

        WorkflowJob job = j.createProject(WorkflowJob.class, "snippet");
        job.setDefinition(new CpsFlowDefinition(groovy, true));
        WorkflowRun run = j.buildAndAssertSuccess(job);
        assertTrue(cloudflare.purges().isEmpty(), "a dry run sends nothing");
        FlowNode node = new DepthFirstScanner()
                .findFirstMatch(run.getExecution(), new NodeStepTypePredicate(CloudflarePurgeStep.FUNCTION_NAME));
        assertNotNull(node, "the step ran");
        CloudflarePurgeStep ran =
                DescribableModel.of(CloudflarePurgeStep.class).instantiate(ArgumentsAction.getFilteredArguments(node));

        CloudflarePurgeStep expected = new CloudflarePurgeStep();
        expected.setZoneId(ZONE);
        expected.setUrlPrefixes(PREFIX);
        expected.setSourceRoot("public");
        expected.setFallback("prefixes");
        expected.setDryRun(true);
        expected.setOnFailure("unstable");
        expected.setMaxUrls(42);
        assertEquals(expected.arguments(), ran.arguments());
    }
}
