package io.jenkins.plugins.cloudflarepurge;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import hudson.model.Describable;
import hudson.model.Descriptor;
import java.util.List;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Every field's help file exists and loads. {@code JenkinsRule#assertHelpExists} hands {@code Descriptor#getHelpFile}'s
 * root-relative URL ({@code /descriptor/…}) to {@code WebClient#goTo}, whose {@code assert} refuses a leading slash,
 * so with assertions on (as Surefire runs tests) it fails for every field.
 */
final class HelpFiles {

    private HelpFiles() {}

    static void assertEachLoads(JenkinsRule j, Class<? extends Describable<?>> type, List<String> fields)
            throws Exception {
        // Descriptor#getHelpFile needs a request: ask for the URLs on the server, as assertHelpExists does.
        j.executeOnServer(() -> {
            Descriptor<?> descriptor = j.jenkins.getDescriptorOrDie(type);
            JenkinsRule.WebClient web = j.createWebClient();
            for (String field : fields) {
                String url = descriptor.getHelpFile(field);
                assertNotNull(url, "no help file for " + field + " of " + type.getSimpleName());
                web.goTo(url.startsWith("/") ? url.substring(1) : url);
            }
            return null;
        });
    }
}
