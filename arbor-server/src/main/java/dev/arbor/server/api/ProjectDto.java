package dev.arbor.server.api;

/** Phoenix's {@code Project}. */
record ProjectDto(String id, String name, String description) {}
