package dev.arbor.store;

import java.time.Instant;

/** A signed-in browser: the SHA-256 of its cookie's token, whose user, and until when. */
public record LoginSession(String tokenHash, long userId, Instant createdAt, Instant expiresAt) {
}
