/**
 * Phoenix's REST API v1: DTOs ({@code …Dto}) and handlers over {@link dev.arbor.server.query.QueryService}.
 * Responses are {@code {data, next_cursor}}; ids are Phoenix-style global ids; errors are plain text.
 */
package dev.arbor.server.api;
