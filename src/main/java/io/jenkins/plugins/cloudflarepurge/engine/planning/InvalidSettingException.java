package io.jenkins.plugins.cloudflarepurge.engine.planning;

/**
 * A setting the planner cannot work with. The message names the field and the value and says how to fix it, so
 * the same words serve the console, the build log and the form validation of the Jenkins glue.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    public InvalidSettingException(String field, String value, String message) {
        super(message);
        this.field = field;
        this.value = value;
    }

    /** The setting's name as a person reads it, for instance "URL prefix". */
    public String field() {
        return field;
    }

    /** The offending value, as given. */
    public String value() {
        return value;
    }
}
