package net.taler.common.config;

/** One option as stored: its name as first written, its raw value and where it was set. */
public record ConfigEntry(String name, String value, Source source) {
}
