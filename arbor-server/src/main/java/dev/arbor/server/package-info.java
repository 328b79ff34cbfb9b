/** Arbor's server: wiring ({@link dev.arbor.server.ArborServer}) shared by {@code main} and the tests. */
package dev.arbor.server;
