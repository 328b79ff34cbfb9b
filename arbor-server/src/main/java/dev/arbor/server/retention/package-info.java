/** Retention: applying each project's policy on a schedule and on demand. */
package dev.arbor.server.retention;
