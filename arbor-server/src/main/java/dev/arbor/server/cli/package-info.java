/** The {@code arbor} command line: {@code serve} starts the server. */
package dev.arbor.server.cli;
