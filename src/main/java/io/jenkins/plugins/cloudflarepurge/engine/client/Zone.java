package io.jenkins.plugins.cloudflarepurge.engine.client;

/**
 * A zone as {@code /zones?name=} lists it.
 *
 * @param id the 32-hex-digit zone ID
 * @param name the domain, e.g. example.com
 * @param status e.g. active, pending
 */
public record Zone(String id, String name, String status) {}
