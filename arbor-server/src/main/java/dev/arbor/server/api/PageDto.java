package dev.arbor.server.api;

import java.util.List;

/** Phoenix's list envelope: {@code {data, next_cursor}}. */
record PageDto<T>(List<T> data, String nextCursor) {}
