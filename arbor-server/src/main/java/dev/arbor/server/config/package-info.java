/** Settings from flags and environment variables (Phoenix's names accepted), checked at start. */
package dev.arbor.server.config;
