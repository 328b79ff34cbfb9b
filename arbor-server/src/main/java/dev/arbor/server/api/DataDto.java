package dev.arbor.server.api;

/** Phoenix's single-item envelope: {@code {data}}. */
record DataDto<T>(T data) {}
